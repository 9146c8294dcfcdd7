// AuditLog inside a PgTransaction.
#ifndef IDENTITY_STORAGE_POSTGRES_PG_AUDIT_LOG_H_
#define IDENTITY_STORAGE_POSTGRES_PG_AUDIT_LOG_H_

#include <vector>

#include "storage/audit_log.h"

namespace identity::storage::postgres {

class PgTransaction;

class PgAuditLog final : public AuditLog {
 public:
  explicit PgAuditLog(PgTransaction& tx) : tx_(tx) {}

  absl::Status Append(const AuditEvent& event) override;
  // INVALID_ARGUMENT when `page.after` is not a decimal event id.
  absl::StatusOr<std::vector<AuditEvent>> List(
      const PageRequest& page, const AuditFilter& filter) override;

 private:
  PgTransaction& tx_;
};

}  // namespace identity::storage::postgres

#endif  // IDENTITY_STORAGE_POSTGRES_PG_AUDIT_LOG_H_
