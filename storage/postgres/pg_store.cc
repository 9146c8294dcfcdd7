#include "storage/postgres/pg_store.h"

#include <algorithm>
#include <cstdint>
#include <exception>
#include <limits>
#include <optional>
#include <utility>

#include "absl/random/random.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "base/metric_definitions.h"
#include "base/status_macros.h"
#include "pqxx/pqxx"
#include "storage/postgres/configured_transaction.h"
#include "storage/postgres/connection_string.h"
#include "storage/postgres/migrations.h"
#include "storage/postgres/pg_transaction.h"
#include "storage/postgres/row_readers.h"
#include "storage/postgres/sql_values.h"
#include "storage/postgres/statements.h"

namespace identity::postgres {
namespace {

// A statement_timeout or lock_timeout setting for `timeout`, in
// milliseconds: rounded up, since zero would mean no limit, and capped at
// the largest value PostgreSQL accepts.
int64_t TimeoutMillis(absl::Duration timeout) {
  const int64_t millis =
      absl::ToInt64Milliseconds(absl::Ceil(timeout, absl::Milliseconds(1)));
  return std::clamp<int64_t>(millis, 1, std::numeric_limits<int32_t>::max());
}

// How long to wait before running a transaction again after its `attempt`th
// run conflicted: growing, and jittered so that the transactions that
// collided do not collide again.
absl::Duration Backoff(int attempt) {
  const absl::Duration base =
      std::min(absl::Milliseconds(2) * (int64_t{1} << std::min(attempt, 5)),
               absl::Milliseconds(50));
  absl::BitGen random;
  return base * absl::Uniform(random, 0.5, 1.5);
}

}  // namespace

absl::StatusOr<std::unique_ptr<PgStore>> PgStore::Open(
    const PgStoreOptions& options) {
  if (options.pool_size < 1 || options.max_attempts < 1) {
    return absl::InvalidArgumentError(
        "pool size and attempt count must be at least one");
  }
  const std::string conninfo =
      ConnectionString(options.database_url, options.connect_timeout);
  if (options.apply_migrations) RETURN_IF_ERROR(ApplyMigrations(conninfo));
  ASSIGN_OR_RETURN(std::unique_ptr<ConnectionPool> pool,
                   ConnectionPool::Open(conninfo, options.pool_size,
                                        PrepareStatements, options.metrics));
  return std::unique_ptr<PgStore>(new PgStore(options, std::move(pool)));
}

PgStore::PgStore(const PgStoreOptions& options,
                 std::unique_ptr<ConnectionPool> pool)
    : max_attempts_(options.max_attempts),
      lock_timeout_(options.lock_timeout),
      metrics_(options.metrics),
      pool_(std::move(pool)) {}

absl::Status PgStore::RunInTransaction(
    absl::Time deadline, storage::Access access,
    absl::FunctionRef<absl::Status(storage::Transaction&)> fn) {
  return Run(deadline, access, [&](PgTransaction& tx) { return fn(tx); });
}

absl::StatusOr<storage::Credential> PgStore::FindCredential(
    std::string_view key_hash, absl::Time deadline) {
  storage::Credential credential;
  RETURN_IF_ERROR(Run(deadline, storage::Access::kReadOnly,
                      [&](PgTransaction& tx) -> absl::Status {
                        ASSIGN_OR_RETURN(pqxx::result rows,
                                         tx.Exec(kFindCredential, {key_hash}));
                        if (rows.empty()) {
                          return absl::NotFoundError("access key not found");
                        }
                        credential.key = ReadAccessKey(rows[0]);
                        credential.user = ReadUser(rows[0], kAccessKeyColumns);
                        const int after_user = kAccessKeyColumns + kUserColumns;
                        credential.secret_expire_time =
                            OptionalTimeColumn(rows[0][after_user]);
                        credential.secret_superseded =
                            rows[0][after_user + 1].as<bool>();
                        return absl::OkStatus();
                      }));
  return credential;
}

absl::Status PgStore::RecordKeyUses(const std::vector<storage::KeyUse>& uses,
                                    absl::Time deadline) {
  if (uses.empty()) return absl::OkStatus();
  std::vector<std::string> key_hashes;
  std::vector<std::string> micros;
  key_hashes.reserve(uses.size());
  micros.reserve(uses.size());
  for (const storage::KeyUse& use : uses) {
    key_hashes.push_back(use.key_hash);
    micros.push_back(absl::StrCat(absl::ToUnixMicros(use.time)));
  }
  return Run(deadline, storage::Access::kReadWrite, [&](PgTransaction& tx) {
    return tx.Exec(kRecordKeyUses, {key_hashes, micros}).status();
  });
}

absl::StatusOr<bool> PgStore::HasUserWithRole(std::string_view role,
                                              absl::Time deadline) {
  bool found = false;
  RETURN_IF_ERROR(Run(deadline, storage::Access::kReadOnly,
                      [&](PgTransaction& tx) -> absl::Status {
                        ASSIGN_OR_RETURN(pqxx::result rows,
                                         tx.Exec(kHasUserWithRole, {role}));
                        found = rows[0][0].as<bool>();
                        return absl::OkStatus();
                      }));
  return found;
}

void PgStore::CountError(const absl::Status& status) {
  metrics_
      ->Counter(kDatabaseErrors,
                {{"kind", absl::StatusCodeToString(status.code())}})
      .Add();
}

DriverError PgStore::CountedFailure(ConnectionPool::Lease& lease,
                                    DriverError error) {
  if (error.connection_lost) lease.Discard();
  if (!error.refused_request) CountError(error.status);
  return error;
}

absl::Status PgStore::Run(absl::Time deadline, storage::Access access,
                          absl::FunctionRef<absl::Status(PgTransaction&)> fn) {
  for (int attempt = 1;; ++attempt) {
    DriverError outcome = RunOnce(deadline, access, fn);
    if (outcome.status.ok() || !outcome.retryable || attempt >= max_attempts_) {
      return outcome.status;
    }
    // A lost connection is replaced at once; a conflict backs off first.
    if (!outcome.connection_lost) {
      const absl::Duration backoff = Backoff(attempt);
      if (absl::Now() + backoff >= deadline) return outcome.status;
      absl::SleepFor(backoff);
    }
  }
}

DriverError PgStore::RunOnce(
    absl::Time deadline, storage::Access access,
    absl::FunctionRef<absl::Status(PgTransaction&)> fn) {
  if (absl::Now() >= deadline) {
    return {absl::DeadlineExceededError("deadline exceeded")};
  }
  absl::StatusOr<ConnectionPool::Lease> lease = pool_->Acquire(deadline);
  if (!lease.ok()) {
    CountError(lease.status());
    return {lease.status()};
  }

  // The deadline rides on BEGIN as the statement timeout, so no statement
  // outlives the call, and the lock timeout with it, so that a transaction
  // holding rows for long makes others fail ABORTED rather than queue; the
  // settings cost no round trip of their own.
  TransactionTimeouts timeouts;
  timeouts.lock_millis = TimeoutMillis(lock_timeout_);
  if (deadline != absl::InfiniteFuture()) {
    timeouts.statement_millis = TimeoutMillis(deadline - absl::Now());
  }
  std::optional<ConfiguredTransaction> work;
  try {
    work.emplace(lease->connection(), access, timeouts);
  } catch (const std::exception& e) {
    return CountedFailure(*lease, FromDriverError(e, {}, deadline));
  }

  PgTransaction tx(*work, deadline);
  absl::Status status = fn(tx);
  if (std::optional<DriverError> failure = tx.failure(); failure.has_value()) {
    // `fn` may have reworded the status; it stands, but the transaction is
    // over either way.
    if (!status.ok()) failure->status = status;
    return CountedFailure(*lease, *std::move(failure));
  }
  if (!status.ok()) return {status};  // Destroying `work` rolls back.
  // A statement may end after the deadline (statement_timeout counts from
  // each statement's start), when the caller has already been told
  // DEADLINE_EXCEEDED: what it wrote must not commit now.
  if (absl::Now() >= deadline) {
    return {absl::DeadlineExceededError("deadline exceeded")};
  }

  try {
    work->commit();
  } catch (const std::exception& e) {
    return CountedFailure(*lease, FromCommitError(e));
  }
  return {absl::OkStatus()};
}

}  // namespace identity::postgres
