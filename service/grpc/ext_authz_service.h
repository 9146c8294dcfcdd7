// envoy.service.auth.v3.Authorization, the gRPC API of Envoy's and Istio's
// external authorization, on the identity server: a service behind Envoy
// learns who calls it from x-identity-* headers, with no client library.
// The key travels in the HTTP headers inside the CheckRequest, not in the
// call's metadata, so the auth interceptor leaves these calls alone and
// Check runs the same Authenticator itself (ext_authz_translation.h has
// the rules): inline on the gRPC thread when the key is cached, on the
// bounded executor when the database may be needed.
//
//   ExtAuthzService ext_authz(&authenticator, &cache, &executor,
//                             ExtAuthzOptions{});
//   builder.RegisterService(&ext_authz);
#ifndef IDENTITY_SERVICE_GRPC_EXT_AUTHZ_SERVICE_H_
#define IDENTITY_SERVICE_GRPC_EXT_AUTHZ_SERVICE_H_

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>

#include "envoy/service/auth/v3/external_auth.grpc.pb.h"
#include "service/auth/authenticator.h"
#include "service/auth/identity_cache.h"
#include "service/grpc/bounded_executor.h"
#include "service/grpc/ext_authz_translation.h"

namespace identity {

class ExtAuthzService final
    : public envoy::service::auth::v3::Authorization::CallbackService {
 public:
  ExtAuthzService(const Authenticator* authenticator,
                  const IdentityCache* cache, BoundedExecutor* executor,
                  ExtAuthzOptions options)
      : authenticator_(authenticator),
        cache_(cache),
        executor_(executor),
        options_(options) {}

  // envoy::service::auth::v3::Authorization::CallbackService
  // OK with an allowing or denying CheckResponse; UNAVAILABLE when the
  // database is needed and unreachable or the executor is full.
  grpc::ServerUnaryReactor* Check(
      grpc::CallbackServerContext* context,
      const envoy::service::auth::v3::CheckRequest* request,
      envoy::service::auth::v3::CheckResponse* response) override;

 private:
  // Authenticates and answers; on whichever thread may wait for that.
  void Decide(grpc::ServerUnaryReactor* reactor,
              const envoy::service::auth::v3::CheckRequest& request,
              const CallCredentials& credentials,
              envoy::service::auth::v3::CheckResponse* response) const;

  const Authenticator* const authenticator_;
  const IdentityCache* const cache_;
  BoundedExecutor* const executor_;
  const ExtAuthzOptions options_;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_GRPC_EXT_AUTHZ_SERVICE_H_
