// The one entry point every handler goes through: it consults what the
// authentication interceptor decided for the call, has the store decide on
// the executor when the interceptor could not decide from memory, then runs
// the API method, on the bounded executor (anything that waits on the
// database) or inline (answers served from memory), and finishes the call.
// No gRPC thread waits on the database here: a call that needs the store
// for its authentication is answered from the executor, even an Inline one.
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
#include "absl/time/clock.h"
#include "service/auth/authenticator.h"
#include "service/auth/call_context.h"
#include "service/grpc/abandoned_call.h"
#include "service/grpc/bounded_executor.h"
#include "service/grpc/call_registry.h"
#include "service/grpc/status_conversion.h"

namespace identity {

class UnaryDispatcher {
 public:
  UnaryDispatcher(CallRegistry* registry, const Authenticator* authenticator,
                  BoundedExecutor* executor)
      : registry_(registry),
        authenticator_(authenticator),
        executor_(executor) {}

  // An API method: validates, authorizes and serves one request.
  template <typename Api, typename Request, typename Response>
  using ApiMethod = absl::StatusOr<Response> (Api::*)(const CallContext&,
                                                      const Request&) const;

  // Runs `(api->*method)(call, *request)` on the executor and finishes the
  // call with its result. UNAVAILABLE at once when the executor is full, or
  // when the call waited in its queue too long; a call whose client has gone
  // or whose deadline passed while queued is not run.
  template <typename Api, typename Request, typename Response>
  grpc::ServerUnaryReactor* OnExecutor(
      grpc::CallbackServerContext* context, const Request* request,
      Response* response, const Api* api,
      ApiMethod<Api, Request, Response> method) const {
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    CallRegistry::Admission admission = Admit(context, reactor);
    if (admission == nullptr) return reactor;
    Submit(context, reactor, std::move(admission),
           [request, response, reactor, api, method](const CallContext& call) {
             Finish(reactor, response, (api->*method)(call, *request));
           });
    return reactor;
  }

  // Answers from the call context alone, for what is served from memory and
  // cannot fail: on the gRPC thread, without a thread hop, when the
  // interceptor decided from memory; from the executor after the store
  // decided otherwise.
  template <typename Request, typename Response>
  grpc::ServerUnaryReactor* Inline(
      grpc::CallbackServerContext* context, const Request* /*request*/,
      Response* response, Response (*answer)(const CallContext&)) const {
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    CallRegistry::Admission admission = Admit(context, reactor);
    if (admission == nullptr) return reactor;
    auto respond = [response, reactor, answer](const CallContext& call) {
      *response = answer(call);
      reactor->Finish(grpc::Status::OK);
    };
    if (admission->decided.has_value()) {
      respond(**admission->decided);
    } else {
      Submit(context, reactor, std::move(admission), std::move(respond));
    }
    return reactor;
  }

 private:
  // The interceptor's admission of the call, unless it refused it: then
  // null, after finishing the call with the refusal.
  CallRegistry::Admission Admit(grpc::CallbackServerContext* context,
                                grpc::ServerUnaryReactor* reactor) const {
    CallRegistry::Admission admission = registry_->Find(context);
    if (admission == nullptr) {
      // Only reachable if the interceptor was not installed: fail closed.
      reactor->Finish(ToGrpcStatus(
          absl::UnauthenticatedError("call was not authenticated")));
      return nullptr;
    }
    if (admission->decided.has_value() && !admission->decided->ok()) {
      reactor->Finish(ToGrpcStatus(admission->decided->status()));
      return nullptr;
    }
    return admission;
  }

  // Queues `serve` for the executor, which first has the store decide on
  // the call if the interceptor could not, and finishes the call itself
  // when the call is refused, shed or abandoned.
  template <typename Serve>
  void Submit(grpc::CallbackServerContext* context,
              grpc::ServerUnaryReactor* reactor,
              CallRegistry::Admission admission, Serve serve) const {
    const absl::Time deadline = admission->credentials.deadline;
    BoundedExecutor::Task task;
    task.abandoned = AbandonedCall(context, deadline);
    task.run = [this, context, reactor, admission = std::move(admission),
                serve = std::move(serve)](absl::Status admitted) {
      if (!admitted.ok()) {
        reactor->Finish(ToGrpcStatus(admitted));
        return;
      }
      if (admission->decided.has_value()) {
        serve(**admission->decided);
        return;
      }
      absl::StatusOr<CallContext> call =
          authenticator_->AuthenticateWithStore(admission->credentials);
      registry_->Settle(context, call);  // for the call's observers
      if (!call.ok()) {
        reactor->Finish(ToGrpcStatus(call.status()));
        return;
      }
      serve(*call);
    };
    if (!executor_->TrySubmit(std::move(task))) {
      reactor->Finish(ToGrpcStatus(BoundedExecutor::Overloaded()));
    }
  }

  template <typename Response>
  static void Finish(grpc::ServerUnaryReactor* reactor, Response* response,
                     absl::StatusOr<Response> result) {
    if (result.ok()) *response = *std::move(result);
    reactor->Finish(ToGrpcStatus(result.status()));
  }

  CallRegistry* const registry_;
  const Authenticator* const authenticator_;
  BoundedExecutor* const executor_;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_GRPC_UNARY_DISPATCHER_H_
