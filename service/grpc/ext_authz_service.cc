#include "service/grpc/ext_authz_service.h"

#include "absl/time/clock.h"
#include "service/auth/answerable_from_memory.h"
#include "service/grpc/status_conversion.h"

namespace identity {

using envoy::service::auth::v3::CheckRequest;
using envoy::service::auth::v3::CheckResponse;

grpc::ServerUnaryReactor* ExtAuthzService::Check(
    grpc::CallbackServerContext* context, const CheckRequest* request,
    CheckResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  CallCredentials credentials = CredentialsOfCheck(*request);
  credentials.deadline = absl::FromChrono(context->deadline());
  // The hot path: a cached key is answered here, on the gRPC thread.
  if (AnswerableFromMemory(*cache_, credentials)) {
    Decide(reactor, *request, credentials, response);
    return reactor;
  }
  if (!executor_->TrySubmit([this, reactor, request, credentials, response] {
        Decide(reactor, *request, credentials, response);
      })) {
    reactor->Finish(grpc::Status(grpc::StatusCode::UNAVAILABLE,
                                 "server is overloaded; retry later"));
  }
  return reactor;
}

void ExtAuthzService::Decide(grpc::ServerUnaryReactor* reactor,
                             const CheckRequest& request,
                             const CallCredentials& credentials,
                             CheckResponse* response) const {
  absl::StatusOr<CheckResponse> answer = CheckResponseOf(
      authenticator_->Authenticate(credentials), request, options_);
  if (answer.ok()) *response = *std::move(answer);
  reactor->Finish(ToGrpcStatus(answer.status()));
}

}  // namespace identity
