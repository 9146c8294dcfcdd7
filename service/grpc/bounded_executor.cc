#include "service/grpc/bounded_executor.h"

#include "absl/time/clock.h"
#include "base/metric_definitions.h"

namespace identity {

BoundedExecutor::BoundedExecutor(int threads, size_t max_queued,
                                 Metrics* metrics)
    : max_queued_(max_queued),
      queue_depth_(metrics->Gauge(kExecutorQueueDepth)),
      wait_(metrics->Histogram(kExecutorWait)) {
  threads_.reserve(threads);
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Work(); });
}

BoundedExecutor::~BoundedExecutor() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  for (std::thread& thread : threads_) thread.join();
}

bool BoundedExecutor::TrySubmit(std::function<void()> task) {
  absl::MutexLock lock(&mu_);
  if (stopping_ || queue_.size() >= max_queued_) return false;
  queue_.push_back({std::move(task), absl::Now()});
  queue_depth_.Set(static_cast<double>(queue_.size()));
  return true;
}

void BoundedExecutor::Work() {
  while (true) {
    Queued queued;
    {
      absl::MutexLock lock(&mu_);
      auto ready = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
        return stopping_ || !queue_.empty();
      };
      mu_.Await(absl::Condition(&ready));
      if (queue_.empty()) return;
      queued = std::move(queue_.front());
      queue_.pop_front();
      queue_depth_.Set(static_cast<double>(queue_.size()));
    }
    wait_.Observe(absl::ToDoubleSeconds(absl::Now() - queued.since));
    queued.task();
  }
}

}  // namespace identity
