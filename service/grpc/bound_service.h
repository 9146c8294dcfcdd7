// A gRPC service assembled from a table that binds each RPC, by name, to the
// API method serving it, instead of one hand-written override per RPC (the
// generated CallbackService classes would need 21 overrides that all read
// the same).
//
//   BoundService orgs(&dispatcher, v1::OrgService::service_full_name());
//   orgs.OnExecutor("CreateOrg", &org_api, &OrgApi::CreateOrg);
//   RETURN_IF_ERROR(orgs.RequireEveryMethodBound());
//   builder.RegisterService(&orgs);
#ifndef IDENTITY_SERVICE_GRPC_BOUND_SERVICE_H_
#define IDENTITY_SERVICE_GRPC_BOUND_SERVICE_H_

#include <grpcpp/impl/codegen/server_callback_handlers.h>
#include <grpcpp/impl/rpc_method.h>
#include <grpcpp/impl/rpc_service_method.h>
#include <grpcpp/impl/service_type.h>

#include <deque>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "service/auth/call_context.h"
#include "service/grpc/unary_dispatcher.h"

namespace identity {

class BoundService : public grpc::Service {
 public:
  // `service_full_name` as in the proto, e.g. "identity.v1.OrgService".
  BoundService(const UnaryDispatcher* dispatcher,
               absl::string_view service_full_name)
      : dispatcher_(dispatcher), service_full_name_(service_full_name) {}

  // Serves RPC `method` with `(api->*api_method)` on the executor.
  template <typename Api, typename Request, typename Response>
  BoundService& OnExecutor(
      absl::string_view method, const Api* api,
      UnaryDispatcher::ApiMethod<Api, Request, Response> api_method) {
    const UnaryDispatcher* dispatcher = dispatcher_;
    return Bind<Request, Response>(
        method, [dispatcher, api, api_method](grpc::CallbackServerContext* c,
                                              const Request* request,
                                              Response* response) {
          return dispatcher->OnExecutor(c, request, response, api, api_method);
        });
  }

  // Serves RPC `method` inline from the call context (see
  // UnaryDispatcher::Inline).
  template <typename Request, typename Response>
  BoundService& Inline(absl::string_view method,
                       Response (*answer)(const CallContext&)) {
    const UnaryDispatcher* dispatcher = dispatcher_;
    return Bind<Request, Response>(
        method,
        [dispatcher, answer](grpc::CallbackServerContext* c,
                             const Request* request, Response* response) {
          return dispatcher->Inline(c, request, response, answer);
        });
  }

  // INTERNAL naming the first RPC of the proto service that no table entry
  // bound (or a bound name the service lacks), so that a forgotten binding
  // stops the server at start instead of answering UNIMPLEMENTED.
  absl::Status RequireEveryMethodBound() const;

 private:
  template <typename Request, typename Response, typename Handler>
  BoundService& Bind(absl::string_view method, Handler handler) {
    bound_methods_.emplace_back(method);
    paths_.push_back("/" + service_full_name_ + "/" + std::string(method));
    // The path must outlive the service: deque elements never move.
    AddMethod(new grpc::internal::RpcServiceMethod(
        paths_.back().c_str(), grpc::internal::RpcMethod::NORMAL_RPC,
        /*handler=*/nullptr));
    MarkMethodCallback(
        static_cast<int>(paths_.size()) - 1,
        new grpc::internal::CallbackUnaryHandler<Request, Response>(
            std::move(handler)));
    return *this;
  }

  const UnaryDispatcher* const dispatcher_;
  const std::string service_full_name_;
  std::deque<std::string> paths_;
  std::deque<std::string> bound_methods_;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_GRPC_BOUND_SERVICE_H_
