// One attempt at a transaction: the stores of storage::Transaction over one
// libpqxx transaction, and the statement runner they share.
//
//   pqxx::work work(lease.connection());
//   PgTransaction tx(work, deadline);
//   ASSIGN_OR_RETURN(pqxx::result rows, tx.Exec(kGetOrg, {"o1"}));
//   if (tx.failure().has_value()) { ... }  // retry, reconnect or give up
#ifndef IDENTITY_STORAGE_POSTGRES_PG_TRANSACTION_H_
#define IDENTITY_STORAGE_POSTGRES_PG_TRANSACTION_H_

#include <optional>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "base/error_reason.h"
#include "pqxx/pqxx"
#include "storage/postgres/pg_access_key_store.h"
#include "storage/postgres/pg_audit_log.h"
#include "storage/postgres/pg_idempotency_store.h"
#include "storage/postgres/pg_org_store.h"
#include "storage/postgres/pg_tenant_store.h"
#include "storage/postgres/pg_user_store.h"
#include "storage/postgres/sql_errors.h"
#include "storage/postgres/sql_values.h"
#include "storage/postgres/statements.h"
#include "storage/transaction.h"

namespace identity::postgres {

class PgTransaction final : public storage::Transaction {
 public:
  PgTransaction(pqxx::transaction_base& work, absl::Time deadline);

  storage::OrgStore& orgs() override { return orgs_; }
  storage::TenantStore& tenants() override { return tenants_; }
  storage::UserStore& users() override { return users_; }
  storage::AccessKeyStore& access_keys() override { return access_keys_; }
  storage::AuditLog& audit() override { return audit_; }
  storage::IdempotencyStore& idempotency() override { return idempotency_; }

  // Runs prepared `statement` with `params` and returns its rows. A driver
  // error becomes a status (see FromDriverError, worded by `context`) and
  // ends the transaction, as does reaching the deadline: from then on every
  // statement returns that status without running. INVALID_ARGUMENT,
  // without ending anything, when a parameter holds a NUL character (which
  // PostgreSQL text cannot).
  absl::StatusOr<pqxx::result> Exec(const Statement& statement,
                                    absl::Span<const SqlParam> params,
                                    const ErrorContext& context = {});

  // Why an update of `kind` `id` matched no row: NOT_FOUND when the row is
  // gone (asked with `exists`, a statement selecting one bool) with reason
  // `not_found`, else ABORTED CONCURRENT_UPDATE because its version moved.
  absl::Status UpdateMissed(const Statement& exists, std::string_view kind,
                            std::string_view id, ErrorReason not_found);

  // The error that ended the transaction, if one did; it must not commit.
  const std::optional<DriverError>& failure() const { return failure_; }

 private:
  absl::Status Fail(DriverError error);

  pqxx::transaction_base& work_;
  const absl::Time deadline_;
  std::optional<DriverError> failure_;
  PgOrgStore orgs_;
  PgTenantStore tenants_;
  PgUserStore users_;
  PgAccessKeyStore access_keys_;
  PgAuditLog audit_;
  PgIdempotencyStore idempotency_;
};

}  // namespace identity::postgres

#endif  // IDENTITY_STORAGE_POSTGRES_PG_TRANSACTION_H_
