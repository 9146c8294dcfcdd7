#include "service/grpc/bounded_executor.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "base/status_matchers.h"

namespace identity {
namespace {

// A task that notes how it was admitted.
BoundedExecutor::Task Noting(absl::Mutex* mu, std::vector<absl::Status>* seen,
                             absl::Notification* done = nullptr) {
  BoundedExecutor::Task task;
  task.run = [=](absl::Status admitted) {
    absl::MutexLock lock(mu);
    seen->push_back(admitted);
    if (done != nullptr) done->Notify();
  };
  return task;
}

// Occupies the executor's only thread until `release` is notified; notifies
// `started`, if given, once it runs.
BoundedExecutor::Task Blocking(absl::Notification* release,
                               absl::Notification* started = nullptr) {
  BoundedExecutor::Task task;
  task.run = [release, started](absl::Status) {
    if (started != nullptr) started->Notify();
    release->WaitForNotification();
  };
  return task;
}

TEST(BoundedExecutorTest, RunsWhatWasAdmitted) {
  absl::Mutex mu;
  std::vector<absl::Status> seen;
  absl::Notification done;
  {
    BoundedExecutor executor(1, 10);
    ASSERT_TRUE(executor.TrySubmit(Noting(&mu, &seen, &done)));
    done.WaitForNotification();
  }
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_THAT(seen[0], IsOk());
}

TEST(BoundedExecutorTest, RefusesPastTheQueueBound) {
  absl::Notification release;
  absl::Mutex mu;
  std::vector<absl::Status> seen;
  absl::Notification started;
  BoundedExecutor executor(1, /*max_queued=*/2);
  ASSERT_TRUE(executor.TrySubmit(Blocking(&release, &started)));
  started.WaitForNotification();
  EXPECT_TRUE(executor.TrySubmit(Noting(&mu, &seen)));
  EXPECT_TRUE(executor.TrySubmit(Noting(&mu, &seen)));
  EXPECT_FALSE(executor.TrySubmit(Noting(&mu, &seen)));
  release.Notify();
}

TEST(BoundedExecutorTest, ShedsATaskThatWaitedTooLong) {
  absl::Notification release;
  absl::Mutex mu;
  std::vector<absl::Status> seen;
  absl::Notification done;
  {
    BoundedExecutor executor(1, 10, /*max_queue_wait=*/absl::Milliseconds(50));
    ASSERT_TRUE(executor.TrySubmit(Blocking(&release)));
    ASSERT_TRUE(executor.TrySubmit(Noting(&mu, &seen, &done)));
    absl::SleepFor(absl::Milliseconds(100));
    release.Notify();
    done.WaitForNotification();
  }
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_THAT(seen[0], StatusIs(absl::StatusCode::kUnavailable));
}

TEST(BoundedExecutorTest, SkipsATaskWhoseCallerHasGone) {
  absl::Notification release;
  absl::Mutex mu;
  std::vector<absl::Status> seen;
  absl::Notification done;
  std::atomic<bool> gone{false};
  {
    BoundedExecutor executor(1, 10, /*max_queue_wait=*/absl::Seconds(60));
    ASSERT_TRUE(executor.TrySubmit(Blocking(&release)));
    BoundedExecutor::Task task = Noting(&mu, &seen, &done);
    task.abandoned = [&gone] {
      return gone ? absl::CancelledError("gone") : absl::OkStatus();
    };
    ASSERT_TRUE(executor.TrySubmit(std::move(task)));
    gone = true;  // the client cancels while the task is queued
    release.Notify();
    done.WaitForNotification();
  }
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_THAT(seen[0], StatusIs(absl::StatusCode::kCancelled));
}

// Under ThreadSanitizer (.ci/run's tsan lane) this is the executor's race
// test: many threads submit at once while the workers drain the queue, and
// each task reads what its submitter wrote just before handing it over, in
// plain memory that only the executor's queue orders.
TEST(BoundedExecutorTest, RunsEveryAcceptedTaskOnceFromManyThreads) {
  constexpr int kSubmitters = 8;
  constexpr int kTasksEach = 500;
  std::vector<std::vector<int>> handed(kSubmitters,
                                       std::vector<int>(kTasksEach, 0));
  std::vector<std::vector<int>> seen(kSubmitters,
                                     std::vector<int>(kTasksEach, 0));
  {
    BoundedExecutor executor(/*threads=*/4, /*max_queued=*/64,
                             /*max_queue_wait=*/absl::Seconds(60));
    std::vector<std::thread> submitters;
    for (int s = 0; s < kSubmitters; ++s) {
      submitters.emplace_back([&, s] {
        for (int i = 0; i < kTasksEach; ++i) {
          handed[s][i] = i + 1;
          BoundedExecutor::Task task;
          task.run = [&, s, i](absl::Status) { seen[s][i] += handed[s][i]; };
          while (!executor.TrySubmit(task)) std::this_thread::yield();
        }
      });
    }
    for (std::thread& submitter : submitters) submitter.join();
  }  // The destructor runs what is still queued.
  for (int s = 0; s < kSubmitters; ++s) {
    for (int i = 0; i < kTasksEach; ++i) {
      ASSERT_EQ(seen[s][i], i + 1) << "submitter " << s << " task " << i;
    }
  }
}

}  // namespace
}  // namespace identity
