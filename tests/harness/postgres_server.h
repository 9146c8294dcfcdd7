// PostgreSQL servers for tests: a private one started from scratch, which a
// test may stop and start again to play an outage.
//
//   PostgresServer server;                 // initdb + postgres, free port
//   TestDatabase db(server);               // see test_database.h
//   server.Stop();  ...  server.Start();   // the database went away and back
//   server.Crash(); ...  server.Start();   // it crashed and recovered
#ifndef IDENTITY_TESTS_HARNESS_POSTGRES_SERVER_H_
#define IDENTITY_TESTS_HARNESS_POSTGRES_SERVER_H_

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <string_view>

namespace identity::testing {

// A running server that tests can create databases on.
class DatabaseServer {
 public:
  virtual ~DatabaseServer() = default;

  // A libpq URL for database `dbname` on this server.
  virtual std::string url(std::string_view dbname) const = 0;
};

// A PostgreSQL 15 server of the test's own: a fresh data directory (initdb
// with trust authentication, no fsync) and a postgres process on a free
// 127.0.0.1 port, run as user postgres when the test runs as root. Failing
// to start it ends the test binary, since no test could run anyway. The
// postgres process dies with the thread that started it.
class PostgresServer final : public DatabaseServer {
 public:
  // kFast acknowledges a commit before its WAL is written
  // (synchronous_commit=off), so a Crash loses the last acknowledged
  // commits; kDurable writes it first, as production does, for tests that
  // crash the server and count what survived. (fsync stays off either way:
  // a crash of PostgreSQL is not one of the machine.)
  enum class Commits { kFast, kDurable };

  // Returns once the server accepts connections.
  explicit PostgresServer(Commits commits = Commits::kFast);
  // Stops the server and deletes its directory.
  ~PostgresServer() override;

  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  // Fast shutdown: disconnects every client, returns once the server is gone.
  void Stop();
  // Immediate shutdown (pg_ctl -m immediate, i.e. SIGQUIT): the server dies
  // as in a crash, without a checkpoint, and recovers from its WAL on the
  // next Start. Returns once every server process is gone.
  void Crash();
  // Starts the stopped server again on the same directory and port; returns
  // once it accepts connections.
  void Start();

  int port() const { return port_; }
  std::string url(std::string_view dbname) const override;

 private:
  // Spawns postgres; false if it exited before accepting connections.
  bool TryStart();

  const Commits commits_;
  std::filesystem::path directory_;
  int port_ = 0;
  pid_t pid_ = -1;  // -1 while stopped.
};

}  // namespace identity::testing

#endif  // IDENTITY_TESTS_HARNESS_POSTGRES_SERVER_H_
