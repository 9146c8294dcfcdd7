// What every identity.v1 call and every Envoy Check looked like once it
// finished, for whoever watches calls (the JSON call log, the metrics), and
// the interface they implement. The CallInterceptorFactory notifies them of
// identity.v1 calls, so nothing in the handlers or the dispatcher needs to
// know; ExtAuthzService of its Checks, which no interceptor runs on.
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
  // The call's status. A Check that answered Envoy is OK whatever it
  // decided, so for it this is the decision instead (CheckResponse.status:
  // UNAUTHENTICATED for a 401, PERMISSION_DENIED for a 403...): what an
  // operator counts.
  grpc::StatusCode code = grpc::StatusCode::OK;
  // Of a failed call (for a Check, of a denial): the reason of its ErrorInfo
  // (e.g. "ORG_NOT_FOUND") and the message the caller was sent, which says
  // nothing internal (status_conversion.h); empty when it succeeded.
  std::string reason;
  std::string message;
  absl::Time start;
  absl::Duration latency;
  // The caller's address as the server saw it; for a Check, the
  // authorizer's (Envoy's).
  std::string peer;
  // For a Check, the address Envoy claims for the HTTP client it asks about
  // (a validated IP address), once read; empty otherwise.
  std::string claimed_address;
  // Whose key made the call; empty when it was not authenticated.
  std::string actor_id;
  // The user the call impersonated; for a refused impersonation, the one it
  // asked for (the x-impersonate-user header); empty when none.
  std::string impersonated_user_id;
  // The caller's x-request-id (for a Check, the HTTP request's), or
  // generated (request_id.h).
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
