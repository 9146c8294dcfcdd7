// The server interceptor of every identity.v1 call. Other services pass
// untouched: health, reflection, and Envoy's external authorization, whose
// key is inside its request (ext_authz_service.h). For each call it
//
// * authenticates it, once, before any handler logic, from memory only (it
//   runs on a gRPC thread, which must never wait on the database), and
//   publishes in a CallRegistry either the decision or the credentials the
//   dispatcher must have the store decide on; every call's deadline is
//   bounded by the server's longest call;
// * gives it a request id (x-request-id, echoed or generated), and once its
//   status is decided tells the CallObservers how it ended: method, code,
//   latency, peer, and the actor and impersonated user as decided.
//
// One interceptor does both because gRPC charges every call for each
// interceptor it runs (docs/benchmarks.md, "the hot path").
//
//   factories.push_back(std::make_unique<CallInterceptorFactory>(
//       &authenticator, &registry, /*max_call_duration=*/absl::Seconds(30),
//       std::vector<CallObserver*>{&call_log, &call_metrics}));
//   builder.experimental().SetInterceptorCreators(std::move(factories));
#ifndef IDENTITY_SERVICE_GRPC_CALL_INTERCEPTOR_H_
#define IDENTITY_SERVICE_GRPC_CALL_INTERCEPTOR_H_

#include <grpcpp/support/server_interceptor.h>

#include <vector>

#include "absl/time/time.h"
#include "service/auth/authenticator.h"
#include "service/grpc/call_observer.h"
#include "service/grpc/call_registry.h"

namespace identity {

class CallInterceptorFactory
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  // All must outlive the server.
  CallInterceptorFactory(const Authenticator* authenticator,
                         CallRegistry* registry,
                         absl::Duration max_call_duration,
                         std::vector<CallObserver*> observers)
      : authenticator_(authenticator),
        registry_(registry),
        max_call_duration_(max_call_duration),
        observers_(std::move(observers)) {}

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

 private:
  const Authenticator* const authenticator_;
  CallRegistry* const registry_;
  const absl::Duration max_call_duration_;
  const std::vector<CallObserver*> observers_;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_GRPC_CALL_INTERCEPTOR_H_
