#include "storage/postgres/pg_tenant_store.h"

#include <optional>
#include <vector>

#include "absl/strings/str_cat.h"
#include "base/error_details.h"
#include "base/status_macros.h"
#include "storage/postgres/pg_audit_log.h"
#include "storage/postgres/pg_transaction.h"
#include "storage/postgres/row_readers.h"

namespace identity::postgres {
namespace {

absl::Status TenantNotFound(std::string_view id) {
  return WithReason(absl::NotFoundError(absl::StrCat("tenant ", std::string(id),
                                                     " does not exist")),
                    ErrorReason::kTenantNotFound);
}

}  // namespace

absl::StatusOr<storage::Tenant> PgTenantStore::Insert(
    const storage::Tenant& tenant,
    const std::optional<storage::AuditEvent>& audit) {
  std::vector<SqlParam> params = CreationAuditParams(audit);
  params.insert(params.end(),
                {tenant.id, tenant.org_id, tenant.name, tenant.variables_json});
  ASSIGN_OR_RETURN(
      pqxx::result rows,
      tx_.Exec(
          kInsertTenant, params,
          ErrorContext(/*already_exists=*/absl::StrCat("tenant ", tenant.id,
                                                       " already exists"),
                       /*failed_precondition=*/
                       absl::StrCat("org ", tenant.org_id, " does not exist"),
                       ErrorReason::kOrgNotFound)));
  return ReadTenant(rows[0]);
}

absl::StatusOr<storage::Tenant> PgTenantStore::Get(std::string_view id,
                                                   storage::Lock lock) {
  ASSIGN_OR_RETURN(pqxx::result rows, tx_.Exec(lock == storage::Lock::kForUpdate
                                                   ? kGetTenantForUpdate
                                                   : kGetTenant,
                                               {id}));
  if (rows.empty()) return TenantNotFound(id);
  return ReadTenant(rows[0]);
}

absl::StatusOr<storage::Tenant> PgTenantStore::Update(
    const storage::Tenant& tenant) {
  ASSIGN_OR_RETURN(
      pqxx::result rows,
      tx_.Exec(kUpdateTenant, {tenant.id, tenant.name, tenant.variables_json,
                               tenant.version}));
  if (rows.empty())
    return tx_.UpdateMissed(kTenantExists, "tenant", tenant.id,
                            ErrorReason::kTenantNotFound);
  return ReadTenant(rows[0]);
}

absl::Status PgTenantStore::Delete(std::string_view id, bool force) {
  if (force) {
    // The tenant's lock keeps new users out while its users are deleted.
    ASSIGN_OR_RETURN(pqxx::result tenant, tx_.Exec(kGetTenantForUpdate, {id}));
    if (tenant.empty()) return TenantNotFound(id);
    for (const Statement* step :
         {&kDeleteAccessKeysOfTenant, &kDeleteConfigsOfTenant,
          &kDeleteUsersOfTenant}) {
      RETURN_IF_ERROR(tx_.Exec(*step, {id}).status());
    }
  }
  // Without force, the users' foreign key refuses while any remain.
  ASSIGN_OR_RETURN(
      pqxx::result deleted,
      tx_.Exec(
          kDeleteTenant, {id},
          ErrorContext(/*already_exists=*/"",
                       /*failed_precondition=*/
                       absl::StrCat("tenant ", std::string(id), " has users"),
                       ErrorReason::kHasChildren)));
  if (deleted.affected_rows() == 0) return TenantNotFound(id);
  return absl::OkStatus();
}

absl::StatusOr<std::vector<storage::Tenant>> PgTenantStore::List(
    const storage::PageRequest& page, std::string_view org_id) {
  ASSIGN_OR_RETURN(pqxx::result rows,
                   tx_.Exec(kListTenants, {org_id, page.after, page.limit}));
  std::vector<storage::Tenant> tenants;
  tenants.reserve(rows.size());
  for (const pqxx::row& row : rows) tenants.push_back(ReadTenant(row));
  return tenants;
}

}  // namespace identity::postgres
