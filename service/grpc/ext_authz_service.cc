#include "service/grpc/ext_authz_service.h"

#include <algorithm>
#include <utility>

#include "absl/time/clock.h"
#include "base/error_reason.h"
#include "service/grpc/abandoned_call.h"
#include "service/grpc/status_conversion.h"

namespace identity {

using envoy::service::auth::v3::CheckRequest;
using envoy::service::auth::v3::CheckResponse;

grpc::ServerUnaryReactor* ExtAuthzService::Check(
    grpc::CallbackServerContext* context, const CheckRequest* request,
    CheckResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  CallCredentials credentials = CredentialsOfCheck(*request);
  credentials.deadline = std::min(absl::FromChrono(context->deadline()),
                                  absl::Now() + max_call_duration_);
  // The hot path: what memory decides (a cached key, a malformed or
  // remembered unknown one) is answered here, on the gRPC thread.
  if (std::optional<absl::StatusOr<CallContext>> decided =
          authenticator_->AuthenticateFromMemory(credentials)) {
    Answer(reactor, *request, *decided, response);
    return reactor;
  }
  BoundedExecutor::Task task;
  task.abandoned = AbandonedCall(context, credentials.deadline);
  task.run = [this, reactor, request, credentials = std::move(credentials),
              response](absl::Status admitted) {
    if (!admitted.ok()) {
      reactor->Finish(ToGrpcStatus(admitted));
      return;
    }
    Answer(reactor, *request,
           authenticator_->AuthenticateWithStore(credentials), response);
  };
  if (!executor_->TrySubmit(std::move(task))) {
    reactor->Finish(ToGrpcStatus(BoundedExecutor::Overloaded()));
  }
  return reactor;
}

void ExtAuthzService::Answer(grpc::ServerUnaryReactor* reactor,
                             const CheckRequest& request,
                             const absl::StatusOr<CallContext>& decision,
                             CheckResponse* response) const {
  absl::StatusOr<CheckResponse> answer =
      CheckResponseOf(decision, request, options_);
  if (answer.ok()) *response = *std::move(answer);
  reactor->Finish(ToGrpcStatus(answer.status()));
}

}  // namespace identity
