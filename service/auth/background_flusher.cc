#include "service/auth/background_flusher.h"

#include <algorithm>
#include <utility>

#include "absl/time/clock.h"

namespace identity {

BackgroundFlusher::BackgroundFlusher(absl::Duration interval, Flush flush)
    : flush_(std::move(flush)),
      thread_(interval, PeriodicThread::kRunAfterInterval,
              [this, time_to_finish = std::max(interval, absl::Seconds(1))] {
                flush_(absl::Now() + time_to_finish).IgnoreError();
              }) {}

BackgroundFlusher::~BackgroundFlusher() {
  thread_.Stop();
  flush_(absl::Now() + absl::Seconds(2)).IgnoreError();
}

}  // namespace identity
