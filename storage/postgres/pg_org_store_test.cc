// The org store against a real PostgreSQL: every method's success path,
// each documented status code and the state after it.
#include "storage/postgres/pg_org_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/status_matchers.h"
#include "storage/postgres/pg_store_fixture.h"

namespace identity::postgres {
namespace {

using ::identity::storage::AuditEvent;
using ::identity::storage::Org;
using ::identity::storage::PageRequest;
using ::identity::storage::Transaction;

class PgOrgStoreTest : public PgStoreFixture {};

TEST_F(PgOrgStoreTest, OrgInsertWithAuditEventWritesBothInTheNewOrgsTrail) {
  ASSERT_THAT(InTransaction([](Transaction& tx) {
                return tx.orgs().Insert(MakeOrg("o1"), MakeCreateEvent("org"));
              }),
              IsOk());
  EXPECT_THAT(GetOrg("o1"), IsOk());
  // Listed by org: the event has the key of the org made by its statement.
  absl::StatusOr<std::vector<AuditEvent>> events = AuditEvents("o1");
  ASSERT_THAT(events, IsOk());
  ASSERT_EQ(events->size(), 1);
  EXPECT_EQ(events->front().org_id, "o1");
  EXPECT_EQ(events->front().resource_type, "org");
  EXPECT_EQ(events->front().resource_id, "o1");
  EXPECT_EQ(events->front().actor_id, "admin");

  EXPECT_THAT(InTransaction([](Transaction& tx) {
                return tx.orgs().Insert(MakeOrg("o1"), MakeCreateEvent("org"));
              }),
              StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(AuditEvents(), IsOkAndHolds(::testing::SizeIs(1)));
}

TEST_F(PgOrgStoreTest, OrgInsertReturnsStoredRowWithVersionOne) {
  const absl::Time before = absl::Now();
  Org org = MakeOrg("o1");
  org.variables_json = R"({"tier": "gold", "seats": 5})";
  absl::StatusOr<Org> inserted =
      InTransaction([&](Transaction& tx) { return tx.orgs().Insert(org); });
  ASSERT_THAT(inserted, IsOk());
  EXPECT_EQ(inserted->id, "o1");
  EXPECT_EQ(inserted->name, "Org o1");
  EXPECT_EQ(inserted->variables_json, R"({"tier": "gold", "seats": 5})");
  EXPECT_EQ(inserted->version, 1);
  EXPECT_GE(inserted->create_time, before - absl::Seconds(1));
  EXPECT_LE(inserted->create_time, absl::Now() + absl::Seconds(1));
  EXPECT_EQ(inserted->update_time, inserted->create_time);

  absl::StatusOr<Org> read = GetOrg("o1");
  ASSERT_THAT(read, IsOk());
  EXPECT_EQ(read->name, inserted->name);
  EXPECT_EQ(read->variables_json, inserted->variables_json);
  EXPECT_EQ(read->create_time, inserted->create_time);
  EXPECT_EQ(read->version, 1);
}

TEST_F(PgOrgStoreTest, OrgInsertOfTakenIdIsAlreadyExistsAndKeepsTheFirst) {
  SeedOrg("o1");
  Org second = MakeOrg("o1");
  second.name = "Second";
  absl::StatusOr<Org> result =
      InTransaction([&](Transaction& tx) { return tx.orgs().Insert(second); });
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kAlreadyExists,
                               ::testing::Eq("org o1 already exists")));
  EXPECT_EQ(GetOrg("o1")->name, "Org o1");
}

TEST_F(PgOrgStoreTest, OrgInsertWithVariablesThatAreNotAnObjectIsInvalid) {
  for (const char* variables : {"[1, 2]", "not json", "42"}) {
    Org org = MakeOrg("o1");
    org.variables_json = variables;
    absl::StatusOr<Org> result =
        InTransaction([&](Transaction& tx) { return tx.orgs().Insert(org); });
    EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument))
        << variables;
    EXPECT_EQ(result.status().message(), "invalid value");
  }
  EXPECT_THAT(GetOrg("o1"), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(PgOrgStoreTest, OrgGetOfMissingOrgIsNotFound) {
  absl::StatusOr<Org> result = GetOrg("nope");
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kNotFound,
                               ::testing::Eq("org nope does not exist")));
  EXPECT_THAT(result, ErrorReasonIs("ORG_NOT_FOUND"));
}

