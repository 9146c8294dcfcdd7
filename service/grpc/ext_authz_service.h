// envoy.service.auth.v3.Authorization, the gRPC API of Envoy's and Istio's
// external authorization, on the identity server: a service behind Envoy
// learns who calls it from x-identity-* headers, with no client library.
// The key travels in the HTTP headers inside the CheckRequest, not in the
// call's metadata, so the call interceptor leaves these calls alone and
// Check runs the same Authenticator itself (ext_authz_translation.h has
// the rules): inline on the gRPC thread when memory can decide, on the
// bounded executor when the database is needed. It tells the CallObservers
// of each Check itself, as the interceptor does of the other calls.
//
// Only authorizers may call it (authorizer_peers.h): the source address a
// CheckRequest claims is their word, so it is validated, limited in buckets
// of its own, and recorded apart from the call's peer, which stays the
// authorizer's own address.
//
//   ExtAuthzService ext_authz(&authenticator, &executor, absl::Seconds(30),
//                             ExtAuthzOptions{}, authorizers,
//                             {&call_log, &call_metrics});
//   builder.RegisterService(&ext_authz);
#ifndef IDENTITY_SERVICE_GRPC_EXT_AUTHZ_SERVICE_H_
#define IDENTITY_SERVICE_GRPC_EXT_AUTHZ_SERVICE_H_

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>

#include <vector>

#include "envoy/service/auth/v3/external_auth.grpc.pb.h"
#include "service/auth/authenticator.h"
#include "service/grpc/authorizer_peers.h"
#include "service/grpc/bounded_executor.h"
#include "service/grpc/call_observer.h"
#include "service/grpc/ext_authz_translation.h"

namespace identity {

class ExtAuthzService final
    : public envoy::service::auth::v3::Authorization::CallbackService {
 public:
  // Every Check's deadline is at most `max_call_duration` away, as for the
  // identity.v1 calls. All must outlive the service.
  ExtAuthzService(const Authenticator* authenticator, BoundedExecutor* executor,
                  absl::Duration max_call_duration, ExtAuthzOptions options,
                  AuthorizerPeers authorizers,
                  std::vector<CallObserver*> observers)
      : authenticator_(authenticator),
        executor_(executor),
        max_call_duration_(max_call_duration),
        options_(options),
        authorizers_(std::move(authorizers)),
        observers_(std::move(observers)) {}

  // envoy::service::auth::v3::Authorization::CallbackService
  // OK with an allowing or denying CheckResponse; PERMISSION_DENIED, before
  // anything is looked up or counted, when the caller is not an authorizer;
  // UNAVAILABLE when the database is needed and unreachable, or the
  // executor is full or was waited on too long; CANCELLED when Envoy left
  // while the call queued.
  grpc::ServerUnaryReactor* Check(
      grpc::CallbackServerContext* context,
      const envoy::service::auth::v3::CheckRequest* request,
      envoy::service::auth::v3::CheckResponse* response) override;

 private:
  // Answers Envoy with what the Authenticator decided.
  void Answer(grpc::ServerUnaryReactor* reactor,
              const envoy::service::auth::v3::CheckRequest& request,
              const absl::StatusOr<CallContext>& decision,
              envoy::service::auth::v3::CheckResponse* response,
              FinishedCall call) const;
  // Tells the observers how `call` ended, then finishes it with `status`
  // (and `response`, when OK).
  void Finish(grpc::ServerUnaryReactor* reactor, const grpc::Status& status,
              const envoy::service::auth::v3::CheckResponse& response,
              FinishedCall call) const;

  const Authenticator* const authenticator_;
  BoundedExecutor* const executor_;
  const absl::Duration max_call_duration_;
  const ExtAuthzOptions options_;
  const AuthorizerPeers authorizers_;
  const std::vector<CallObserver*> observers_;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_GRPC_EXT_AUTHZ_SERVICE_H_
