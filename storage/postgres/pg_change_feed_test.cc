// The change feed against a real PostgreSQL: committed changes reach the
// subscriber in order, and the feed rides out a database restart.
#include "storage/postgres/pg_change_feed.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "base/status_macros.h"
#include "base/status_matchers.h"
#include "storage/postgres/pg_store_fixture.h"
#include "tests/harness/postgres_server.h"
#include "tests/harness/test_database.h"

namespace identity::postgres {
namespace {

using ::identity::storage::Access;
using ::identity::storage::ChangeSubscriber;
using ::identity::storage::Lock;
using ::identity::storage::Transaction;
using ::identity::storage::User;
using ::identity::testing::PostgresServer;
using ::identity::testing::TestDatabase;
using ::testing::Not;

class PgChangeFeedTest : public PgStoreFixture {};

// Records what the feed says, in order, as "user:<id>", "live", "down".
class RecordingSubscriber final : public ChangeSubscriber {
 public:
  void OnUserChanged(std::string_view user_id) override {
    Record(absl::StrCat("user:", std::string(user_id)));
  }
  void OnEverythingChanged(bool live) override {
    Record(live ? "live" : "down");
  }

  // Waits for `event` among the events after those already waited for, and
  // moves past it. False after `timeout`.
  bool WaitFor(const std::string& event,
               absl::Duration timeout = absl::Seconds(5)) {
    absl::MutexLock lock(&mu_);
    auto found = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      for (size_t i = next_; i < events_.size(); ++i) {
        if (events_[i] == event) return true;
      }
      return false;
    };
    if (!mu_.AwaitWithTimeout(absl::Condition(&found), timeout)) return false;
    while (events_[next_] != event) ++next_;
    ++next_;
    return true;
  }

  std::vector<std::string> events() {
    absl::MutexLock lock(&mu_);
    return events_;
  }

 private:
  void Record(std::string event) {
    absl::MutexLock lock(&mu_);
    events_.push_back(std::move(event));
  }

