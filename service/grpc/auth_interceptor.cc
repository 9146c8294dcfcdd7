#include "service/grpc/auth_interceptor.h"

#include <grpcpp/server_context.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>

#include "absl/strings/match.h"
#include "absl/time/clock.h"

namespace identity {
namespace {

using grpc::experimental::InterceptionHookPoints;

constexpr absl::string_view kServicePrefix = "/identity.v1.";

absl::string_view View(grpc::string_ref ref) {
  return absl::string_view(ref.data(), ref.size());
}

class AuthInterceptor : public grpc::experimental::Interceptor {
 public:
  AuthInterceptor(grpc::experimental::ServerRpcInfo* info,
                  const Authenticator* authenticator, CallRegistry* registry,
                  absl::Duration max_call_duration)
      : info_(info),
        authenticator_(authenticator),
        registry_(registry),
        max_call_duration_(max_call_duration) {}

  ~AuthInterceptor() override {
    registry_->Withdraw(info_->server_context(), this);
  }

  void Intercept(
      grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      Authenticate(*methods->GetRecvInitialMetadata());
    }
    methods->Proceed();
  }

 private:
  void Authenticate(
      const std::multimap<grpc::string_ref, grpc::string_ref>& metadata) {
    grpc::ServerContextBase* context = info_->server_context();
    auto admission = std::make_shared<CallAdmission>();
    CallCredentials& credentials = admission->credentials;
    credentials.method = info_->method();
    credentials.peer = context->peer();
    credentials.deadline = std::min(absl::FromChrono(context->deadline()),
                                    absl::Now() + max_call_duration_);
    for (const auto& [key, value] : metadata) {
      if (View(key) == kAuthorizationMetadata) {
        credentials.authorization.emplace_back(View(value));
      } else if (View(key) == kImpersonateUserMetadata) {
        credentials.impersonate.emplace_back(View(value));
      }
    }
    admission->decided = authenticator_->AuthenticateFromMemory(credentials);
    registry_->Publish(context, this, std::move(admission));
  }

  grpc::experimental::ServerRpcInfo* const info_;
  const Authenticator* const authenticator_;
  CallRegistry* const registry_;
  const absl::Duration max_call_duration_;
};

}  // namespace

grpc::experimental::Interceptor*
AuthInterceptorFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  if (!absl::StartsWith(info->method(), kServicePrefix)) return nullptr;
  return new AuthInterceptor(info, authenticator_, registry_,
                             max_call_duration_);
}

}  // namespace identity
