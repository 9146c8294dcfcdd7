// The one entry point every handler goes through: it consults what the
// authentication interceptor decided for the call, then runs the handler,
// inline (answers served from memory) or on the bounded executor (anything
// that waits on the database), and finishes the call from there.
//
//   return dispatcher_->Serve(ctx, request, response, Run::kOnExecutor,
//       [this](const CallContext& call, const auto& r) { return
//       api_.GetOrg(call, r); });
#ifndef IDENTITY_SERVICE_UNARY_DISPATCHER_H_
#define IDENTITY_SERVICE_UNARY_DISPATCHER_H_

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>

#include <utility>

#include "absl/status/statusor.h"
#include "service/bounded_executor.h"
#include "service/call_registry.h"
#include "service/status_conversion.h"

namespace identity {

enum class Run { kInline, kOnExecutor };

class UnaryDispatcher {
 public:
  UnaryDispatcher(const CallRegistry* registry, BoundedExecutor* executor)
      : registry_(registry), executor_(executor) {}

  // `handler(const CallContext&, const Request&)` returns
  // absl::StatusOr<Response>.
  template <typename Request, typename Response, typename Handler>
  grpc::ServerUnaryReactor* Serve(grpc::CallbackServerContext* context,
                                  const Request* request, Response* response,
                                  Run run, Handler handler) const {
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    CallRegistry::Decision decision = registry_->Find(context);
    if (decision == nullptr) {
      // Only reachable if the interceptor was not installed: fail closed.
      reactor->Finish(grpc::Status(grpc::StatusCode::UNAUTHENTICATED,
                                   "call was not authenticated"));
      return reactor;
    }
    if (!decision->ok()) {
      reactor->Finish(ToGrpcStatus(decision->status()));
      return reactor;
    }
    auto task = [decision = std::move(decision), request, response, reactor,
                 handler = std::move(handler)]() {
      absl::StatusOr<Response> result = handler(**decision, *request);
      if (result.ok()) *response = *std::move(result);
      reactor->Finish(ToGrpcStatus(result.status()));
    };
    if (run == Run::kInline) {
      task();
    } else if (!executor_->TrySubmit(std::move(task))) {
      reactor->Finish(grpc::Status(grpc::StatusCode::UNAVAILABLE,
                                   "server is overloaded; retry later"));
    }
    return reactor;
  }

 private:
  const CallRegistry* const registry_;
  BoundedExecutor* const executor_;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_UNARY_DISPATCHER_H_
