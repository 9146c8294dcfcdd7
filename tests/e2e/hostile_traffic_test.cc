// Hostile traffic against the real server: unknown
// keys are remembered but never hide a key created later, a peer that keeps
// failing to authenticate is slowed down without slowing anyone else, a
// cache miss still fails closed when the database is gone, and a burst of
// refused impersonations leaves a bounded, exact trace in the audit trail.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "base/status_matchers.h"
#include "service/auth/access_key_secret.h"
#include "tests/e2e/server_under_test.h"
#include "tests/harness/postgres_server.h"
#include "tests/harness/shared_postgres.h"
#include "tests/harness/test_database.h"

namespace identity::testing {
namespace {

std::string UnknownKey() { return AccessKeySecret::Generate().value(); }

TEST(HostileTrafficTest, AnUnknownKeyCreatedLaterWorksAtOnce) {
  // A replica without a bootstrap key meets the key before it exists...
  const std::string url = FreshDatabaseUrl();
  ServerUnderTest early(url, PostgresBackedServer::Options{},
                        ServerUnderTest::Bootstrap::kNone);
  const Client too_early = early.ClientFor(early.admin_key());
  EXPECT_THAT(too_early.GetUserInfo(),
              StatusIs(absl::StatusCode::kUnauthenticated));
  // ...now served from its negative cache...
  EXPECT_THAT(too_early.GetUserInfo(),
              StatusIs(absl::StatusCode::kUnauthenticated));

  // ...then another replica bootstraps the admin with that very key.
  ServerUnderTest bootstrapper(url);
  ASSERT_THAT(bootstrapper.AdminClient().GetUserInfo(), IsOk());

  // The first replica learns it through the change feed, well before the
  // negative cache's 30 s would run out.
  const absl::Time created = absl::Now();
  absl::StatusOr<v1::GetUserInfoResponse> info = too_early.GetUserInfo();
  while (!info.ok() && absl::Now() - created < absl::Seconds(1)) {
    absl::SleepFor(absl::Milliseconds(10));
    info = too_early.GetUserInfo();
  }
  ASSERT_THAT(info, IsOk());
  EXPECT_EQ(info->id(), "admin");
}

TEST(HostileTrafficTest, AFloodingPeerIsLimitedWhileCachedCallersGoOn) {
  PostgresBackedServer::Options options;
  // Keeps the cache live on a loaded test machine: a silent feed empties it,
  // and an address out of failures gets no lookups.
  options.feed_silence_limit = absl::Seconds(5);
  ServerUnderTest server(FreshDatabaseUrl(), options);
  const Client admin = server.AdminClient();
  const std::string key =
      server.CreateUserWithKey("o1", "t1", "jack", {"user"});
  const Client jack = server.ClientFor(key);
  // Once the feed is live and the new key's own notification has come and
  // gone, the callers' keys are cached by their next calls.
  absl::SleepFor(absl::Milliseconds(500));
  ASSERT_THAT(jack.GetUserInfo(), IsOk());
  ASSERT_THAT(admin.GetUserInfo(), IsOk());

  // The same address as jack's and the admin's: loopback.
  const std::shared_ptr<grpc::Channel> channel = server.NewChannel();
  int unauthenticated = 0;
  int exhausted = 0;
  for (int i = 0; i < 300; ++i) {
    const absl::Status status =
        Client(channel, UnknownKey()).GetUserInfo().status();
    if (absl::IsUnauthenticated(status)) {
      ++unauthenticated;
    } else if (absl::IsResourceExhausted(status)) {
      ++exhausted;
    } else {
      ADD_FAILURE() << status;
    }
    if (i % 50 == 0) {
      EXPECT_THAT(jack.GetUserInfo(), IsOk());
    }
  }
  // A burst of 100, plus what refilled at 20/s while the flood ran.
  EXPECT_GE(unauthenticated, 100);
  EXPECT_LT(unauthenticated, 200);
  EXPECT_EQ(unauthenticated + exhausted, 300);
  EXPECT_THAT(jack.GetUserInfo(), IsOk());
  EXPECT_THAT(admin.GetUserInfo(), IsOk());
  v1::ListUsersRequest list;
  list.set_lookup_org_id("o1");
  EXPECT_THAT(admin.ListUsers(list), IsOk());  // on the executor, too
}

TEST(HostileTrafficTest, AMissFailsClosedWhileTheDatabaseIsDown) {
  PostgresServer postgres;
  TestDatabase database(postgres);
  auto server = std::make_unique<ServerUnderTest>(database.url());
  const Client admin = server->AdminClient();
  ASSERT_THAT(admin.GetUserInfo(), IsOk());

  postgres.Stop();
  // Without the change feed nothing is served from cache: every key is a
  // miss, and a miss without a database is refused.
  const absl::Time give_up = absl::Now() + absl::Seconds(5);
  absl::Status status = admin.GetUserInfo().status();
  while (status.ok() && absl::Now() < give_up) {
    absl::SleepFor(absl::Milliseconds(20));
    status = admin.GetUserInfo().status();
  }
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(server->ClientFor(UnknownKey()).GetUserInfo(),
              StatusIs(absl::StatusCode::kUnavailable));

  postgres.Start();
  server.reset();
}

// The sum of the "refusals" counts of `events`.
int64_t RefusalCount(const std::vector<v1::AuditEvent>& events) {
  int64_t count = 0;
  for (const v1::AuditEvent& event : events) {
    auto it = event.summary().fields().find("refusals");
    if (it != event.summary().fields().end()) {
      count += static_cast<int64_t>(it->second.number_value());
    }
  }
  return count;
}

TEST(HostileTrafficTest, ABurstOfRefusedImpersonationsIsCoalesced) {
  const std::string url = FreshDatabaseUrl();
  auto server = std::make_unique<ServerUnderTest>(url);
  const std::string key =
      server->CreateUserWithKey("o1", "t1", "trial", {"trial-user"});
  const Client as_x = server->ClientFor(key).AsUser("x");
  for (int i = 0; i < 1000; ++i) {
    ASSERT_THAT(as_x.GetUserInfo(),
                StatusIs(absl::StatusCode::kPermissionDenied));
  }
  server.reset();  // stopping flushes what is pending

  ServerUnderTest reader(url);
  v1::ListAuditEventsRequest filter;
  filter.set_lookup_org_id("o1");
  filter.set_actor_id("trial");
  filter.set_resource_type("impersonation");
  filter.set_resource_id("x");
  filter.set_page_size(1000);
  absl::StatusOr<v1::ListAuditEventsResponse> events =
      reader.AdminClient().ListAuditEvents(filter);
  ASSERT_THAT(events, IsOk());
  std::vector<v1::AuditEvent> refusals(events->events().begin(),
                                       events->events().end());
  // One event per flush (every 10 s): the burst straddles at most one.
  EXPECT_GE(refusals.size(), 1u);
  EXPECT_LE(refusals.size(), 2u);
  EXPECT_EQ(RefusalCount(refusals), 1000);
  for (const v1::AuditEvent& event : refusals) {
    EXPECT_EQ(event.outcome(), "PERMISSION_DENIED");
  }
}

}  // namespace
}  // namespace identity::testing
