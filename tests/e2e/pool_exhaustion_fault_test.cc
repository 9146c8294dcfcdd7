// Every database connection held by transactions that wait on a lock the
// test holds (LOCK TABLE users from a connection of its own), and more calls
// queued behind them on the executor: each write ends at its deadline with
// DEADLINE_EXCEEDED or UNAVAILABLE and never commits later, cached
// GetUserInfo goes on being served meanwhile, and the server works again as
// soon as the lock is gone.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "base/status_matchers.h"
#include "tests/e2e/resource_builders.h"
#include "tests/e2e/server_under_test.h"
#include "tests/harness/sql_session.h"
#include "tests/harness/time_scale.h"

namespace identity::testing {
namespace {

using ::testing::AnyOf;

constexpr absl::Duration kCallDeadline = absl::Seconds(1);
// Three calls per connection of the server's pool (4), so that most wait on
// the executor's queue rather than on the lock.
constexpr int kBlockedWriters = 12;
// How late after its deadline a call may end: scheduling on a busy machine.
const absl::Duration kLateness = Scaled(absl::Milliseconds(750));

TEST(PoolExhaustionFaultTest, LockedTableEndsWritesAtDeadlineAndCacheServes) {
  ServerUnderTest server;
  Client jack = server.ClientFor(
      server.CreateUserWithKey("o1", "t1", "jack", {"api-user"}));
  Client admin(server.NewChannel(), server.admin_key(), kCallDeadline);
  // The change feed's notices of the setup's own writes evict what they
  // touched; once they are in, the next lookups stay cached.
  absl::SleepFor(absl::Seconds(1));
  ASSERT_THAT(jack.GetUserInfo(), IsOk());  // Both keys are now cached.
  ASSERT_THAT(admin.GetUserInfo(), IsOk());

  SqlSession locker(server.database_url());
  locker.Execute("BEGIN");
  locker.Execute("LOCK TABLE users IN ACCESS EXCLUSIVE MODE");

  std::vector<absl::Status> outcomes(kBlockedWriters);
  std::vector<absl::Duration> durations(kBlockedWriters);
  std::vector<std::thread> writers;
  for (int i = 0; i < kBlockedWriters; ++i) {
    writers.emplace_back([&, i] {
      const absl::Time start = absl::Now();
      outcomes[i] =
          admin.CreateUser(UserProto(absl::StrCat("blocked-", i), "t1", "o1"))
              .status();
      durations[i] = absl::Now() - start;
    });
  }
  // Meanwhile the hot path answers from memory.
  absl::Duration slowest_user_info;
  int user_infos = 0;
  const absl::Time writers_done = absl::Now() + kCallDeadline;
  while (absl::Now() < writers_done) {
    const absl::Time start = absl::Now();
    EXPECT_THAT(jack.GetUserInfo(), IsOk());
    slowest_user_info = std::max(slowest_user_info, absl::Now() - start);
    ++user_infos;
  }
  for (std::thread& writer : writers) writer.join();
  // Give a statement the server failed to cancel time to show itself.
  absl::SleepFor(absl::Milliseconds(200));
  locker.Execute("ROLLBACK");

  absl::Duration slowest_write;
  for (int i = 0; i < kBlockedWriters; ++i) {
    EXPECT_THAT(outcomes[i],
                AnyOf(StatusIs(absl::StatusCode::kDeadlineExceeded),
                      StatusIs(absl::StatusCode::kUnavailable)))
        << "writer " << i;
    EXPECT_LE(durations[i], kCallDeadline + kLateness) << "writer " << i;
    slowest_write = std::max(slowest_write, durations[i]);
  }
  std::cout << "pool exhaustion: " << kBlockedWriters
            << " blocked writes, slowest ended after " << slowest_write << "; "
            << user_infos << " GetUserInfo meanwhile, slowest "
            << slowest_user_info << std::endl;

  // Nothing that failed was written after all, and the server works again.
  SqlSession counter(server.database_url());
  EXPECT_EQ(
      counter.QueryInt("SELECT count(*) FROM users WHERE id LIKE 'blocked-%'"),
      0);
  EXPECT_THAT(admin.CreateUser(UserProto("after-lock", "t1", "o1")), IsOk());
  EXPECT_THAT(admin.GetUser("after-lock"), IsOk());
}

}  // namespace
}  // namespace identity::testing
