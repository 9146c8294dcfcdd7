// storage::Store on PostgreSQL: a fixed pool of connections, each with every
// statement prepared, and transactions that retry serialization failures and
// deadlocks within the caller's deadline.
//
//   PgStoreOptions options;
//   options.database_url = "postgresql://db.internal/identity";
//   ASSIGN_OR_RETURN(std::unique_ptr<PgStore> store, PgStore::Open(options));
//   RETURN_IF_ERROR(store->RunInTransaction(deadline, Access::kReadWrite, fn));
#ifndef IDENTITY_STORAGE_POSTGRES_PG_STORE_H_
#define IDENTITY_STORAGE_POSTGRES_PG_STORE_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "base/metrics.h"
#include "storage/postgres/connection_pool.h"
#include "storage/postgres/sql_errors.h"
#include "storage/store.h"

namespace identity::postgres {

class PgTransaction;

struct PgStoreOptions {
  // A libpq connection URL (postgresql://...) or key=value string.
  std::string database_url;
  // Connections held open, and so the most transactions run at once.
  int pool_size = 8;
  // Runs of a transaction, counting the first, before a serialization
  // failure or deadlock is returned as ABORTED.
  int max_attempts = 5;
  absl::Duration connect_timeout = absl::Seconds(2);
  // False: leave the schema to a migration job (identityd --migrate_only);
  // Open then fails while the schema is behind.
  bool apply_migrations = true;
  // Where the pool and the driver errors are reported; must outlive the
  // store.
  Metrics* metrics = NoMetrics();
  // The longest a statement waits for a row lock, whatever the deadline: a
  // transaction holding rows for long makes others fail ABORTED instead of
  // queueing behind it.
  absl::Duration lock_timeout = absl::Seconds(5);
};

class PgStore final : public storage::Store {
 public:
  // Connects, brings the schema up to date (see migrations.h) unless told
  // not to, and fills the pool. UNAVAILABLE when the database cannot be
  // reached; INVALID_ARGUMENT for a pool size or attempt count below one.
  static absl::StatusOr<std::unique_ptr<PgStore>> Open(
      const PgStoreOptions& options);

  // READ COMMITTED; kReadOnly runs a read-only transaction. Statements are
  // cancelled by the server when `deadline` passes (statement_timeout), and
  // a wait for a row lock past the lock timeout ends the transaction with
  // ABORTED. A connection found broken is replaced
  // on a later call, so the store recovers by itself once the database is
  // back. Besides the codes of Store: ABORTED when serialization failures or
  // deadlocks persist through every attempt, UNAVAILABLE "commit outcome
  // unknown" when the connection broke during commit.
  absl::Status RunInTransaction(
      absl::Time deadline, storage::Access access,
      absl::FunctionRef<absl::Status(storage::Transaction&)> fn) override;

  absl::StatusOr<storage::Credential> FindCredential(
      std::string_view key_hash, absl::Time deadline) override;
  absl::Status RecordKeyUses(const std::vector<storage::KeyUse>& uses,
                             absl::Time deadline) override;
  absl::StatusOr<bool> HasUserWithRole(std::string_view role,
                                       absl::Time deadline) override;

 private:
  PgStore(const PgStoreOptions& options, std::unique_ptr<ConnectionPool> pool);

  // RunInTransaction, for functions of the PgTransaction itself (the store's
  // own calls run its statements directly).
  absl::Status Run(absl::Time deadline, storage::Access access,
                   absl::FunctionRef<absl::Status(PgTransaction&)> fn);
  // One run of `fn`: OK, or how it failed and whether to run it again.
  DriverError RunOnce(absl::Time deadline, storage::Access access,
                      absl::FunctionRef<absl::Status(PgTransaction&)> fn);

  // Counts a failed transaction or lease by its status code.
  void CountError(const absl::Status& status);
  // `error`, counted, with the lease's connection discarded if it was lost.
  DriverError CountedFailure(ConnectionPool::Lease& lease, DriverError error);

  const int max_attempts_;
  const absl::Duration lock_timeout_;
  Metrics* const metrics_;
  const std::unique_ptr<ConnectionPool> pool_;
};

}  // namespace identity::postgres

#endif  // IDENTITY_STORAGE_POSTGRES_PG_STORE_H_
