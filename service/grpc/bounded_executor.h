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

namespace identity {

class BoundedExecutor {
 public:
  BoundedExecutor(int threads, size_t max_queued);
  // Runs what is queued, then joins the threads.
  ~BoundedExecutor();

  // False, without running `task`, when the queue is full.
  bool TrySubmit(std::function<void()> task);

 private:
  void Work();

  const size_t max_queued_;
  absl::Mutex mu_;
  std::deque<std::function<void()>> queue_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_GRPC_BOUNDED_EXECUTOR_H_
