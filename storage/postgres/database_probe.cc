#include "storage/postgres/database_probe.h"

#include <exception>

#include "absl/strings/str_cat.h"
#include "storage/postgres/connection_string.h"
#include "storage/postgres/migrations.h"

namespace identity::postgres {
namespace {

int NeededVersion() {
  const std::vector<Migration>& migrations = EmbeddedMigrations();
  return migrations.empty() ? 0 : migrations.back().version;
}

}  // namespace

DatabaseProbe::DatabaseProbe(const std::string& database_url,
                             absl::Duration timeout)
    : conninfo_(ConnectionString(database_url, timeout)), timeout_(timeout) {}

DatabaseProbe::~DatabaseProbe() = default;

absl::Status DatabaseProbe::Check() {
  absl::MutexLock lock(&mu_);
  try {
    if (connection_ == nullptr || !connection_->is_open()) {
      connection_ = std::make_unique<pqxx::connection>(conninfo_);
    }
    pqxx::nontransaction work(*connection_);
    work.exec0(absl::StrCat("SET statement_timeout = ",
                            absl::ToInt64Milliseconds(timeout_)));
    // to_regclass: a database that was never migrated has no table yet.
    const pqxx::row row = work.exec1(R"sql(
      SELECT CASE WHEN to_regclass('schema_migrations') IS NULL THEN 0
                  ELSE (SELECT coalesce(max(version), 0)
                        FROM schema_migrations) END
    )sql");
    const int version = row[0].as<int>();
    if (version < NeededVersion()) {
      return absl::FailedPreconditionError(absl::StrCat(
          "database schema is at version ", version, "; this server needs ",
          NeededVersion(), ": run identityd --migrate_only"));
    }
    return absl::OkStatus();
  } catch (const std::exception&) {
    // Whatever failed, the next check starts from a new connection; the
    // detail (host, driver text) stays out of the status.
    connection_.reset();
    return absl::UnavailableError("database unreachable");
  }
}

}  // namespace identity::postgres
