#include "service/grpc/call_observing_interceptor.h"

#include <grpcpp/server_context.h>

#include <string>

#include "absl/random/random.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "base/call_metadata.h"

namespace identity {
namespace {

using grpc::experimental::InterceptionHookPoints;

constexpr absl::string_view kServicePrefix = "/identity.v1.";
constexpr size_t kMaxRequestIdLength = 128;

// A caller's request id goes into logs as is: accept only a short token of
// harmless characters, and replace anything else.
bool IsAcceptableRequestId(absl::string_view id) {
  if (id.empty() || id.size() > kMaxRequestIdLength) return false;
  for (char c : id) {
    const bool ok = absl::ascii_isalnum(static_cast<unsigned char>(c)) ||
                    c == '-' || c == '_' || c == '.' || c == ':';
    if (!ok) return false;
  }
  return true;
}

std::string GenerateRequestId() {
  thread_local absl::BitGen random;
  return absl::StrFormat("%016x%016x", absl::Uniform<uint64_t>(random),
                         absl::Uniform<uint64_t>(random));
}

class CallObservingInterceptor : public grpc::experimental::Interceptor {
 public:
  CallObservingInterceptor(grpc::experimental::ServerRpcInfo* info,
                           const CallRegistry* registry,
                           const std::vector<CallObserver*>* observers)
      : info_(info), registry_(registry), observers_(observers) {
    call_.method = info->method();
    call_.start = absl::Now();
  }

  // A call cancelled before its status was sent is still reported, without
  // what only its (possibly gone) context knows.
  ~CallObservingInterceptor() override {
    if (!reported_) Report(grpc::StatusCode::CANCELLED, /*context=*/nullptr);
  }

  void Intercept(
      grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      ReadRequestId(*methods->GetRecvInitialMetadata());
    }
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::PRE_SEND_INITIAL_METADATA)) {
      methods->GetSendInitialMetadata()->emplace(kRequestIdMetadata,
                                                 RequestId());
    }
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::PRE_SEND_STATUS)) {
      Report(methods->GetSendStatus().error_code(), info_->server_context());
    }
    methods->Proceed();
  }

 private:
  void ReadRequestId(
      const std::multimap<grpc::string_ref, grpc::string_ref>& metadata) {
    auto it = metadata.find(kRequestIdMetadata);
    if (it == metadata.end()) return;
    absl::string_view id(it->second.data(), it->second.size());
    if (IsAcceptableRequestId(id)) call_.request_id = std::string(id);
  }

  const std::string& RequestId() {
    if (call_.request_id.empty()) call_.request_id = GenerateRequestId();
    return call_.request_id;
  }

  void Report(grpc::StatusCode code, grpc::ServerContextBase* context) {
    reported_ = true;
    call_.code = code;
    call_.latency = absl::Now() - call_.start;
    RequestId();
    if (context == nullptr) {
      Notify();
      return;
    }
    call_.peer = context->peer();
    if (CallRegistry::Admission admission = registry_->Find(context);
        admission != nullptr && admission->decided.has_value() &&
        admission->decided->ok()) {
      const CallContext& identity = **admission->decided;
      call_.actor_id = identity.actor().id;
      if (identity.impersonator != nullptr) {
        call_.impersonated_user_id = identity.user().id;
      }
    }
    Notify();
  }

  void Notify() {
    for (CallObserver* observer : *observers_) observer->OnCallFinished(call_);
  }

  grpc::experimental::ServerRpcInfo* const info_;
  const CallRegistry* const registry_;
  const std::vector<CallObserver*>* const observers_;
  FinishedCall call_;
  bool reported_ = false;
};

}  // namespace

grpc::experimental::Interceptor*
CallObservingInterceptorFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  if (observers_.empty() || !absl::StartsWith(info->method(), kServicePrefix)) {
    return nullptr;
  }
  return new CallObservingInterceptor(info, registry_, &observers_);
}

}  // namespace identity
