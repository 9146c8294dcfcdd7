// Several identityd on one database, and the database going away: changes
// made through one server take effect on the next call through another, and
// a server rides out a database outage by itself.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <iostream>
#include <thread>

#include "absl/time/clock.h"
#include "base/status_matchers.h"
#include "tests/e2e/server_under_test.h"
#include "tests/harness/postgres_server.h"
#include "tests/harness/shared_postgres.h"
#include "tests/harness/test_database.h"
#include "tests/harness/time_scale.h"

namespace identity::testing {
namespace {

using ::testing::ElementsAre;

// a change reaches every replica within 100 ms. The server that
// made it evicts synchronously; others learn through LISTEN/NOTIFY, which
// lands a few milliseconds after the writer has answered.
const absl::Duration kPropagationBound = Scaled(absl::Milliseconds(100));

// How long until `call` answers `code`; polls for up to 20x the bound so
// that a miss reports the real latency.
template <typename Call>
absl::Duration TimeUntilCode(Call call, absl::StatusCode code) {
  const absl::Time start = absl::Now();
  while (call().code() != code) {
    if (absl::Now() - start > 20 * kPropagationBound) break;
    absl::SleepFor(absl::Milliseconds(1));
  }
  const absl::Duration latency = absl::Now() - start;
  std::cout << "propagated in " << latency << "\n";
  return latency;
}

TEST(ReplicaTest, KeyDeletedThroughOneServerFailsOnTheNextCallToAnother) {
  ServerUnderTest first;
  ServerUnderTest second(first.database_url());
  const std::string key =
      first.CreateUserWithKey("o1", "t1", "jack", {"api-user"});
  Client jack_on_first = first.ClientFor(key);
  Client jack_on_second = second.ClientFor(key);
  // The second server now has the key in its cache.
  ASSERT_THAT(jack_on_second.GetUserInfo(), IsOk());
  ASSERT_THAT(jack_on_second.GetUserInfo(), IsOk());

  v1::DeleteAccessKeysRequest remove;
  remove.add_names("test-key");
  ASSERT_THAT(jack_on_first.DeleteAccessKeys(remove), IsOk());
  // The server that made the change: the very next call.
  EXPECT_THAT(jack_on_first.GetUserInfo(),
              StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_LE(TimeUntilCode([&] { return jack_on_second.GetUserInfo().status(); },
                          absl::StatusCode::kUnauthenticated),
            kPropagationBound);
}

TEST(ReplicaTest, RoleChangeThroughOneServerShowsOnTheNextCallToAnother) {
  ServerUnderTest first;
  ServerUnderTest second(first.database_url());
  Client jack =
      second.ClientFor(first.CreateUserWithKey("o1", "t1", "jack", {"user"}));
  ASSERT_THAT(jack.GetUserInfo()->roles(), ElementsAre("user"));

  v1::User update;
  update.set_id("jack");
  update.add_roles("trial-user");
  ASSERT_THAT(first.AdminClient().UpdateUser(update), IsOk());
  EXPECT_LE(TimeUntilCode(
                [&] {
                  absl::StatusOr<v1::GetUserInfoResponse> info =
                      jack.GetUserInfo();
                  return info.ok() && info->roles(0) == "trial-user"
                             ? absl::OkStatus()
                             : absl::UnknownError("old roles");
                },
                absl::StatusCode::kOk),
            kPropagationBound);
  absl::StatusOr<v1::GetUserInfoResponse> info = jack.GetUserInfo();
  ASSERT_THAT(info, IsOk());
  EXPECT_THAT(info->roles(), ElementsAre("trial-user"));
  EXPECT_EQ(info->permissions_size(), 5);
}

TEST(ReplicaTest, UserDeletedThroughOneServerIsLockedOutOfAnother) {
  ServerUnderTest first;
  ServerUnderTest second(first.database_url());
  Client jack =
      second.ClientFor(first.CreateUserWithKey("o1", "t1", "jack", {"user"}));
  ASSERT_THAT(jack.GetUserInfo(), IsOk());
  ASSERT_THAT(first.AdminClient().DeleteUser("jack"), IsOk());
  EXPECT_LE(TimeUntilCode([&] { return jack.GetUserInfo().status(); },
                          absl::StatusCode::kUnauthenticated),
            kPropagationBound);
}

TEST(ReplicaTest, ServersStartingTogetherOnAnEmptyDatabaseBothComeUp) {
  const std::string url = FreshDatabaseUrl();
  std::unique_ptr<ServerUnderTest> a;
  std::unique_ptr<ServerUnderTest> b;
  std::thread start_a([&] { a = std::make_unique<ServerUnderTest>(url); });
  std::thread start_b([&] { b = std::make_unique<ServerUnderTest>(url); });
  start_a.join();
  start_b.join();
  EXPECT_THAT(a->AdminClient().GetUserInfo(), IsOk());
  EXPECT_THAT(b->AdminClient().GetUserInfo(), IsOk());
  absl::StatusOr<v1::ListOrgsResponse> orgs = a->AdminClient().ListOrgs();
  ASSERT_THAT(orgs, IsOk());
  EXPECT_EQ(orgs->orgs_size(), 1);  // one root, however many bootstrapped
}

// Polls `call` until it succeeds or `patience` runs out.
template <typename Call>
absl::Status EventuallyOk(Call call, absl::Duration patience) {
  const absl::Time give_up = absl::Now() + patience;
  absl::Status status = call();
  while (!status.ok() && absl::Now() < give_up) {
    absl::SleepFor(absl::Milliseconds(100));
    status = call();
  }
  return status;
}

TEST(ReplicaTest, DatabaseOutageIsUnavailableAndHealsByItself) {
  PostgresServer database;
  TestDatabase db(database);
  ServerUnderTest server(db.url());
  Client admin = server.AdminClient();
  ASSERT_THAT(admin.ListOrgs(), IsOk());

  database.Stop();
  EXPECT_THAT(admin.ListOrgs(), StatusIs(absl::StatusCode::kUnavailable));
  // Without the change feed nothing is trusted from cache either.
  EXPECT_THAT(admin.GetUserInfo(), StatusIs(absl::StatusCode::kUnavailable));
  v1::Org org;
  org.set_id("during-outage");
  EXPECT_THAT(admin.CreateOrg(org), StatusIs(absl::StatusCode::kUnavailable));

  database.Start();
  EXPECT_THAT(EventuallyOk([&] { return admin.ListOrgs().status(); },
                           absl::Seconds(15)),
              IsOk());
  EXPECT_THAT(admin.CreateOrg(org), IsOk());
  EXPECT_THAT(admin.GetUserInfo(), IsOk());
}

}  // namespace
}  // namespace identity::testing
