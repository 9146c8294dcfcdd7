// PostgreSQL crashing (pg_ctl -m immediate) under write load: no write the
// client was told succeeded is lost, every failure is the retryable
// UNAVAILABLE, and the server heals by itself within 2 s of the database
// accepting connections again.
//
// "Outcome unknown": a commit whose connection broke before PostgreSQL
// answered may or may not have happened. The store reports it as UNAVAILABLE
// (storage/postgres/sql_errors.cc, "commit outcome unknown"), the same code as
// any other outage, so a client retries it with the same request_id; this test
// therefore accepts UNAVAILABLE and nothing else, and checks nothing about
// the writes that failed.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <iostream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/blocking_counter.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "tests/e2e/resource_builders.h"
#include "tests/e2e/server_under_test.h"
#include "tests/harness/postgres_server.h"
#include "tests/harness/test_database.h"
#include "tests/harness/time_scale.h"

namespace identity::testing {
namespace {

// The load is bounded by count, so that it is the same on a fast machine as
// on a slow one: each writer makes this many rounds (a user, its key, a
// config key) before the crash, while the database is down, and after it
// is back. Every config key goes to the admin's one config, so the total
// stays under its 1,000 keys.
constexpr int kWriters = 4;
constexpr int kRoundsBeforeCrash = 40;
constexpr int kRoundsDuringOutage = 10;
constexpr int kRoundsAfterRestart = 100;
static_assert(kWriters * (kRoundsBeforeCrash + kRoundsDuringOutage +
                          kRoundsAfterRestart) <
              1000);
// How often, and how far apart, a writer retries a round while the server
// heals after the restart: well past the recovery bound.
constexpr int kRetriesAfterRestart = 1000;
constexpr absl::Duration kRetryPause = absl::Milliseconds(10);
const absl::Duration kRecoveryBound = Scaled(absl::Seconds(2));

// What the writers were told, to be checked against the database afterwards.
struct Outcomes {
  absl::Mutex mu;
  std::vector<v1::User> users_created ABSL_GUARDED_BY(mu);
  // user id -> name of the key created for it.
  std::map<std::string, std::string> keys_created ABSL_GUARDED_BY(mu);
  // config key -> the number it was set to.
  std::map<std::string, double> configs_set ABSL_GUARDED_BY(mu);
  int ok ABSL_GUARDED_BY(mu) = 0;
  int unavailable ABSL_GUARDED_BY(mu) = 0;
  std::vector<absl::Status> other ABSL_GUARDED_BY(mu);
  // When the first call that started after the restart succeeded.
  absl::Time first_ok_after_restart ABSL_GUARDED_BY(mu) =
      absl::InfiniteFuture();

  // Counts `status` of a call that started at `started`; true if it was OK.
  bool Count(const absl::Status& status, absl::Time started,
             absl::Time restarted) {
    absl::MutexLock lock(&mu);
    if (status.ok()) {
      ++ok;
      if (started >= restarted && first_ok_after_restart > absl::Now()) {
        first_ok_after_restart = absl::Now();
      }
      return true;
    }
    if (absl::IsUnavailable(status)) {
      ++unavailable;
    } else {
      other.push_back(status);
    }
    return false;
  }
};

class DatabaseCrashTest : public ::testing::Test {
 protected:
  // Commits reach the WAL before they are acknowledged, as in production.
  PostgresServer database_{PostgresServer::Commits::kDurable};
  TestDatabase db_{database_};
  ServerUnderTest server_{db_.url()};
};

TEST_F(DatabaseCrashTest, AcknowledgedWritesSurviveAndFailuresAreUnavailable) {
  server_.CreateOrgAndTenant("o1", "t1");
  Client admin = server_.AdminClient();
  Outcomes outcomes;
  absl::BlockingCounter before_crash_done(kWriters);
  absl::BlockingCounter outage_done(kWriters);
  absl::Notification crashed;
  absl::Notification restarted_note;
  // Written before the restart, read by the writers; InfiniteFuture until
  // then.
  std::atomic<int64_t> restarted_unix_nanos{
      absl::ToUnixNanos(absl::InfiniteFuture())};

  auto writer = [&](int writer_index) {
    Client client = server_.AdminClient();
    constexpr int kRounds =
        kRoundsBeforeCrash + kRoundsDuringOutage + kRoundsAfterRestart;
    bool crash_passed = false;
    bool restart_passed = false;
    int retries_left = kRetriesAfterRestart;
    // A round whose user the database refused after the restart is tried
    // again (with a new id: the first may have committed unseen), a bounded
    // number of times, while the server heals.
    for (int i = 0, attempt = 0; i < kRounds; ++attempt) {
      if (i == kRoundsBeforeCrash && !crash_passed) {
        crash_passed = true;
        before_crash_done.DecrementCount();
        crashed.WaitForNotification();
      }
      if (i == kRoundsBeforeCrash + kRoundsDuringOutage && !restart_passed) {
        restart_passed = true;
        outage_done.DecrementCount();
        restarted_note.WaitForNotification();
      }
      const std::string id = absl::StrCat("w", writer_index, "-", attempt);
      auto restarted = [&] {
        return absl::FromUnixNanos(restarted_unix_nanos.load());
      };
      v1::User user = UserProto(id, "t1", "o1", {"user"});
      user.set_name(absl::StrCat("writer ", writer_index, " user ", i));
      user.set_email(absl::StrCat(id, "@example.com"));
      absl::Time started = absl::Now();
      if (!outcomes.Count(client.CreateUser(user).status(), started,
                          restarted())) {
        if (restart_passed && retries_left-- > 0) {
          absl::SleepFor(kRetryPause);
        } else {
          ++i;
        }
        continue;
      }
      ++i;
      {
        absl::MutexLock lock(&outcomes.mu);
        outcomes.users_created.push_back(user);
      }

      v1::CreateAccessKeyRequest key;
      key.set_user_id(id);
      key.set_name(absl::StrCat("key-", attempt));
      started = absl::Now();
      if (outcomes.Count(client.CreateAccessKey(key).status(), started,
                         restarted())) {
        absl::MutexLock lock(&outcomes.mu);
        outcomes.keys_created[id] = key.name();
      }

      v1::UpdateConfigRequest config;
      (*config.mutable_updated()->mutable_fields())[id].set_number_value(
          attempt);
      started = absl::Now();
      if (outcomes.Count(client.UpdateConfig(config).status(), started,
                         restarted())) {
        absl::MutexLock lock(&outcomes.mu);
        outcomes.configs_set[id] = attempt;
      }
    }
  };
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) writers.emplace_back(writer, w);

