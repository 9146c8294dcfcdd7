// A database of a test's own, created fresh and dropped afterwards.
//
//   TestDatabase db;  // on SharedPostgres(), see shared_postgres.h
//   postgres::PgStoreOptions options;
//   options.database_url = db.url();
//   auto store = postgres::PgStore::Open(options);
#ifndef IDENTITY_TESTS_HARNESS_TEST_DATABASE_H_
#define IDENTITY_TESTS_HARNESS_TEST_DATABASE_H_

#include <string>

#include "tests/harness/postgres_server.h"

namespace identity::testing {

class TestDatabase {
 public:
  // Creates a uniquely named UTF-8 database with byte-order ("C") collation
  // on `server`, which must outlive this object. Ends the test binary when
  // that fails.
  explicit TestDatabase(const DatabaseServer& server);
  // On the server shared by the test binary.
  TestDatabase();
  // Drops the database, disconnecting whoever is still connected.
  ~TestDatabase();

  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  const std::string& name() const { return name_; }
  const std::string& url() const { return url_; }

 private:
  std::string maintenance_url_;
  std::string name_;
  std::string url_;
};

}  // namespace identity::testing

#endif  // IDENTITY_TESTS_HARNESS_TEST_DATABASE_H_
