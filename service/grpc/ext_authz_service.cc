#include "service/grpc/ext_authz_service.h"

#include <algorithm>
#include <memory>
#include <utility>

#include "absl/time/clock.h"
#include "base/error_reason.h"
#include "service/grpc/abandoned_call.h"
#include "service/grpc/request_id.h"
#include "service/grpc/status_conversion.h"

namespace identity {

using envoy::service::auth::v3::CheckRequest;
using envoy::service::auth::v3::CheckResponse;

namespace {

// A Check as the observers see it, until it ends.
FinishedCall StartedCheck(const CheckRequest& request,
                          const CallCredentials& credentials) {
  FinishedCall call;
  call.method = kExtAuthzCheckMethod;
  call.start = absl::Now();
  call.peer = credentials.peer;
  call.request_id = RequestIdOfCheck(request);
  if (!IsAcceptableRequestId(call.request_id)) {
    call.request_id = GenerateRequestId();
  }
  return call;
}

}  // namespace

grpc::ServerUnaryReactor* ExtAuthzService::Check(
    grpc::CallbackServerContext* context, const CheckRequest* request,
    CheckResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  CallCredentials credentials = CredentialsOfCheck(*request);
  credentials.deadline = std::min(absl::FromChrono(context->deadline()),
                                  absl::Now() + max_call_duration_);
  FinishedCall call =
      observers_.empty() ? FinishedCall{} : StartedCheck(*request, credentials);
  // The hot path: what memory decides (a cached key, a malformed or
  // remembered unknown one) is answered here, on the gRPC thread.
  if (std::optional<absl::StatusOr<CallContext>> decided =
          authenticator_->AuthenticateFromMemory(credentials)) {
    Answer(reactor, *request, *decided, response, std::move(call));
    return reactor;
  }
  BoundedExecutor::Task task;
  task.abandoned = AbandonedCall(context, credentials.deadline);
  // Whichever ends the Check reports it: the task, or a refusal here.
  auto call_in_task = std::make_shared<FinishedCall>(std::move(call));
  task.run = [this, reactor, request, credentials = std::move(credentials),
              response, call_in_task](absl::Status admitted) {
    if (!admitted.ok()) {
      Finish(reactor, ToGrpcStatus(admitted), *response,
             std::move(*call_in_task));
      return;
    }
    Answer(reactor, *request,
           authenticator_->AuthenticateWithStore(credentials), response,
           std::move(*call_in_task));
  };
  if (!executor_->TrySubmit(std::move(task))) {
    Finish(reactor, ToGrpcStatus(BoundedExecutor::Overloaded()), *response,
           std::move(*call_in_task));
  }
  return reactor;
}

void ExtAuthzService::Answer(grpc::ServerUnaryReactor* reactor,
                             const CheckRequest& request,
                             const absl::StatusOr<CallContext>& decision,
                             CheckResponse* response, FinishedCall call) const {
  absl::StatusOr<CheckResponse> answer =
      CheckResponseOf(decision, request, options_);
  if (answer.ok()) *response = *std::move(answer);
  if (decision.ok()) {
    call.actor_id = decision->actor().id;
    if (decision->impersonating()) {
      call.impersonated_user_id = decision->user().id;
    }
  }
  Finish(reactor, ToGrpcStatus(answer.status()), *response, std::move(call));
}

void ExtAuthzService::Finish(grpc::ServerUnaryReactor* reactor,
                             const grpc::Status& status,
                             const CheckResponse& response,
                             FinishedCall call) const {
  if (!observers_.empty()) {
    call.code = status.ok()
                    ? static_cast<grpc::StatusCode>(response.status().code())
                    : status.error_code();
    call.latency = absl::Now() - call.start;
    for (CallObserver* observer : observers_) observer->OnCallFinished(call);
  }
  reactor->Finish(status);
}

}  // namespace identity
