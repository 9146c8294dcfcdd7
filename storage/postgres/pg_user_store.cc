#include "storage/postgres/pg_user_store.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "base/error_details.h"
#include "base/status_macros.h"
#include "storage/postgres/pg_audit_log.h"
#include "storage/postgres/pg_transaction.h"
#include "storage/postgres/row_readers.h"

namespace identity::postgres {
namespace {

absl::Status UserNotFound(std::string_view id) {
  return WithReason(absl::NotFoundError(absl::StrCat("user ", std::string(id),
                                                     " does not exist")),
                    ErrorReason::kUserNotFound);
}

}  // namespace

absl::StatusOr<storage::User> PgUserStore::Insert(
    const storage::User& user,
    const std::optional<storage::AuditEvent>& audit) {
  const std::string tenant_in_org =
      user.org_id.empty()
          ? absl::StrCat("tenant ", user.tenant_id, " does not exist")
          : absl::StrCat("tenant ", user.tenant_id, " does not exist in org ",
                         user.org_id);
  std::vector<SqlParam> params = CreationAuditParams(audit);
  params.insert(params.end(), {user.id, user.tenant_id, user.org_id, user.name,
                               user.email, user.variables_json, user.roles});
  ASSIGN_OR_RETURN(
      pqxx::result rows,
      tx_.Exec(kInsertUser, params,
               ErrorContext(/*already_exists=*/absl::StrCat("user ", user.id,
                                                            " already exists"),
                            /*failed_precondition=*/tenant_in_org,
                            ErrorReason::kTenantNotFound)));
  if (rows.empty()) {
    return WithReason(absl::FailedPreconditionError(tenant_in_org),
                      ErrorReason::kTenantNotFound);
  }
  return ReadUser(rows[0]);
}

absl::StatusOr<storage::User> PgUserStore::Get(std::string_view id,
                                               storage::Lock lock) {
  ASSIGN_OR_RETURN(
      pqxx::result rows,
      tx_.Exec(lock == storage::Lock::kForUpdate ? kGetUserForUpdate : kGetUser,
               {id}));
  if (rows.empty()) return UserNotFound(id);
  return ReadUser(rows[0]);
}

absl::StatusOr<storage::User> PgUserStore::Update(const storage::User& user) {
  ASSIGN_OR_RETURN(
      pqxx::result rows,
      tx_.Exec(kUpdateUser, {user.id, user.name, user.email,
                             user.variables_json, user.roles, user.version}));
  if (rows.empty())
    return tx_.UpdateMissed(kUserExists, "user", user.id,
                            ErrorReason::kUserNotFound);
  return ReadUser(rows[0]);
}

absl::Status PgUserStore::Delete(std::string_view id) {
  // The user's configuration and access keys go with it (ON DELETE CASCADE).
  ASSIGN_OR_RETURN(pqxx::result deleted, tx_.Exec(kDeleteUser, {id}));
  if (deleted.affected_rows() == 0) return UserNotFound(id);
  return absl::OkStatus();
}

absl::StatusOr<std::vector<storage::User>> PgUserStore::List(
    const storage::PageRequest& page, const storage::UserFilter& filter) {
  absl::StatusOr<pqxx::result> rows;
  if (!filter.user_id.empty()) {
    rows = tx_.Exec(kListUsersById, {filter.user_id, page.after, filter.org_id,
                                     filter.tenant_id, page.limit});
  } else if (!filter.tenant_id.empty()) {
    rows = tx_.Exec(kListUsersByTenant,
                    {filter.tenant_id, page.after, filter.org_id, page.limit});
  } else if (!filter.org_id.empty()) {
    rows = tx_.Exec(kListUsersByOrg, {filter.org_id, page.after, page.limit});
  } else {
    rows = tx_.Exec(kListUsers, {page.after, page.limit});
  }
  if (!rows.ok()) return rows.status();
  std::vector<storage::User> users;
  users.reserve(rows->size());
  for (const pqxx::row& row : *rows) users.push_back(ReadUser(row));
  return users;
}

absl::StatusOr<std::vector<storage::User>> PgUserStore::ListOfTenantForUpdate(
    const storage::PageRequest& page, std::string_view tenant_id) {
  ASSIGN_OR_RETURN(pqxx::result rows,
                   tx_.Exec(kListUsersOfTenantForUpdate,
                            {tenant_id, page.after, page.limit}));
  std::vector<storage::User> users;
  users.reserve(rows.size());
  for (const pqxx::row& row : rows) users.push_back(ReadUser(row));
  return users;
}

absl::StatusOr<std::string> PgUserStore::UpdateConfig(
    std::string_view user_id, std::string_view updated_json,
    const std::vector<std::string>& deleted,
    const storage::ConfigLimits& limits) {
  const bool nothing_to_change =
      (updated_json.empty() || updated_json == "{}") && deleted.empty();
  ASSIGN_OR_RETURN(
      pqxx::result rows,
      nothing_to_change
          ? tx_.Exec(kGetUserConfig, {user_id})
          : tx_.Exec(kMergeUserConfig,
                     {user_id, updated_json.empty() ? "{}" : updated_json,
                      deleted, limits.max_json_bytes, limits.max_keys}));
  if (!rows.empty()) return std::string(rows[0][0].c_str(), rows[0][0].size());
  if (nothing_to_change) return UserNotFound(user_id);
  // The merge wrote nothing: the user is gone, or the result was too large.
  ASSIGN_OR_RETURN(pqxx::result exists, tx_.Exec(kUserExists, {user_id}));
  if (!exists[0][0].as<bool>()) return UserNotFound(user_id);
  return InvalidFieldError(
      "updated", absl::StrCat("updated: a user's config may hold at most ",
                              limits.max_keys, " keys and ",
                              limits.max_json_bytes, " bytes of JSON"));
}

}  // namespace identity::postgres
