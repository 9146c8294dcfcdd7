// Access keys inside one transaction. Only the SHA-256 hash of a secret is
// ever handed to the store.
//
//   ASSIGN_OR_RETURN(AccessKey stored,
//                    tx.access_keys().Insert(key, HashAccessKey(secret)));
#ifndef IDENTITY_STORAGE_ACCESS_KEY_STORE_H_
#define IDENTITY_STORAGE_ACCESS_KEY_STORE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "storage/page.h"
#include "storage/resources.h"

namespace identity::storage {

class AccessKeyStore {
 public:
  virtual ~AccessKeyStore() = default;

  // Stores `key` under `key_hash` (lowercase hex SHA-256 of the secret) and
  // returns it with its create_time. ALREADY_EXISTS when the user already has
  // a key of that name; FAILED_PRECONDITION when the user does not exist.
  virtual absl::StatusOr<AccessKey> Insert(const AccessKey& key,
                                           std::string_view key_hash) = 0;

  // How many keys the user has; lock the user's row first to keep the count
  // true until commit.
  virtual absl::StatusOr<int64_t> CountOfUser(std::string_view user_id) = 0;

  // The user's keys in name order after `page.after`.
  virtual absl::StatusOr<std::vector<AccessKey>> List(
      const PageRequest& page, std::string_view user_id) = 0;

  // Gives the user's key `name` the secret of `key_hash` and `key_prefix`;
  // the secret it replaces keeps working for `grace` (zero: not at all). A
  // secret replaced earlier stops at once. Returns the key as it now is.
  // NOT_FOUND (ACCESS_KEY_NOT_FOUND) when the user has no key of that name.
  virtual absl::StatusOr<AccessKey> Rotate(std::string_view user_id,
                                           std::string_view name,
                                           std::string_view key_hash,
                                           std::string_view key_prefix,
                                           absl::Duration grace) = 0;

  // Deletes all of `names` of the user, or none: NOT_FOUND naming the first
  // unknown name.
  virtual absl::Status Delete(std::string_view user_id,
                              const std::vector<std::string>& names) = 0;
};

}  // namespace identity::storage

#endif  // IDENTITY_STORAGE_ACCESS_KEY_STORE_H_
