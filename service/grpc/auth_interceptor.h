// The server interceptor that authenticates every identity.v1 call, once,
// before any handler logic, and publishes the outcome in a CallRegistry.
// Other services pass untouched: health, reflection, and Envoy's
// external authorization, whose key is inside its request
// (ext_authz_service.h).
//
//   std::vector<std::unique_ptr<
//       grpc::experimental::ServerInterceptorFactoryInterface>> factories;
//   factories.push_back(
//       std::make_unique<AuthInterceptorFactory>(&authenticator, &registry));
//   builder.experimental().SetInterceptorCreators(std::move(factories));
#ifndef IDENTITY_SERVICE_GRPC_AUTH_INTERCEPTOR_H_
#define IDENTITY_SERVICE_GRPC_AUTH_INTERCEPTOR_H_

#include <grpcpp/support/server_interceptor.h>

#include "service/auth/authenticator.h"
#include "service/grpc/call_registry.h"

namespace identity {

class AuthInterceptorFactory
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  AuthInterceptorFactory(const Authenticator* authenticator,
                         CallRegistry* registry)
      : authenticator_(authenticator), registry_(registry) {}

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

 private:
  const Authenticator* const authenticator_;
  CallRegistry* const registry_;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_GRPC_AUTH_INTERCEPTOR_H_
