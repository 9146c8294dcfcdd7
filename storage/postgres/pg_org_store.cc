#include "storage/postgres/pg_org_store.h"

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

absl::Status OrgNotFound(std::string_view id) {
  return WithReason(absl::NotFoundError(absl::StrCat("org ", std::string(id),
                                                     " does not exist")),
                    ErrorReason::kOrgNotFound);
}

}  // namespace

absl::StatusOr<storage::Org> PgOrgStore::Insert(
    const storage::Org& org, const std::optional<storage::AuditEvent>& audit) {
  std::vector<SqlParam> params = CreationAuditParams(audit);
  params.insert(params.end(), {org.id, org.name, org.variables_json});
  ASSIGN_OR_RETURN(pqxx::result rows,
                   tx_.Exec(kInsertOrg, params,
                            ErrorContext(/*already_exists=*/absl::StrCat(
                                "org ", org.id, " already exists"))));
  return ReadOrg(rows[0]);
}

absl::StatusOr<storage::Org> PgOrgStore::Get(std::string_view id,
                                             storage::Lock lock) {
  ASSIGN_OR_RETURN(
      pqxx::result rows,
      tx_.Exec(lock == storage::Lock::kForUpdate ? kGetOrgForUpdate : kGetOrg,
               {id}));
  if (rows.empty()) return OrgNotFound(id);
  return ReadOrg(rows[0]);
}

absl::StatusOr<storage::Org> PgOrgStore::Update(const storage::Org& org) {
  ASSIGN_OR_RETURN(pqxx::result rows,
                   tx_.Exec(kUpdateOrg, {org.id, org.name, org.variables_json,
                                         org.version}));
  if (rows.empty())
    return tx_.UpdateMissed(kOrgExists, "org", org.id,
                            ErrorReason::kOrgNotFound);
  return ReadOrg(rows[0]);
}

absl::Status PgOrgStore::Delete(std::string_view id, bool force) {
  if (force) {
    // Locking the org and its tenants first keeps new tenants and users from
    // slipping in while their siblings are deleted.
    ASSIGN_OR_RETURN(pqxx::result org, tx_.Exec(kGetOrgForUpdate, {id}));
    if (org.empty()) return OrgNotFound(id);
    for (const Statement* step :
         {&kLockTenantsOfOrg, &kDeleteAccessKeysOfOrg, &kDeleteConfigsOfOrg,
          &kDeleteUsersOfOrg, &kDeleteTenantsOfOrg}) {
      RETURN_IF_ERROR(tx_.Exec(*step, {id}).status());
    }
  }
  // Without force, the tenants' foreign key refuses while any remain.
  ASSIGN_OR_RETURN(pqxx::result deleted,
                   tx_.Exec(kDeleteOrg, {id},
                            ErrorContext(/*already_exists=*/"",
                                         /*failed_precondition=*/
                                         absl::StrCat("org ", std::string(id),
                                                      " has tenants"),
                                         ErrorReason::kHasChildren)));
  if (deleted.affected_rows() == 0) return OrgNotFound(id);
  return absl::OkStatus();
}

absl::StatusOr<std::vector<storage::Org>> PgOrgStore::List(
    const storage::PageRequest& page, std::string_view only_id) {
  ASSIGN_OR_RETURN(
      pqxx::result rows,
      only_id.empty()
          ? tx_.Exec(kListOrgs, {page.after, page.limit})
          : tx_.Exec(kListOrgsById, {only_id, page.after, page.limit}));
  std::vector<storage::Org> orgs;
  orgs.reserve(rows.size());
  for (const pqxx::row& row : rows) orgs.push_back(ReadOrg(row));
  return orgs;
}

}  // namespace identity::postgres
