#include "bench/closed_loop.h"

#include <atomic>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"

namespace identity::bench {
namespace {

// Shared by the callbacks of every call of one run; the callbacks run on
// gRPC's threads.
class Loop : public std::enable_shared_from_this<Loop> {
 public:
  Loop(const ClosedLoopOptions& options, const StartCall& start_call)
      : options_(options),
        start_call_(start_call),
        end_(absl::Now() + options.duration) {}

  void StartOne() {
    const int64_t sequence = next_sequence_.fetch_add(1);
    if (absl::Now() >= end_ ||
        (options_.max_calls >= 0 && sequence >= options_.max_calls)) {
      absl::MutexLock lock(&mu_);
      --outstanding_;
      return;
    }
    std::shared_ptr<Loop> self = shared_from_this();
    start_call_(sequence,
                [self](const grpc::Status& status) { self->Finish(status); });
  }

  void Finish(const grpc::Status& status) {
    if (status.ok()) {
      succeeded_.fetch_add(1, std::memory_order_relaxed);
    } else if (failed_.fetch_add(1) == 0) {
      absl::MutexLock lock(&mu_);
      first_error_ =
          absl::StrCat(status.error_code(), ": ", status.error_message());
    }
    StartOne();
  }

  ClosedLoopResult Run() {
    const absl::Time start = absl::Now();
    {
      absl::MutexLock lock(&mu_);
      outstanding_ = options_.in_flight;
    }
    for (int i = 0; i < options_.in_flight; ++i) StartOne();
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(
        +[](int* outstanding) { return *outstanding == 0; }, &outstanding_));
    ClosedLoopResult result;
    result.succeeded = succeeded_.load();
    result.failed = failed_.load();
    result.elapsed = absl::Now() - start;
    result.first_error = first_error_;
    return result;
  }

 private:
  const ClosedLoopOptions options_;
  const StartCall& start_call_;
  const absl::Time end_;
  std::atomic<int64_t> next_sequence_{0};
  std::atomic<int64_t> succeeded_{0};
  std::atomic<int64_t> failed_{0};
  absl::Mutex mu_;
  int outstanding_ ABSL_GUARDED_BY(mu_) = 0;
  std::string first_error_ ABSL_GUARDED_BY(mu_);
};

}  // namespace

double ClosedLoopResult::CallsPerSecond() const {
  const double seconds = absl::ToDoubleSeconds(elapsed);
  return seconds > 0 ? succeeded / seconds : 0;
}

ClosedLoopResult RunClosedLoop(const ClosedLoopOptions& options,
                               const StartCall& start_call) {
  return std::make_shared<Loop>(options, start_call)->Run();
}

}  // namespace identity::bench
