#include "service/grpc/ext_authz_service.h"

#include <algorithm>
#include <memory>
#include <utility>

#include "absl/time/clock.h"
#include "base/error_reason.h"
#include "service/auth/impersonation_policy.h"
#include "service/grpc/abandoned_call.h"
#include "service/grpc/request_id.h"
#include "service/grpc/status_conversion.h"

namespace identity {

using envoy::service::auth::v3::CheckRequest;
using envoy::service::auth::v3::CheckResponse;

namespace {

// A Check as the observers see it, until it ends.
FinishedCall StartedCheck(const CheckRequest& request, std::string peer) {
  FinishedCall call;
  call.method = kExtAuthzCheckMethod;
  call.start = absl::Now();
  call.peer = std::move(peer);
  call.request_id = RequestIdOfCheck(request);
  if (!IsAcceptableRequestId(call.request_id)) {
    call.request_id = GenerateRequestId();
  }
  return call;
}

grpc::Status NotAnAuthorizer() {
  return grpc::Status(grpc::StatusCode::PERMISSION_DENIED,
                      "Check is answered only to the authorizers that "
                      "--ext_authz_allowed_peers or "
                      "--ext_authz_allowed_identities name");
}

}  // namespace

grpc::ServerUnaryReactor* ExtAuthzService::Check(
    grpc::CallbackServerContext* context, const CheckRequest* request,
    CheckResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  FinishedCall call = observers_.empty()
                          ? FinishedCall{}
                          : StartedCheck(*request, context->peer());
  // Before anything is looked up or counted: a caller that is not an
  // authorizer must not make the server do work for the addresses it
  // claims.
  if (!authorizers_.Admits(context->peer(), *context->auth_context())) {
    Finish(reactor, NotAnAuthorizer(), *response, std::move(call));
    return reactor;
  }
  absl::StatusOr<CallCredentials> checked =
      CredentialsOfCheck(*request, context->peer());
  if (!checked.ok()) {
    Answer(reactor, *request, checked.status(), response, std::move(call));
    return reactor;
  }
  CallCredentials credentials = *std::move(checked);
  call.claimed_address = credentials.claimed_address;
  credentials.deadline = std::min(absl::FromChrono(context->deadline()),
                                  absl::Now() + max_call_duration_);
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
  } else {
    // A denial is the Check's outcome: its reason and public message.
    const grpc::Status denial = ToGrpcStatus(decision.status());
    call.reason = ErrorReasonOf(denial);
    call.message = denial.error_message();
    call.actor_id = ImpersonationPolicy::RefusedCallerOf(decision.status());
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
    if (!status.ok()) {
      call.reason = ErrorReasonOf(status);
      call.message = status.error_message();
    }
    call.latency = absl::Now() - call.start;
    for (CallObserver* observer : observers_) observer->OnCallFinished(call);
  }
  reactor->Finish(status);
}

}  // namespace identity
