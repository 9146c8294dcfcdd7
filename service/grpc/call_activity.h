// When the server last finished a call, for a shutdown that need not drain a
// server nobody calls: load balancers that still route here show up as
// calls, and an idle server can stop at once.
//
//   CallActivity activity;
//   options.call_observers.push_back(&activity);
//   bool idle = absl::Now() - activity.last_call() > absl::Milliseconds(200);
#ifndef IDENTITY_SERVICE_GRPC_CALL_ACTIVITY_H_
#define IDENTITY_SERVICE_GRPC_CALL_ACTIVITY_H_

#include <atomic>
#include <cstdint>

#include "absl/time/time.h"
#include "service/grpc/call_observer.h"

namespace identity {

class CallActivity final : public CallObserver {
 public:
  // When the last call (identity.v1 or an Envoy Check) finished;
  // absl::InfinitePast() before the first.
  absl::Time last_call() const;

  // CallObserver:
  void OnCallFinished(const FinishedCall& call) override;

 private:
  std::atomic<int64_t> last_call_nanos_{INT64_MIN};
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_GRPC_CALL_ACTIVITY_H_
