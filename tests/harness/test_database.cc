#include "tests/harness/test_database.h"

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <random>

#include "tests/harness/shared_postgres.h"

namespace identity::testing {
namespace {

// Runs one utility statement (no parameters: database names cannot be
// parameters, and ours are generated from [a-z0-9_] only).
void Execute(const std::string& url, const std::string& sql) {
  PGconn* connection = PQconnectdb(url.c_str());
  if (PQstatus(connection) != CONNECTION_OK) {
    std::fprintf(stderr, "TestDatabase: cannot connect to %s: %s", url.c_str(),
                 PQerrorMessage(connection));
    std::abort();
  }
  PGresult* result = PQexec(connection, sql.c_str());
  if (PQresultStatus(result) != PGRES_COMMAND_OK) {
    std::fprintf(stderr, "TestDatabase: %s failed: %s", sql.c_str(),
                 PQresultErrorMessage(result));
    std::abort();
  }
  PQclear(result);
  PQfinish(connection);
}

// Unique across the processes of one machine, and very likely across
// machines sharing a server.
std::string UniqueName() {
  static std::atomic<int> counter{0};
  static const unsigned salt = std::random_device()();
  return "identity_test_" + std::to_string(getpid()) + "_" +
         std::to_string(salt % 1000000) + "_" + std::to_string(++counter);
}

}  // namespace

TestDatabase::TestDatabase(const DatabaseServer& server)
    : maintenance_url_(server.url("postgres")),
      name_(UniqueName()),
      url_(server.url(name_)) {
  Execute(maintenance_url_, "CREATE DATABASE " + name_ +
                                " TEMPLATE template0 ENCODING 'UTF8'"
                                " LC_COLLATE 'C' LC_CTYPE 'C'");
}

TestDatabase::TestDatabase() : TestDatabase(SharedPostgres()) {}

TestDatabase::~TestDatabase() {
  Execute(maintenance_url_,
          "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
}

}  // namespace identity::testing
