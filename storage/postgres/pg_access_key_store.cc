#include "storage/postgres/pg_access_key_store.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "base/error_details.h"
#include "base/status_macros.h"
#include "storage/postgres/pg_transaction.h"
#include "storage/postgres/row_readers.h"

namespace identity::postgres {

absl::StatusOr<storage::AccessKey> PgAccessKeyStore::Insert(
    const storage::AccessKey& key, std::string_view key_hash) {
  ASSIGN_OR_RETURN(
      pqxx::result rows,
      tx_.Exec(
          kInsertAccessKey,
          {key_hash, key.user_id, key.name, key.description, key.key_prefix,
           key.expire_time, key.permission_ceiling, key.issuer_id},
          ErrorContext(/*already_exists=*/absl::StrCat("access key ", key.name,
                                                       " of user ", key.user_id,
                                                       " already exists"),
                       /*failed_precondition=*/
                       absl::StrCat("user ", key.user_id, " does not exist"),
                       ErrorReason::kUserNotFound)));
  return ReadAccessKey(rows[0]);
}

absl::StatusOr<int64_t> PgAccessKeyStore::CountOfUser(
    std::string_view user_id) {
  ASSIGN_OR_RETURN(pqxx::result rows,
                   tx_.Exec(kCountAccessKeysOfUser, {user_id}));
  return rows[0][0].as<int64_t>();
}

absl::StatusOr<std::vector<storage::AccessKey>> PgAccessKeyStore::List(
    const storage::PageRequest& page, std::string_view user_id) {
  ASSIGN_OR_RETURN(
      pqxx::result rows,
      tx_.Exec(kListAccessKeys, {user_id, page.after, page.limit}));
  std::vector<storage::AccessKey> keys;
  keys.reserve(rows.size());
  for (const pqxx::row& row : rows) keys.push_back(ReadAccessKey(row));
  return keys;
}

absl::StatusOr<storage::AccessKey> PgAccessKeyStore::Rotate(
    std::string_view user_id, std::string_view name, std::string_view key_hash,
    std::string_view key_prefix, absl::Duration grace) {
  ASSIGN_OR_RETURN(
      pqxx::result rows,
      tx_.Exec(kRotateAccessKey, {user_id, name, key_hash, key_prefix,
                                  absl::ToInt64Microseconds(grace)}));
  if (rows.empty()) {
    return WithReason(absl::NotFoundError(absl::StrCat(
                          "access key ", std::string(name), " of user ",
                          std::string(user_id), " does not exist")),
                      ErrorReason::kAccessKeyNotFound);
  }
  return ReadAccessKey(rows[0]);
}

absl::Status PgAccessKeyStore::Delete(std::string_view user_id,
                                      const std::vector<std::string>& names) {
  if (names.empty()) return absl::OkStatus();
  // All or none: find (and lock) the keys first, delete only if all exist.
  ASSIGN_OR_RETURN(pqxx::result found,
                   tx_.Exec(kLockAccessKeysByName, {user_id, names}));
  std::set<std::string> existing;
  for (const pqxx::row& row : found) existing.insert(row[0].as<std::string>());
  for (const std::string& name : names) {
    if (existing.count(name) == 0) {
      return WithReason(absl::NotFoundError(absl::StrCat(
                            "access key ", name, " of user ",
                            std::string(user_id), " does not exist")),
                        ErrorReason::kAccessKeyNotFound);
    }
  }
  return tx_.Exec(kDeleteAccessKeysByName, {user_id, names}).status();
}

}  // namespace identity::postgres