  absl::Mutex mu_;
  std::vector<std::string> events_ ABSL_GUARDED_BY(mu_);
  size_t next_ ABSL_GUARDED_BY(mu_) = 0;
};

// A feed that listens, and sends its heartbeats, on `url`.
PgChangeFeed::Options FeedOn(const std::string& url) {
  PgChangeFeed::Options options;
  options.listen_url = url;
  return options;
}

TEST_F(PgChangeFeedTest, ChangeFeedReportsCommittedChanges) {
  SeedHierarchy();
  SeedKey("u1", "k2", 2);
  RecordingSubscriber subscriber;
  std::unique_ptr<PgChangeFeed> feed =
      PgChangeFeed::Start(FeedOn(url_), &subscriber);
  ASSERT_TRUE(subscriber.WaitFor("live"));

  const absl::Time deleted = absl::Now();
  ASSERT_THAT(InTransaction([](Transaction& tx) {
                return tx.access_keys().Delete("u1", {"k1"});
              }),
              IsOk());
  ASSERT_TRUE(subscriber.WaitFor("user:u1", absl::Seconds(2)));
  EXPECT_LT(absl::Now() - deleted, absl::Milliseconds(500));

  // Recording a use is not a change; a rolled back one never happened.
  ASSERT_THAT(store_->RecordKeyUses({{KeyHash(2), absl::Now()}}, Deadline()),
              IsOk());
  EXPECT_THAT(
      store_->RunInTransaction(Deadline(), Access::kReadWrite,
                               [](Transaction& tx) -> absl::Status {
                                 RETURN_IF_ERROR(tx.users().Delete("u1"));
                                 return absl::CancelledError("no");
                               }),
      Not(IsOk()));
  SeedUser("marker", "t1", "o1");
  User marker = *GetUser("marker");
  ASSERT_THAT(
      InTransaction([&](Transaction& tx) { return tx.users().Update(marker); }),
      IsOk());
  ASSERT_TRUE(subscriber.WaitFor("user:marker"));

  User user = *GetUser("u1");
  user.roles = {"admin-user"};
  ASSERT_THAT(
      InTransaction([&](Transaction& tx) { return tx.users().Update(user); }),
      IsOk());
  ASSERT_TRUE(subscriber.WaitFor("user:u1"));

  ASSERT_THAT(InTransaction([](Transaction& tx) {
                return tx.tenants().Delete("t1", /*force=*/true);
              }),
              IsOk());
  ASSERT_TRUE(subscriber.WaitFor("live"));

  std::vector<std::string> events = subscriber.events();
  EXPECT_EQ(std::count(events.begin(), events.end(), "down"), 0);
  // Exactly: live, u1 (key), marker, u1 (roles), then the deletion's users
  // and keys in some order, and "live" for the tenant.
  ASSERT_GE(events.size(), 4u);
  EXPECT_EQ(
      std::vector<std::string>(events.begin(), events.begin() + 4),
      (std::vector<std::string>{"live", "user:u1", "user:marker", "user:u1"}));
}

TEST(ChangeFeedOutageTest, FeedAndStoreRideOutADatabaseRestart) {
  PostgresServer server;
  TestDatabase database(server);
  PgStoreOptions options;
  options.database_url = database.url();
  options.pool_size = 3;
  absl::StatusOr<std::unique_ptr<PgStore>> opened = PgStore::Open(options);
  ASSERT_THAT(opened, IsOk());
  PgStore& store = **opened;
  auto insert_org = [&](const std::string& id) {
    return store.RunInTransaction(
        Deadline(), Access::kReadWrite, [&](Transaction& tx) {
          return tx.orgs().Insert(MakeOrg(id)).status();
        });
  };
  ASSERT_THAT(insert_org("before"), IsOk());

  RecordingSubscriber subscriber;
  std::unique_ptr<PgChangeFeed> feed =
      PgChangeFeed::Start(FeedOn(database.url()), &subscriber);
  ASSERT_TRUE(subscriber.WaitFor("live"));

  server.Stop();
  EXPECT_TRUE(subscriber.WaitFor("down", absl::Seconds(2)));
  absl::Status while_down = insert_org("during");
  EXPECT_THAT(while_down, StatusIs(absl::StatusCode::kUnavailable,
                                   ::testing::Eq("database unavailable")));
  EXPECT_THAT(store.FindCredential(KeyHash(1), Deadline()),
              StatusIs(absl::StatusCode::kUnavailable));

  server.Start();
  EXPECT_TRUE(subscriber.WaitFor("live", absl::Seconds(5)));
  // The same store, without reopening, and on its first try.
  absl::Status after = insert_org("after");
  EXPECT_THAT(after, IsOk());
  for (int i = 0; i < 5; ++i) {  // Every pooled connection works again.
    EXPECT_THAT(store.RunInTransaction(
                    Deadline(), Access::kReadOnly,
                    [](Transaction& tx) {
                      return tx.orgs().Get("before", Lock::kNone).status();
                    }),
                IsOk());
  }
  EXPECT_EQ(std::vector<std::string>(subscriber.events()),
            (std::vector<std::string>{"live", "down", "live"}));

  // Stopping is prompt, connected or not.
  absl::Time start = absl::Now();
  feed.reset();
  EXPECT_LT(absl::Now() - start, absl::Milliseconds(100));
  server.Stop();
  RecordingSubscriber idle;
  feed = PgChangeFeed::Start(FeedOn(database.url()), &idle);
  absl::SleepFor(absl::Milliseconds(300));
  start = absl::Now();
  feed.reset();
  EXPECT_LT(absl::Now() - start, absl::Milliseconds(100));
  EXPECT_EQ(idle.events(), std::vector<std::string>{});
  server.Start();
}

}  // namespace
}  // namespace identity::postgres
