#include "service/grpc/bounded_executor.h"

#include <utility>

#include "absl/time/clock.h"
#include "base/error_details.h"
#include "base/metric_definitions.h"

namespace identity {

BoundedExecutor::BoundedExecutor(int threads, size_t max_queued,
                                 absl::Duration max_queue_wait,
                                 Metrics* metrics)
    : max_queued_(max_queued),
      max_queue_wait_(max_queue_wait),
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

bool BoundedExecutor::TrySubmit(Task task) {
  absl::MutexLock lock(&mu_);
  if (stopping_ || queue_.size() >= max_queued_) return false;
  queue_.push_back(Queued{std::move(task), absl::Now()});
  queue_depth_.Set(static_cast<double>(queue_.size()));
  return true;
}

void BoundedExecutor::Work() {
  while (true) {
    Queued next;
    {
      absl::MutexLock lock(&mu_);
      auto ready = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
        return stopping_ || !queue_.empty();
      };
      mu_.Await(absl::Condition(&ready));
      if (queue_.empty()) return;
      next = std::move(queue_.front());
      queue_.pop_front();
      queue_depth_.Set(static_cast<double>(queue_.size()));
    }
    const absl::Duration waited = absl::Now() - next.enqueued;
    wait_.Observe(absl::ToDoubleSeconds(waited));
    Task& task = next.task;
    absl::Status abandoned =
        task.abandoned ? task.abandoned() : absl::OkStatus();
    if (!abandoned.ok()) {
      task.run(std::move(abandoned));
    } else if (waited > max_queue_wait_) {
      task.run(Overloaded());
    } else {
      task.run(absl::OkStatus());
    }
  }
}

absl::Status BoundedExecutor::Overloaded() {
  return WithReason(absl::UnavailableError("server is overloaded; retry later"),
                    ErrorReason::kServerOverloaded);
}

}  // namespace identity
