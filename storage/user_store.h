// Users and their configuration inside one transaction.
//
//   ASSIGN_OR_RETURN(User u, tx.users().Get("jack@myco.com", Lock::kNone));
//   ASSIGN_OR_RETURN(User created, tx.users().Insert(new_user, audit_event));
#ifndef IDENTITY_STORAGE_USER_STORE_H_
#define IDENTITY_STORAGE_USER_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/lock.h"
#include "storage/page.h"
#include "storage/resources.h"

namespace identity::storage {

// Which users a list returns; empty fields do not filter.
struct UserFilter {
  std::string org_id;
  std::string tenant_id;
  std::string user_id;
};

// The most one user's config may hold after an update.
struct ConfigLimits {
  int64_t max_json_bytes = 0;  // As JSON text.
  int64_t max_keys = 0;
};

class UserStore {
 public:
  virtual ~UserStore() = default;

  // Inserts `user` and, in the same statement (one round trip), appends
  // `audit` with its org_id and resource_id set to the new user's. An empty
  // `user.org_id` means the org of tenant `user.tenant_id`. ALREADY_EXISTS
  // when the id is taken. FAILED_PRECONDITION (TENANT_NOT_FOUND) when that
  // tenant does not exist or does not belong to `user.org_id`; nothing is
  // written then, and when no row was tried the transaction stays usable
  // (to find out which it was, say).
  virtual absl::StatusOr<User> Insert(
      const User& user, const std::optional<AuditEvent>& audit) = 0;
  // As above, with no audit event (bootstrap, tests).
  absl::StatusOr<User> Insert(const User& user) {
    return Insert(user, std::nullopt);
  }

  // NOT_FOUND when there is no such user.
  virtual absl::StatusOr<User> Get(std::string_view id, Lock lock) = 0;

  // Writes name, email, variables and roles if the version is still
  // `user.version`. NOT_FOUND when gone, ABORTED when the version moved.
  virtual absl::StatusOr<User> Update(const User& user) = 0;

  // Deletes the user with its config and access keys. NOT_FOUND when absent.
  virtual absl::Status Delete(std::string_view id) = 0;

  // Users matching `filter` in id order after `page.after`.
  virtual absl::StatusOr<std::vector<User>> List(const PageRequest& page,
                                                 const UserFilter& filter) = 0;

  // The users of `tenant_id` in id order after `page.after`, each locked for
  // update until commit: a check made on them (say, "the caller may delete
  // every one") then still holds when the transaction acts on them.
  virtual absl::StatusOr<std::vector<User>> ListOfTenantForUpdate(
      const PageRequest& page, std::string_view tenant_id) = 0;

  // Sets every key of the JSON object `updated_json`, then removes every key
  // in `deleted`, and returns the whole resulting config as a JSON object.
  // Both empty: returns the current config. NOT_FOUND when the user is
  // absent; INVALID_ARGUMENT naming "updated", and nothing written, when the
  // result would break `limits`.
  virtual absl::StatusOr<std::string> UpdateConfig(
      std::string_view user_id, std::string_view updated_json,
      const std::vector<std::string>& deleted, const ConfigLimits& limits) = 0;
};

}  // namespace identity::storage

#endif  // IDENTITY_STORAGE_USER_STORE_H_