  before_crash_done.Wait();
  database_.Crash();
  crashed.Notify();
  outage_done.Wait();
  database_.Start();  // Returns once PostgreSQL accepts connections.
  const absl::Time restarted = absl::Now();
  restarted_unix_nanos.store(absl::ToUnixNanos(restarted));
  restarted_note.Notify();
  for (std::thread& thread : writers) thread.join();

  absl::MutexLock lock(&outcomes.mu);
  const absl::Duration recovery = outcomes.first_ok_after_restart - restarted;
  std::cout << "database crash: ok=" << outcomes.ok
            << " unavailable=" << outcomes.unavailable
            << " other=" << outcomes.other.size()
            << " users acknowledged=" << outcomes.users_created.size()
            << " keys acknowledged=" << outcomes.keys_created.size()
            << " configs acknowledged=" << outcomes.configs_set.size()
            << " recovery=" << recovery << std::endl;
  for (const absl::Status& status : outcomes.other) {
    ADD_FAILURE() << "a failure that is not UNAVAILABLE: " << status;
  }
  EXPECT_GT(outcomes.unavailable, 0) << "the crash went unnoticed";
  EXPECT_LE(recovery, kRecoveryBound);

  int users_found = 0;
  for (const v1::User& sent : outcomes.users_created) {
    absl::StatusOr<v1::User> stored = admin.GetUser(sent.id());
    ASSERT_TRUE(stored.ok()) << sent.id() << ": " << stored.status();
    EXPECT_EQ(stored->name(), sent.name());
    EXPECT_EQ(stored->email(), sent.email());
    EXPECT_EQ(stored->tenant_id(), "t1");
    EXPECT_THAT(stored->roles(), ::testing::ElementsAre("user"));
    ++users_found;
  }
  int keys_found = 0;
  for (const auto& [user_id, key_name] : outcomes.keys_created) {
    v1::ListAccessKeysRequest request;
    request.set_user_id(user_id);
    absl::StatusOr<v1::ListAccessKeysResponse> keys =
        admin.ListAccessKeys(request);
    ASSERT_TRUE(keys.ok()) << user_id << ": " << keys.status();
    ASSERT_EQ(keys->access_keys_size(), 1) << user_id;
    EXPECT_EQ(keys->access_keys(0).name(), key_name);
    ++keys_found;
  }
  absl::StatusOr<v1::UpdateConfigResponse> config = admin.UpdateConfig();
  ASSERT_TRUE(config.ok()) << config.status();
  int configs_found = 0;
  for (const auto& [key, number] : outcomes.configs_set) {
    auto field = config->configs().fields().find(key);
    ASSERT_NE(field, config->configs().fields().end()) << key;
    EXPECT_EQ(field->second.number_value(), number) << key;
    ++configs_found;
  }
  std::cout << "database crash: found users=" << users_found
            << " keys=" << keys_found << " configs=" << configs_found
            << std::endl;
}

}  // namespace
}  // namespace identity::testing
