// The one entry point every handler goes through: it consults what the
// authentication interceptor decided for the call, then runs the API method,
// on the bounded executor (anything that waits on the database) or inline
// (answers served from memory), and finishes the call.
//
//   return dispatcher_->OnExecutor(context, request, response, api_,
//                                  &OrgApi::GetOrg);
//   return dispatcher_->Inline(context, request, response, &UserInfoOf);
#ifndef IDENTITY_SERVICE_GRPC_UNARY_DISPATCHER_H_
#define IDENTITY_SERVICE_GRPC_UNARY_DISPATCHER_H_

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>

#include <utility>

#include "absl/status/statusor.h"
#include "service/auth/call_context.h"
#include "service/grpc/bounded_executor.h"
#include "service/grpc/call_registry.h"
#include "service/grpc/status_conversion.h"

namespace identity {

class UnaryDispatcher {
 public:
  UnaryDispatcher(const CallRegistry* registry, BoundedExecutor* executor)
      : registry_(registry), executor_(executor) {}

  // An API method: validates, authorizes and serves one request.
  template <typename Api, typename Request, typename Response>
  using ApiMethod = absl::StatusOr<Response> (Api::*)(const CallContext&,
                                                      const Request&) const;

  // Runs `(api->*method)(call, *request)` on the executor and finishes the
  // call with its result; UNAVAILABLE at once when the executor is full.
  template <typename Api, typename Request, typename Response>
  grpc::ServerUnaryReactor* OnExecutor(
      grpc::CallbackServerContext* context, const Request* request,
      Response* response, const Api* api,
      ApiMethod<Api, Request, Response> method) const {
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    CallRegistry::Decision decision = Admit(context, reactor);
    if (decision == nullptr) return reactor;
    auto task = [decision = std::move(decision), request, response, reactor,
                 api, method]() {
      Finish(reactor, response, (api->*method)(**decision, *request));
    };
    if (!executor_->TrySubmit(std::move(task))) {
      reactor->Finish(ToGrpcStatus(
          absl::UnavailableError("server is overloaded; retry later")));
    }
    return reactor;
  }

  // Answers from the call context alone, on the gRPC thread, without a
  // thread hop: for what is served from memory and cannot fail.
  template <typename Request, typename Response>
  grpc::ServerUnaryReactor* Inline(
      grpc::CallbackServerContext* context, const Request* /*request*/,
      Response* response, Response (*answer)(const CallContext&)) const {
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    CallRegistry::Decision decision = Admit(context, reactor);
    if (decision == nullptr) return reactor;
    *response = answer(**decision);
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }

 private:
  // The interceptor's successful decision for the call, or null after
  // finishing the call with the refusal.
  CallRegistry::Decision Admit(grpc::CallbackServerContext* context,
                               grpc::ServerUnaryReactor* reactor) const {
    CallRegistry::Decision decision = registry_->Find(context);
    if (decision == nullptr) {
      // Only reachable if the interceptor was not installed: fail closed.
      reactor->Finish(ToGrpcStatus(
          absl::UnauthenticatedError("call was not authenticated")));
      return nullptr;
    }
    if (!decision->ok()) {
      reactor->Finish(ToGrpcStatus(decision->status()));
      return nullptr;
    }
    return decision;
  }

  template <typename Response>
  static void Finish(grpc::ServerUnaryReactor* reactor, Response* response,
                     absl::StatusOr<Response> result) {
    if (result.ok()) *response = *std::move(result);
    reactor->Finish(ToGrpcStatus(result.status()));
  }

  const CallRegistry* const registry_;
  BoundedExecutor* const executor_;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_GRPC_UNARY_DISPATCHER_H_
