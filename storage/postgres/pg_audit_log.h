// AuditLog inside a PgTransaction.
#ifndef IDENTITY_STORAGE_POSTGRES_PG_AUDIT_LOG_H_
#define IDENTITY_STORAGE_POSTGRES_PG_AUDIT_LOG_H_

#include <optional>
#include <vector>

#include "storage/audit_log.h"
#include "storage/postgres/sql_values.h"

namespace identity::postgres {

class PgTransaction;

class PgAuditLog final : public storage::AuditLog {
 public:
  explicit PgAuditLog(PgTransaction& tx) : tx_(tx) {}

  absl::Status Append(const storage::AuditEvent& event) override;
  // INVALID_ARGUMENT when `page.after` is not a decimal event id.
  absl::StatusOr<std::vector<storage::AuditEvent>> List(
      const storage::PageRequest& page,
      const storage::AuditFilter& filter) override;

 private:
  PgTransaction& tx_;
};

// The first parameters of a create statement (statements.cc: insert_org,
// insert_tenant, insert_user), those of the audit event it writes beside
// its row: actor, impersonated user, method, resource type, peer, summary,
// outcome; the statement takes the org and resource id from the row.
// Without an event, seven NULLs: the statement then writes none.
std::vector<SqlParam> CreationAuditParams(
    const std::optional<storage::AuditEvent>& audit);

}  // namespace identity::postgres

#endif  // IDENTITY_STORAGE_POSTGRES_PG_AUDIT_LOG_H_
