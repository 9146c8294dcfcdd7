#include "service/auth/background_flusher.h"

#include <algorithm>
#include <utility>

#include "absl/time/clock.h"

namespace identity {

BackgroundFlusher::BackgroundFlusher(absl::Duration interval, Flush flush)
    : interval_(interval),
      flush_(std::move(flush)),
      thread_([this] { Run(); }) {}

BackgroundFlusher::~BackgroundFlusher() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  thread_.join();
  flush_(absl::Now() + absl::Seconds(2)).IgnoreError();
}

void BackgroundFlusher::Run() {
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      mu_.AwaitWithTimeout(absl::Condition(&stopping_), interval_);
      if (stopping_) return;
    }
    // A short interval must not starve the write itself of time.
    flush_(absl::Now() + std::max(interval_, absl::Seconds(1))).IgnoreError();
  }
}

}  // namespace identity
