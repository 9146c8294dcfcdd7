// Schema migrations: an append-only chain of numbered SQL files under
// storage/postgres/migrations/, compiled into the library and applied at start.
//
//   RETURN_IF_ERROR(ApplyMigrations(conninfo));
//   // The schema is current: every embedded migration was applied once.
#ifndef IDENTITY_STORAGE_POSTGRES_MIGRATIONS_H_
#define IDENTITY_STORAGE_POSTGRES_MIGRATIONS_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace identity::postgres {

struct Migration {
  int version;            // From the file name: 0002_x.sql is version 2.
  std::string_view name;  // The file name without ".sql".
  std::string_view sql;
};

// The migrations compiled into this library, in version order.
const std::vector<Migration>& EmbeddedMigrations();

// Applies, in order, each of `migrations` whose version schema_migrations does
// not list yet; each step commits together with its version row. Holds a
// session advisory lock meanwhile, so servers starting together on an empty
// database take turns instead of failing. UNAVAILABLE when the database
// cannot be reached, INTERNAL when a step fails.
absl::Status ApplyMigrations(
    const std::string& conninfo,
    const std::vector<Migration>& migrations = EmbeddedMigrations());

}  // namespace identity::postgres

#endif  // IDENTITY_STORAGE_POSTGRES_MIGRATIONS_H_
