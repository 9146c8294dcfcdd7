// Hands the interceptor's decision about a call to that call's handler.
// gRPC 1.51 shares AuthContext between all calls of a connection and lets no
// interceptor end a call, so the decision is kept per call here, keyed by the
// call's ServerContext, for the handlers' common entry point to consult.
//
// The decision is made there when memory suffices; otherwise the entry holds
// the credentials, for the handler's entry point to decide on off the gRPC
// thread.
//
//   registry.Publish(ctx, owner, std::move(admission));  // interceptor
//   CallRegistry::Admission a = registry.Find(ctx);      // handler
//   registry.Settle(ctx, decision);  // handler, once the store decided
//   registry.Withdraw(ctx, owner);   // interceptor, at the end
#ifndef IDENTITY_SERVICE_GRPC_CALL_REGISTRY_H_
#define IDENTITY_SERVICE_GRPC_CALL_REGISTRY_H_

#include <array>
#include <memory>
#include <optional>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "service/auth/authenticator.h"
#include "service/auth/call_context.h"

namespace identity {

// What the interceptor learned of one call.
struct CallAdmission {
  // The decision, when memory alone could make it.
  std::optional<absl::StatusOr<CallContext>> decided;
  // Otherwise what the store must decide on.
  CallCredentials credentials;
};

class CallRegistry {
 public:
  using Admission = std::shared_ptr<const CallAdmission>;

  // `owner` identifies the publisher, so that a late Withdraw cannot remove
  // the decision of a newer call whose context reuses the same address.
  void Publish(const void* call, const void* owner, Admission admission);
  void Withdraw(const void* call, const void* owner);
  // Replaces the admission published for `call`, if any, by one that holds
  // `decision`: what the store decided on, for whoever looks later.
  void Settle(const void* call, absl::StatusOr<CallContext> decision);

  // Null when nothing was published for `call`.
  Admission Find(const void* call) const;

 private:
  struct Entry {
    const void* owner;
    Admission admission;
  };
  // Sharded so that concurrent calls rarely contend on one lock.
  struct Shard {
    mutable absl::Mutex mu;
    absl::flat_hash_map<const void*, Entry> entries ABSL_GUARDED_BY(mu);
  };
  static constexpr size_t kShards = 16;

  Shard& ShardOf(const void* call) const;

  mutable std::array<Shard, kShards> shards_;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_GRPC_CALL_REGISTRY_H_
