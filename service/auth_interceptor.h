// The server interceptor that authenticates every identity.v1 call, once,
// before any handler logic, and publishes the outcome in a CallRegistry.
// Other services (health, reflection) pass untouched.
//
//   std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
//   f; f.push_back(std::make_unique<AuthInterceptorFactory>(&authenticator,
//   &registry)); builder.experimental().SetInterceptorCreators(std::move(f));
#ifndef IDENTITY_SERVICE_AUTH_INTERCEPTOR_H_
#define IDENTITY_SERVICE_AUTH_INTERCEPTOR_H_

#include <grpcpp/support/server_interceptor.h>

#include "service/authenticator.h"
#include "service/call_registry.h"

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

#endif  // IDENTITY_SERVICE_AUTH_INTERCEPTOR_H_
