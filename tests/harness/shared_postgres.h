// The PostgreSQL server a whole test binary shares, and fresh databases on
// it: every test binary that touches storage gets databases of its own.
//
//   postgres::PgStoreOptions options;
//   options.database_url = identity::testing::FreshDatabaseUrl();
//   auto store = postgres::PgStore::Open(options);
//
// With IDENTITY_TEST_DATABASE_URL set (a postgresql:// URL of a maintenance
// database, e.g. postgresql://postgres@127.0.0.1:5432/postgres, of a server
// started beforehand), that server is used; otherwise a private
// PostgresServer is started on first use and stopped at exit. Tests that stop
// a server start a PostgresServer of their own rather than this one.
#ifndef IDENTITY_TESTS_HARNESS_SHARED_POSTGRES_H_
#define IDENTITY_TESTS_HARNESS_SHARED_POSTGRES_H_

#include <string>

#include "tests/harness/postgres_server.h"

namespace identity::testing {

// The shared server; thread-safe.
const DatabaseServer& SharedPostgres();

// Creates a new database on the shared server and returns its URL. It is
// dropped when the test binary exits. Thread-safe.
std::string FreshDatabaseUrl();

}  // namespace identity::testing

#endif  // IDENTITY_TESTS_HARNESS_SHARED_POSTGRES_H_
