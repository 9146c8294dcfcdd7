// Runs a read or a change of the API layer in one transaction and hands back
// what it produced, so that handlers need no out-variables.
//
//   ASSIGN_OR_RETURN(storage::Org org,
//       ReadInTransaction(*store_, call.deadline, [&](storage::Transaction& tx)
//       {
//         return tx.orgs().Get(id, storage::Lock::kNone);
//       }));
#ifndef IDENTITY_SERVICE_API_IN_TRANSACTION_H_
#define IDENTITY_SERVICE_API_IN_TRANSACTION_H_

#include <optional>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "storage/store.h"

namespace identity {

// Runs `fn(tx)`, which returns an absl::StatusOr<T>, in a transaction of
// `access`, commits when it is OK, and returns it. The errors are fn's or
// Store::RunInTransaction's (UNAVAILABLE, DEADLINE_EXCEEDED, ABORTED, ...).
// `fn` may run more than once (see Store::RunInTransaction).
template <typename Fn>
auto InTransaction(storage::Store& store, absl::Time deadline,
                   storage::Access access, Fn fn)
    -> decltype(fn(std::declval<storage::Transaction&>())) {
  std::optional<decltype(fn(std::declval<storage::Transaction&>()))> result;
  const absl::Status status = store.RunInTransaction(
      deadline, access, [&](storage::Transaction& tx) -> absl::Status {
        result.emplace(fn(tx));
        return result->status();
      });
  if (!status.ok()) return status;
  return *std::move(result);
}

template <typename Fn>
auto ReadInTransaction(storage::Store& store, absl::Time deadline, Fn fn) {
  return InTransaction(store, deadline, storage::Access::kReadOnly,
                       std::move(fn));
}

template <typename Fn>
auto WriteInTransaction(storage::Store& store, absl::Time deadline, Fn fn) {
  return InTransaction(store, deadline, storage::Access::kReadWrite,
                       std::move(fn));
}

}  // namespace identity

#endif  // IDENTITY_SERVICE_API_IN_TRANSACTION_H_