TEST_F(PgOrgStoreTest, OrgUpdateBumpsVersionAndChecksIt) {
  SeedOrg("o1");
  Org org = *GetOrg("o1");
  org.name = "Renamed";
  org.variables_json = R"({"a": 1})";
  absl::StatusOr<Org> updated =
      InTransaction([&](Transaction& tx) { return tx.orgs().Update(org); });
  ASSERT_THAT(updated, IsOk());
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(updated->name, "Renamed");
  EXPECT_EQ(updated->variables_json, R"({"a": 1})");
  EXPECT_EQ(updated->create_time, org.create_time);
  EXPECT_GE(updated->update_time, org.update_time);

  // `org` still carries version 1: someone else's write came in between.
  org.name = "Stale";
  absl::StatusOr<Org> stale =
      InTransaction([&](Transaction& tx) { return tx.orgs().Update(org); });
  EXPECT_THAT(stale, StatusIs(absl::StatusCode::kAborted));
  EXPECT_EQ(GetOrg("o1")->name, "Renamed");
  EXPECT_EQ(GetOrg("o1")->version, 2);

  Org missing = MakeOrg("nope");
  missing.version = 1;
  absl::StatusOr<Org> gone =
      InTransaction([&](Transaction& tx) { return tx.orgs().Update(missing); });
  EXPECT_THAT(gone, StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(PgOrgStoreTest, OrgDeleteWithoutForceRefusesWhileTenantsExist) {
  SeedHierarchy();
  absl::Status status = InTransaction(
      [](Transaction& tx) { return tx.orgs().Delete("o1", /*force=*/false); });
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kFailedPrecondition,
                               ::testing::Eq("org o1 has tenants")));
  EXPECT_THAT(GetOrg("o1"), IsOk());
  EXPECT_THAT(GetTenant("t1"), IsOk());
  EXPECT_THAT(GetUser("u1"), IsOk());
}

TEST_F(PgOrgStoreTest, OrgDeleteWithoutForceDeletesAnEmptyOrg) {
  SeedOrg("o1");
  EXPECT_THAT(InTransaction([](Transaction& tx) {
                return tx.orgs().Delete("o1", /*force=*/false);
              }),
              IsOk());
  EXPECT_THAT(GetOrg("o1"), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(PgOrgStoreTest, OrgDeleteWithForceDeletesEverythingBelowIt) {
  SeedHierarchy();
  SeedTenant("t2", "o1");
  SeedUser("u2", "t2", "o1");
  SeedOrg("o2");
  SeedTenant("other", "o2");
  SeedUser("bystander", "other", "o2");
  SeedKey("bystander", "k", 2);

  ASSERT_THAT(InTransaction([](Transaction& tx) {
                return tx.orgs().Delete("o1", /*force=*/true);
              }),
              IsOk());
  EXPECT_THAT(GetOrg("o1"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(GetTenant("t1"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(GetTenant("t2"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(GetUser("u1"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(GetUser("u2"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(GetConfig("u1"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(store_->FindCredential(KeyHash(1), Deadline()),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(GetUser("bystander"), IsOk());
  EXPECT_THAT(store_->FindCredential(KeyHash(2), Deadline()), IsOk());
}

TEST_F(PgOrgStoreTest, OrgDeleteOfMissingOrgIsNotFound) {
  for (bool force : {false, true}) {
    absl::Status status = InTransaction(
        [&](Transaction& tx) { return tx.orgs().Delete("nope", force); });
    EXPECT_THAT(status, StatusIs(absl::StatusCode::kNotFound)) << force;
    EXPECT_EQ(status.message(), "org nope does not exist");
  }
}

TEST_F(PgOrgStoreTest, OrgListPagesInIdOrderAndFiltersById) {
  for (const char* id : {"b", "a", "C", "c", "a.b", "_"}) SeedOrg(id);
  auto list = [&](std::string after, int limit, std::string only_id = "") {
    return InTransaction([&](Transaction& tx) {
      PageRequest page;
      page.after = after;
      page.limit = limit;
      return tx.orgs().List(page, only_id);
    });
  };
  // Byte order: uppercase before '_' before lowercase.
  EXPECT_EQ(Ids(*list("", 100)),
            (std::vector<std::string>{"C", "_", "a", "a.b", "b", "c"}));
  EXPECT_EQ(Ids(*list("", 2)), (std::vector<std::string>{"C", "_"}));
  EXPECT_EQ(Ids(*list("_", 2)), (std::vector<std::string>{"a", "a.b"}));
  EXPECT_EQ(Ids(*list("c", 2)), (std::vector<std::string>{}));
  EXPECT_EQ(Ids(*list("", 100, "b")), (std::vector<std::string>{"b"}));
  EXPECT_EQ(Ids(*list("b", 100, "b")), (std::vector<std::string>{}));
  EXPECT_EQ(Ids(*list("", 100, "nope")), (std::vector<std::string>{}));
  EXPECT_THAT(list("", -1), StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace identity::postgres
