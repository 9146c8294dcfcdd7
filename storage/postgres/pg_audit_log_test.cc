// The audit log against a real PostgreSQL: newest first, filters, pages.
#include "storage/postgres/pg_audit_log.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "base/status_matchers.h"
#include "pqxx/pqxx"
#include "storage/postgres/pg_store_fixture.h"

namespace identity::postgres {
namespace {

using ::identity::storage::AuditEvent;
using ::identity::storage::AuditFilter;
using ::identity::storage::PageRequest;
using ::identity::storage::Transaction;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

class PgAuditLogTest : public PgStoreFixture {};

TEST_F(PgAuditLogTest, AuditListIsNewestFirstWithFiltersAndPages) {
  auto event = [](std::string org, std::string actor, std::string as,
                  std::string type, std::string id) {
    AuditEvent e;
    e.org_id = std::move(org);
    e.actor_id = std::move(actor);
    e.impersonated_user_id = std::move(as);
    e.method = "/identity.v1.UserService/UpdateUser";
    e.resource_type = std::move(type);
    e.resource_id = std::move(id);
    e.peer = "ipv4:127.0.0.1:5555";
    e.summary_json = R"({"fields": ["name"]})";
    return e;
  };
  // Events belong to the org that has their id when they are written.
  SeedOrg("o1");
  SeedOrg("o2");
  const absl::Time before = absl::Now() - absl::Seconds(1);
  ASSERT_THAT(
      InTransaction([&](Transaction& tx) -> absl::Status {
        RETURN_IF_ERROR(
            tx.audit().Append(event("o1", "alice", "", "user", "u1")));
        RETURN_IF_ERROR(
            tx.audit().Append(event("o1", "bob", "alice", "user", "u2")));
        return tx.audit().Append(event("o2", "carol", "", "tenant", "t9"));
      }),
      IsOk());
  ASSERT_THAT(InTransaction([&](Transaction& tx) {
                AuditEvent denied =
                    event("o1", "mallory", "", "impersonation", "u1");
                denied.outcome = "PERMISSION_DENIED";
                denied.summary_json = "";
                return tx.audit().Append(denied);
              }),
              IsOk());
  const absl::Time after = absl::Now() + absl::Seconds(1);

  auto list = [&](AuditFilter filter, std::string page_after = "",
                  int limit = 100) {
    return InTransaction([&](Transaction& tx) {
      PageRequest page;
      page.after = page_after;
      page.limit = limit;
      return tx.audit().List(page, filter);
    });
  };
  auto actors = [](const std::vector<AuditEvent>& events) {
    std::vector<std::string> actors;
    for (const AuditEvent& e : events) actors.push_back(e.actor_id);
    return actors;
  };
  using Want = std::vector<std::string>;

  absl::StatusOr<std::vector<AuditEvent>> all = list(AuditFilter());
  ASSERT_THAT(all, IsOk());
  EXPECT_EQ(actors(*all), (Want{"mallory", "carol", "bob", "alice"}));
  const AuditEvent& newest = (*all)[0];
  EXPECT_EQ(newest.outcome, "PERMISSION_DENIED");
  EXPECT_EQ(newest.summary_json, "{}");
  EXPECT_GT(newest.id, (*all)[1].id);
  const AuditEvent& bobs = (*all)[2];
  EXPECT_EQ(bobs.impersonated_user_id, "alice");
  EXPECT_EQ(bobs.org_id, "o1");
  EXPECT_EQ(bobs.method, "/identity.v1.UserService/UpdateUser");
  EXPECT_EQ(bobs.resource_type, "user");
  EXPECT_EQ(bobs.resource_id, "u2");
  EXPECT_EQ(bobs.peer, "ipv4:127.0.0.1:5555");
  EXPECT_EQ(bobs.summary_json, R"({"fields": ["name"]})");
  EXPECT_EQ(bobs.outcome, "OK");
  EXPECT_GE(bobs.time, before);
  EXPECT_EQ(bobs.time, (*all)[3].time);  // One transaction, one time.

  AuditFilter org;
  org.org_id = "o1";
  EXPECT_EQ(actors(*list(org)), (Want{"mallory", "bob", "alice"}));
  AuditFilter actor;
  actor.actor_id = "alice";  // As actor, or as the one impersonated.
  EXPECT_EQ(actors(*list(actor)), (Want{"bob", "alice"}));
  AuditFilter resource;
  resource.resource_type = "user";
  resource.resource_id = "u2";
  EXPECT_EQ(actors(*list(resource)), (Want{"bob"}));
  AuditFilter future;
  future.start_time = after;
  EXPECT_EQ(actors(*list(future)), (Want{}));
  AuditFilter past;
  past.end_time = before;
  EXPECT_EQ(actors(*list(past)), (Want{}));
  AuditFilter window;
  window.org_id = "o1";
  window.start_time = before;
  window.end_time = after;
  EXPECT_EQ(actors(*list(window)), (Want{"mallory", "bob", "alice"}));

  absl::StatusOr<std::vector<AuditEvent>> first = list(org, "", 2);
  EXPECT_EQ(actors(*first), (Want{"mallory", "bob"}));
  EXPECT_EQ(actors(*list(org, absl::StrCat(first->back().id), 2)),
            (Want{"alice"}));
  EXPECT_THAT(list(org, "not-a-number"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(PgAuditLogTest, AnOrgsEventsAreNeverThoseOfAnEarlierOrgOfItsId) {
  auto append = [&](const std::string& actor) {
    AuditEvent event;
    event.org_id = "acme";
    event.actor_id = actor;
    event.method = "m";
    event.resource_type = "org";
    event.resource_id = "acme";
    return InTransaction(
        [&](Transaction& tx) { return tx.audit().Append(event); });
  };
  auto actors_of_acme = [&] {
    AuditFilter filter;
    filter.org_id = "acme";
    absl::StatusOr<std::vector<AuditEvent>> events =
        InTransaction([&](Transaction& tx) {
          return tx.audit().List(PageRequest{"", 100}, filter);
        });
    std::vector<std::string> actors;
    for (const AuditEvent& e : *events) actors.push_back(e.actor_id);
    return actors;
  };
  SeedOrg("acme");
  ASSERT_THAT(append("first-life"), IsOk());
  ASSERT_THAT(InTransaction([](Transaction& tx) {
                return tx.orgs().Delete("acme", /*force=*/true);
              }),
              IsOk());
  ASSERT_THAT(append("between-lives"), IsOk());
  EXPECT_THAT(actors_of_acme(), IsEmpty());
  SeedOrg("acme");
  ASSERT_THAT(append("second-life"), IsOk());
  EXPECT_THAT(actors_of_acme(), ElementsAre("second-life"));
  // Every org's listing (filter without org) still holds them all.
  absl::StatusOr<std::vector<AuditEvent>> all =
      InTransaction([&](Transaction& tx) {
        return tx.audit().List(PageRequest{"", 100}, AuditFilter());
      });
  ASSERT_THAT(all, IsOk());
  EXPECT_EQ(all->size(), 3u);
}

// The server, not the caller, fills the peer and claimed address, so longer
// ones are cut to fit, between characters; the schema holds every writer to
// the same bounds (migration 0009). Before, a 4 MB claimed address made a
// row no page could carry.
TEST_F(PgAuditLogTest, ThePeerAndClaimedAddressAreBounded) {
  SeedOrg("o1");
  AuditEvent event;
  event.org_id = "o1";
  event.actor_id = "boss";
  event.method = "/envoy.service.auth.v3.Authorization/Check";
  event.resource_type = "impersonation";
  event.resource_id = "hank";
  event.peer = std::string(255, 'p') + "\u00e9\u00e9";  // 257 characters
  event.claimed_address = std::string(44, '1') + "\u20ac\u20ac";
  ASSERT_THAT(
      InTransaction([&](Transaction& tx) { return tx.audit().Append(event); }),
      IsOk());

  absl::StatusOr<std::vector<AuditEvent>> events = AuditEvents("o1");
  ASSERT_THAT(events, IsOk());
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].peer, std::string(255, 'p') + "\u00e9");
  EXPECT_EQ((*events)[0].claimed_address, std::string(44, '1') + "\u20ac");

  pqxx::connection connection(url_);
  pqxx::work work(connection);
  EXPECT_THROW(
      work.exec("INSERT INTO audit_events (actor_id, org_id, method, "
                "resource_type, resource_id, peer, outcome) VALUES ('a', "
                "'o1', 'm', 'org', 'o1', repeat('p', 257), 'OK')"),
      pqxx::check_violation);
}

}  // namespace
}  // namespace identity::postgres
