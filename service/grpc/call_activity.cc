#include "service/grpc/call_activity.h"

#include "absl/time/clock.h"

namespace identity {

absl::Time CallActivity::last_call() const {
  const int64_t nanos = last_call_nanos_.load(std::memory_order_relaxed);
  return nanos == INT64_MIN ? absl::InfinitePast() : absl::FromUnixNanos(nanos);
}

void CallActivity::OnCallFinished(const FinishedCall&) {
  last_call_nanos_.store(absl::GetCurrentTimeNanos(),
                         std::memory_order_relaxed);
}

}  // namespace identity
