// What every identity.v1 call looked like once it finished, for whoever
// watches calls (the JSON call log, the metrics), and the interface they
// implement. The CallInterceptorFactory notifies them; nothing in
// the handlers or the dispatcher needs to know.
//
//   class CallCounter : public CallObserver {
//     void OnCallFinished(const FinishedCall& call) override { ++count_; }
//   };
#ifndef IDENTITY_SERVICE_GRPC_CALL_OBSERVER_H_
#define IDENTITY_SERVICE_GRPC_CALL_OBSERVER_H_

#include <grpcpp/support/status.h>

#include <string>

#include "absl/time/time.h"

namespace identity {

struct FinishedCall {
  // The full RPC name, e.g. "/identity.v1.UserService/GetUserInfo".
  std::string method;
  grpc::StatusCode code = grpc::StatusCode::OK;
  absl::Time start;
  absl::Duration latency;
  std::string peer;
  // Whose key made the call; empty when it was not authenticated.
  std::string actor_id;
  // The user the call impersonated; empty when none.
  std::string impersonated_user_id;
  // From x-request-id, or generated (base/call_metadata.h).
  std::string request_id;
};

class CallObserver {
 public:
  virtual ~CallObserver() = default;

  // Called once per call, on a gRPC thread, after its status is decided and
  // before it is sent: must not block.
  virtual void OnCallFinished(const FinishedCall& call) = 0;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_GRPC_CALL_OBSERVER_H_
