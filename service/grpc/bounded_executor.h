// A fixed pool of threads with a bounded queue, for the work that waits on
// the database, so that gRPC's own threads never block on it.
//
//   BoundedExecutor executor(/*threads=*/8, /*max_queued=*/4096);
//   if (!executor.TrySubmit([] { ... })) { /* overloaded: tell the caller */ }
#ifndef IDENTITY_SERVICE_GRPC_BOUNDED_EXECUTOR_H_
#define IDENTITY_SERVICE_GRPC_BOUNDED_EXECUTOR_H_

#include <deque>
#include <functional>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "base/metrics.h"

namespace identity {

class BoundedExecutor {
 public:
  // Reports its queue depth and each task's wait to `metrics`, which must
  // outlive the executor.
  BoundedExecutor(int threads, size_t max_queued,
                  Metrics* metrics = NoMetrics());
  // Runs what is queued, then joins the threads.
  ~BoundedExecutor();

  // False, without running `task`, when the queue is full.
  bool TrySubmit(std::function<void()> task);

 private:
  void Work();

  struct Queued {
    std::function<void()> task;
    absl::Time since;
  };

  const size_t max_queued_;
  MetricGauge& queue_depth_;
  MetricHistogram& wait_;
  absl::Mutex mu_;
  std::deque<Queued> queue_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_GRPC_BOUNDED_EXECUTOR_H_
