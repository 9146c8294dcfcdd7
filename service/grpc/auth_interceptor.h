// The server interceptor that authenticates every identity.v1 call, once,
// before any handler logic, from memory only (it runs on a gRPC thread, which
// must never wait on the database), and publishes in a CallRegistry either
// the decision or the credentials the dispatcher must have the store decide
// on. It also bounds every call's deadline by the server's longest call.
// Other services pass untouched: health, reflection, and Envoy's external
// authorization, whose key is inside its request (ext_authz_service.h).
//
//   std::vector<std::unique_ptr<
//       grpc::experimental::ServerInterceptorFactoryInterface>> factories;
//   factories.push_back(std::make_unique<AuthInterceptorFactory>(
//       &authenticator, &registry, /*max_call_duration=*/absl::Seconds(30)));
//   builder.experimental().SetInterceptorCreators(std::move(factories));
#ifndef IDENTITY_SERVICE_GRPC_AUTH_INTERCEPTOR_H_
#define IDENTITY_SERVICE_GRPC_AUTH_INTERCEPTOR_H_

#include <grpcpp/support/server_interceptor.h>

#include "absl/time/time.h"
#include "service/auth/authenticator.h"
#include "service/grpc/call_registry.h"

namespace identity {

class AuthInterceptorFactory
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  AuthInterceptorFactory(const Authenticator* authenticator,
                         CallRegistry* registry,
                         absl::Duration max_call_duration)
      : authenticator_(authenticator),
        registry_(registry),
        max_call_duration_(max_call_duration) {}

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

 private:
  const Authenticator* const authenticator_;
  CallRegistry* const registry_;
  const absl::Duration max_call_duration_;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_GRPC_AUTH_INTERCEPTOR_H_
