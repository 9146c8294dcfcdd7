// The storage a server runs on: transactions, plus the two calls the
// authentication path makes outside of them.
//
//   std::unique_ptr<Store> store = ...;  // e.g. postgres::PgStore
//   absl::Status status = store->RunInTransaction(
//       deadline, Access::kReadOnly, [&](Transaction& tx) {
//         return tx.orgs().Get("o1", Lock::kNone).status();
//       });
#ifndef IDENTITY_STORAGE_STORE_H_
#define IDENTITY_STORAGE_STORE_H_

#include <string_view>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "storage/resources.h"
#include "storage/transaction.h"

namespace identity::storage {

enum class Access { kReadOnly, kReadWrite };

class Store {
 public:
  virtual ~Store() = default;

  // Runs `fn` in one transaction and commits if it returns OK; otherwise
  // rolls back and returns its status. A serialization failure or deadlock
  // reruns `fn` a bounded number of times, so `fn` must have no effects
  // outside the transaction. Never reruns after an in-doubt commit.
  // UNAVAILABLE when the database cannot be reached, DEADLINE_EXCEEDED when
  // `deadline` passes first (waiting for a connection included).
  virtual absl::Status RunInTransaction(
      absl::Time deadline, Access access,
      absl::FunctionRef<absl::Status(Transaction&)> fn) = 0;

  // The key stored under `key_hash`, or whose replaced secret's hash is
  // `key_hash` and has not expired yet, with its user. NOT_FOUND when none.
  virtual absl::StatusOr<Credential> FindCredential(std::string_view key_hash,
                                                    absl::Time deadline) = 0;

  // Raises last_used_time of each key to its use's time (never lowers it);
  // keys that are gone are skipped.
  virtual absl::Status RecordKeyUses(const std::vector<KeyUse>& uses,
                                     absl::Time deadline) = 0;

  // True when some user holds `role`; bootstrap asks it of the super admin.
  virtual absl::StatusOr<bool> HasUserWithRole(std::string_view role,
                                               absl::Time deadline) = 0;
};

}  // namespace identity::storage

#endif  // IDENTITY_STORAGE_STORE_H_
