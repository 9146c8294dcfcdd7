#include "service/grpc/bounded_executor.h"

#include <atomic>
#include <thread>
#include <vector>

#include "absl/synchronization/notification.h"
#include "gtest/gtest.h"

namespace identity {
namespace {

TEST(BoundedExecutorTest, RefusesWorkPastItsQueueBound) {
  BoundedExecutor executor(/*threads=*/1, /*max_queued=*/1);
  absl::Notification started, release;
  ASSERT_TRUE(executor.TrySubmit([&] {
    started.Notify();
    release.WaitForNotification();
  }));
  started.WaitForNotification();
  std::atomic<int> ran{0};
  EXPECT_TRUE(executor.TrySubmit([&] { ++ran; }));   // queued
  EXPECT_FALSE(executor.TrySubmit([&] { ++ran; }));  // the queue is full
  release.Notify();
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
    BoundedExecutor executor(/*threads=*/4, /*max_queued=*/64);
    std::vector<std::thread> submitters;
    for (int s = 0; s < kSubmitters; ++s) {
      submitters.emplace_back([&, s] {
        for (int i = 0; i < kTasksEach; ++i) {
          handed[s][i] = i + 1;
          auto task = [&, s, i] { seen[s][i] += handed[s][i]; };
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
