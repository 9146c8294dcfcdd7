// A database connection of the test's own, beside the server under test: to
// hold locks the server must wait on, or to count what the server wrote.
//
//   SqlSession session(database_url);
//   session.Execute("BEGIN");
//   session.Execute("LOCK TABLE users IN ACCESS EXCLUSIVE MODE");
//   int64_t users = other_session.QueryInt("SELECT count(*) FROM users");
#ifndef IDENTITY_TESTS_HARNESS_SQL_SESSION_H_
#define IDENTITY_TESTS_HARNESS_SQL_SESSION_H_

#include <cstdint>
#include <string>

struct pg_conn;

namespace identity::testing {

// One libpq connection. Failing to connect or a failing statement ends the
// test binary: the test's own SQL is not what is under test.
class SqlSession {
 public:
  explicit SqlSession(const std::string& url);
  ~SqlSession();

  SqlSession(const SqlSession&) = delete;
  SqlSession& operator=(const SqlSession&) = delete;

  // Runs `sql` (no parameters, no rows expected).
  void Execute(const std::string& sql);
  // Runs `sql` and returns the first column of its only row as an integer.
  int64_t QueryInt(const std::string& sql);

 private:
  pg_conn* connection_;
};

}  // namespace identity::testing

#endif  // IDENTITY_TESTS_HARNESS_SQL_SESSION_H_
