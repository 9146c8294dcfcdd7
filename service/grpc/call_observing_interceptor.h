// The server interceptor that times every identity.v1 call, gives it a
// request id, and tells CallObservers how it ended (method, code, latency,
// peer, actor and impersonated user as the authentication interceptor
// decided). Install it after AuthInterceptorFactory, so the decision exists.
//
//   factories.push_back(std::make_unique<AuthInterceptorFactory>(...));
//   factories.push_back(std::make_unique<CallObservingInterceptorFactory>(
//       &registry, std::vector<CallObserver*>{&call_log, &call_metrics}));
#ifndef IDENTITY_SERVICE_GRPC_CALL_OBSERVING_INTERCEPTOR_H_
#define IDENTITY_SERVICE_GRPC_CALL_OBSERVING_INTERCEPTOR_H_

#include <grpcpp/support/server_interceptor.h>

#include <vector>

#include "service/grpc/call_observer.h"
#include "service/grpc/call_registry.h"

namespace identity {

class CallObservingInterceptorFactory
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  // `registry` and `observers` must outlive the server.
  CallObservingInterceptorFactory(const CallRegistry* registry,
                                  std::vector<CallObserver*> observers)
      : registry_(registry), observers_(std::move(observers)) {}

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

 private:
  const CallRegistry* const registry_;
  const std::vector<CallObserver*> observers_;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_GRPC_CALL_OBSERVING_INTERCEPTOR_H_
