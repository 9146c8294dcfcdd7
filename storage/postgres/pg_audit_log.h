// AuditLog inside a PgTransaction.
#ifndef IDENTITY_STORAGE_POSTGRES_PG_AUDIT_LOG_H_
#define IDENTITY_STORAGE_POSTGRES_PG_AUDIT_LOG_H_

#include <vector>

#include "storage/audit_log.h"

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

}  // namespace identity::postgres

#endif  // IDENTITY_STORAGE_POSTGRES_PG_AUDIT_LOG_H_
