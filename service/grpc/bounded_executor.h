// A fixed pool of threads with a bounded queue, for the work that waits on
// the database, so that gRPC's own threads never block on it. Load is shed by
// time as well as by count: a task that waited in the queue longer than
// `max_queue_wait` is not run but told UNAVAILABLE (its caller would rather
// retry elsewhere than wait more), and a task whose caller has gone is told
// CANCELLED instead of run.
//
//   BoundedExecutor executor(/*threads=*/8, /*max_queued=*/4096,
//                            /*max_queue_wait=*/absl::Seconds(1));
//   BoundedExecutor::Task task;
//   task.run = [](absl::Status admitted) { /* admitted.ok(): do the work */ };
//   task.abandoned = [context] { return context->IsCancelled(); };
//   if (!executor.TrySubmit(std::move(task))) { /* overloaded */ }
#ifndef IDENTITY_SERVICE_GRPC_BOUNDED_EXECUTOR_H_
#define IDENTITY_SERVICE_GRPC_BOUNDED_EXECUTOR_H_

#include <deque>
#include <functional>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "base/metrics.h"

namespace identity {

class BoundedExecutor {
 public:
  struct Task {
    // Called once, on a pool thread: with OK to do the work, or instead with
    // UNAVAILABLE (it waited too long in the queue) or CANCELLED (its caller
    // has gone), to report that without doing it.
    std::function<void(absl::Status admitted)> run;
    // Asked when the task leaves the queue: an error (its caller has gone,
    // its deadline has passed) skips the work and is what `run` is called
    // with. May be empty.
    std::function<absl::Status()> abandoned;
  };

  // Reports its queue depth and each task's wait to `metrics`, which must
  // outlive the executor.
  BoundedExecutor(int threads, size_t max_queued,
                  absl::Duration max_queue_wait = absl::Seconds(1),
                  Metrics* metrics = NoMetrics());
  // Runs what is queued, then joins the threads.
  ~BoundedExecutor();

  // False, without running `task`, when the queue is full.
  bool TrySubmit(Task task);

  // What a call hears when the executor has no room for it, or it waited
  // too long: UNAVAILABLE, reason SERVER_OVERLOADED (retry elsewhere).
  static absl::Status Overloaded();

 private:
  struct Queued {
    Task task;
    absl::Time enqueued;
  };

  void Work();

  const size_t max_queued_;
  const absl::Duration max_queue_wait_;
  MetricGauge& queue_depth_;
  MetricHistogram& wait_;
  absl::Mutex mu_;
  std::deque<Queued> queue_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_GRPC_BOUNDED_EXECUTOR_H_
