#include "storage/postgres/migrations.h"

#include <cstdint>
#include <exception>
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "base/event_log.h"
#include "pqxx/pqxx"
#include "storage/postgres/sql_errors.h"

namespace identity::postgres {
namespace {

// Any fixed number will do, as long as nothing else in the database uses it
// as an advisory lock; these are the bytes of "identity".
constexpr int64_t kMigrationLock = 0x6964656e74697479;

std::set<int> AppliedVersions(pqxx::connection& connection) {
  pqxx::work work(connection);
  work.exec(R"sql(
    CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )
  )sql");
  std::set<int> versions;
  for (const pqxx::row& row :
       work.exec("SELECT version FROM schema_migrations")) {
    versions.insert(row[0].as<int>());
  }
  work.commit();
  return versions;
}

void Apply(pqxx::connection& connection, const Migration& migration) {
  pqxx::work work(connection);
  work.exec(std::string(migration.sql));
  work.exec_params(
      "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
      migration.version, std::string(migration.name));
  work.commit();
}

}  // namespace

absl::Status ApplyMigrations(const std::string& conninfo,
                             const std::vector<Migration>& migrations) {
  const Migration* current = nullptr;
  try {
    pqxx::connection connection(conninfo);
    // A session lock, held across the steps' transactions until unlocked or
    // until the connection closes, whichever comes first.
    {
      pqxx::nontransaction lock(connection);
      lock.exec_params("SELECT pg_advisory_lock($1)", kMigrationLock);
    }
    const std::set<int> applied = AppliedVersions(connection);
    int applied_now = 0;
    for (const Migration& migration : migrations) {
      if (applied.count(migration.version) > 0) continue;
      current = &migration;
      Apply(connection, migration);
      ++applied_now;
      LogEvent(EventLevel::kInfo, absl::StrCat("applied schema migration ",
                                               std::string(migration.name)));
    }
    current = nullptr;
    LogEvent(EventLevel::kInfo,
             absl::StrCat("schema is current at version ",
                          migrations.empty() ? 0 : migrations.back().version,
                          "; migrations applied now: ", applied_now));
    pqxx::nontransaction unlock(connection);
    unlock.exec_params("SELECT pg_advisory_unlock($1)", kMigrationLock);
    return absl::OkStatus();
  } catch (const std::exception& e) {
    // FromDriverError logs the detail of anything but a lost connection.
    absl::Status status = FromDriverError(e, {}, absl::InfiniteFuture()).status;
    if (current == nullptr || absl::IsUnavailable(status)) return status;
    return absl::InternalError(absl::StrCat(
        "schema migration ", std::string(current->name), " failed"));
  }
}

}  // namespace identity::postgres
