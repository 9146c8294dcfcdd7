// Whether a call queued for the executor is still worth serving when a
// worker takes it: the error the executor then answers with, so that a
// client whose deadline passed in the queue hears DEADLINE_EXCEEDED, and
// one that left is not served at all.
//
//   BoundedExecutor::Task task;
//   task.abandoned = AbandonedCall(context, deadline);
#ifndef IDENTITY_SERVICE_GRPC_ABANDONED_CALL_H_
#define IDENTITY_SERVICE_GRPC_ABANDONED_CALL_H_

#include <grpcpp/server_context.h>

#include <functional>

#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace identity {

// `context` must outlive the returned function (it does: the call is not
// finished before its task has run).
inline std::function<absl::Status()> AbandonedCall(
    grpc::CallbackServerContext* context, absl::Time deadline) {
  return [context, deadline] {
    if (absl::Now() >= deadline) {
      return absl::DeadlineExceededError(
          "the deadline passed while the call waited for a worker");
    }
    if (context->IsCancelled()) {
      return absl::CancelledError("the caller has gone");
    }
    return absl::OkStatus();
  };
}

}  // namespace identity

#endif  // IDENTITY_SERVICE_GRPC_ABANDONED_CALL_H_
