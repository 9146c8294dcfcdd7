#include "base/periodic_thread.h"

#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"

namespace identity {
namespace {

// Long enough to be sure a wait is satisfied, never reached when it is.
constexpr absl::Duration kPatience = absl::Seconds(10);

class RunCounter {
 public:
  void Count() {
    absl::MutexLock lock(&mu_);
    ++runs_;
  }
  bool AwaitRuns(int runs) {
    absl::MutexLock lock(&mu_);
    auto reached = [this, runs]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      return runs_ >= runs;
    };
    return mu_.AwaitWithTimeout(absl::Condition(&reached), kPatience);
  }
  int runs() {
    absl::MutexLock lock(&mu_);
    return runs_;
  }

 private:
  absl::Mutex mu_;
  int runs_ ABSL_GUARDED_BY(mu_) = 0;
};

TEST(PeriodicThreadTest, RunAtOnceRunsBeforeTheFirstInterval) {
  RunCounter counter;
  PeriodicThread thread(absl::Hours(1), PeriodicThread::kRunAtOnce,
                        [&] { counter.Count(); });
  EXPECT_TRUE(counter.AwaitRuns(1));
  thread.Stop();
  EXPECT_EQ(counter.runs(), 1);
}

TEST(PeriodicThreadTest, RunAfterIntervalDoesNotRunAtStartOrAtStop) {
  RunCounter counter;
  PeriodicThread thread(absl::Hours(1), PeriodicThread::kRunAfterInterval,
                        [&] { counter.Count(); });
  absl::SleepFor(absl::Milliseconds(50));
  thread.Stop();
  EXPECT_EQ(counter.runs(), 0);
}

TEST(PeriodicThreadTest, RunsEveryIntervalUntilStopped) {
  RunCounter counter;
  PeriodicThread thread(absl::Milliseconds(5),
                        PeriodicThread::kRunAfterInterval,
                        [&] { counter.Count(); });
  EXPECT_TRUE(counter.AwaitRuns(5));
  thread.Stop();
  const int runs_at_stop = counter.runs();
  absl::SleepFor(absl::Milliseconds(50));
  EXPECT_EQ(counter.runs(), runs_at_stop);
}

TEST(PeriodicThreadTest, StopWaitsForTheRunInProgress) {
  absl::Mutex mu;
  bool started = false;
  bool finished = false;
  PeriodicThread thread(absl::Hours(1), PeriodicThread::kRunAtOnce, [&] {
    {
      absl::MutexLock lock(&mu);
      started = true;
    }
    absl::SleepFor(absl::Milliseconds(100));
    absl::MutexLock lock(&mu);
    finished = true;
  });
  {
    absl::MutexLock lock(&mu);
    ASSERT_TRUE(mu.AwaitWithTimeout(absl::Condition(&started), kPatience));
  }
  thread.Stop();
  absl::MutexLock lock(&mu);
  EXPECT_TRUE(finished);
}

// A second Stop would join an ended thread, which throws, unless it knows.
TEST(PeriodicThreadTest, StopTwiceAndThenDestroyRunsNothingMore) {
  RunCounter counter;
  int runs_at_stop = 0;
  {
    PeriodicThread thread(absl::Milliseconds(1), PeriodicThread::kRunAtOnce,
                          [&] { counter.Count(); });
    ASSERT_TRUE(counter.AwaitRuns(1));
    thread.Stop();
    runs_at_stop = counter.runs();
    thread.Stop();
  }
  EXPECT_EQ(counter.runs(), runs_at_stop);
}

}  // namespace
}  // namespace identity
