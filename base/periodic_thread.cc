#include "base/periodic_thread.h"

#include <utility>

namespace identity {

PeriodicThread::PeriodicThread(absl::Duration interval, FirstRun first_run,
                               std::function<void()> task)
    : interval_(interval),
      task_(std::move(task)),
      thread_([this, first_run] { Run(first_run); }) {}

PeriodicThread::~PeriodicThread() { Stop(); }

void PeriodicThread::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

void PeriodicThread::Run(FirstRun first_run) {
  if (first_run == kRunAtOnce) task_();
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      mu_.AwaitWithTimeout(absl::Condition(&stopping_), interval_);
      if (stopping_) return;
    }
    task_();
  }
}

}  // namespace identity
