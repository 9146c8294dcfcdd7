#include "service/grpc/call_interceptor.h"

#include <grpcpp/server_context.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>

#include "absl/strings/match.h"
#include "absl/time/clock.h"
#include "base/call_metadata.h"
#include "base/utf8_prefix.h"
#include "service/auth/impersonation_policy.h"
#include "service/grpc/json_call_log.h"
#include "service/grpc/request_id.h"
#include "service/grpc/status_conversion.h"

namespace identity {
namespace {

using grpc::experimental::InterceptionHookPoints;

constexpr absl::string_view kServicePrefix = "/identity.v1.";

absl::string_view View(grpc::string_ref ref) {
  return absl::string_view(ref.data(), ref.size());
}

class CallInterceptor : public grpc::experimental::Interceptor {
 public:
  CallInterceptor(grpc::experimental::ServerRpcInfo* info,
                  const Authenticator* authenticator, CallRegistry* registry,
                  absl::Duration max_call_duration,
                  const std::vector<CallObserver*>* observers)
      : info_(info),
        authenticator_(authenticator),
        registry_(registry),
        max_call_duration_(max_call_duration),
        observers_(observers) {
    call_.method = info->method();
    call_.start = absl::Now();
  }

  // A call cancelled before its status was sent is still reported, without
  // what only its (possibly gone) decision knows.
  ~CallInterceptor() override {
    if (!reported_) {
      Report(grpc::Status(grpc::StatusCode::CANCELLED, "cancelled"),
             /*decided=*/false);
    }
    registry_->Withdraw(info_->server_context(), this);
  }

  void Intercept(
      grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      Authenticate(*methods->GetRecvInitialMetadata());
    }
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::PRE_SEND_INITIAL_METADATA)) {
      methods->GetSendInitialMetadata()->emplace(kRequestIdMetadata,
                                                 RequestId());
    }
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::PRE_SEND_STATUS)) {
      Report(methods->GetSendStatus(), /*decided=*/true);
    }
    methods->Proceed();
  }

 private:
  void Authenticate(
      const std::multimap<grpc::string_ref, grpc::string_ref>& metadata) {
    grpc::ServerContextBase* context = info_->server_context();
    auto admission = std::make_shared<CallAdmission>();
    CallCredentials& credentials = admission->credentials;
    credentials.method = call_.method;
    credentials.peer = context->peer();
    call_.peer = credentials.peer;
    credentials.deadline = std::min(absl::FromChrono(context->deadline()),
                                    absl::Now() + max_call_duration_);
    for (const auto& [key, value] : metadata) {
      if (View(key) == kAuthorizationMetadata) {
        credentials.authorization.emplace_back(View(value));
      } else if (View(key) == kImpersonateUserMetadata) {
        credentials.impersonate.emplace_back(View(value));
        // The caller's to choose, up to gRPC's header limit: cut like a
        // method name.
        requested_impersonation_ = std::string(
            Utf8Prefix(View(value), JsonCallLog::kMaxLoggedMethodLength));
      } else if (View(key) == kRequestIdMetadata &&
                 IsAcceptableRequestId(View(value))) {
        call_.request_id = std::string(View(value));
      }
    }
    admission->decided = authenticator_->AuthenticateFromMemory(credentials);
    registry_->Publish(context, this, std::move(admission));
  }

  const std::string& RequestId() {
    if (call_.request_id.empty()) call_.request_id = GenerateRequestId();
    return call_.request_id;
  }

  // `decided`: whether the call's decision may be looked up, i.e. whether
  // its context still exists.
  void Report(const grpc::Status& status, bool decided) {
    reported_ = true;
    if (observers_->empty()) return;
    call_.code = status.error_code();
    if (!status.ok()) {
      call_.reason = ErrorReasonOf(status);
      call_.message = status.error_message();
    }
    call_.latency = absl::Now() - call_.start;
    RequestId();
    CallRegistry::Admission admission =
        decided ? registry_->Find(info_->server_context()) : nullptr;
    if (admission != nullptr && admission->decided.has_value() &&
        admission->decided->ok()) {
      const CallContext& identity = **admission->decided;
      call_.actor_id = identity.actor().id;
      if (identity.impersonating()) {
        call_.impersonated_user_id = identity.user().id;
      }
    } else {
      // Refused: whose key it was, when the refusal of an impersonation
      // says, and whom the call asked to impersonate.
      if (admission != nullptr && admission->decided.has_value()) {
        call_.actor_id =
            ImpersonationPolicy::RefusedCallerOf(admission->decided->status());
      }
      call_.impersonated_user_id = requested_impersonation_;
    }
    for (CallObserver* observer : *observers_) observer->OnCallFinished(call_);
  }

  grpc::experimental::ServerRpcInfo* const info_;
  const Authenticator* const authenticator_;
  CallRegistry* const registry_;
  const absl::Duration max_call_duration_;
  const std::vector<CallObserver*>* const observers_;
  FinishedCall call_;
  std::string requested_impersonation_;
  bool reported_ = false;
};

}  // namespace

grpc::experimental::Interceptor*
CallInterceptorFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  if (!absl::StartsWith(info->method(), kServicePrefix)) return nullptr;
  return new CallInterceptor(info, authenticator_, registry_,
                             max_call_duration_, &observers_);
}

}  // namespace identity
