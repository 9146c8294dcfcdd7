// An IdentityServer on PostgreSQL, wired up: the store (migrated), the
// change feed that keeps the caches right, the database probe that keeps
// readiness honest, and the bootstrap admin. What
// identityd runs, and what end-to-end tests start on port 0.
//
//   PostgresBackedServer::Options options;
//   options.database_url = "postgresql://localhost/identity";
//   ASSIGN_OR_RETURN(auto server, PostgresBackedServer::Start(options));
#ifndef IDENTITY_IDENTITYD_POSTGRES_BACKED_SERVER_H_
#define IDENTITY_IDENTITYD_POSTGRES_BACKED_SERVER_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "base/metrics.h"
#include "base/periodic_thread.h"
#include "service/grpc/identity_server.h"
#include "storage/postgres/database_probe.h"
#include "storage/postgres/pg_change_feed.h"
#include "storage/postgres/pg_store.h"

namespace identity {

class PostgresBackedServer {
 public:
  struct Options {
    ServerOptions server;
    std::string database_url;
    // Where the change feed listens; empty: database_url. The same
    // database, e.g. through another route (tests pass a relay).
    std::string feed_database_url;
    // See PgChangeFeed::Options.
    absl::Duration feed_heartbeat_interval = absl::Milliseconds(50);
    absl::Duration feed_silence_limit = absl::Milliseconds(250);
    int database_pool_size = 8;
    // See PgStoreOptions::lock_timeout.
    absl::Duration lock_timeout = absl::Seconds(5);
    // Empty: no bootstrap.
    std::string bootstrap_admin_key;
    // False: the schema must already be current (a migration job ran).
    bool apply_migrations = true;
    // How often readiness re-checks that the database answers.
    absl::Duration database_check_interval = absl::Seconds(1);
    // Where the store, the change feed and the server report (server.metrics
    // is set from this); must outlive the server.
    Metrics* metrics = NoMetrics();
  };

  // UNAVAILABLE when the database cannot be reached or the address bound;
  // with apply_migrations off, FAILED_PRECONDITION while the schema is
  // behind.
  static absl::StatusOr<std::unique_ptr<PostgresBackedServer>> Start(
      const Options& options);

  IdentityServer& server() { return *server_; }

 private:
  // Declared in dependency order, so they are destroyed feed first, store
  // last.
  std::unique_ptr<postgres::PgStore> store_;
  std::unique_ptr<IdentityServer> server_;
  std::unique_ptr<postgres::DatabaseProbe> database_probe_;
  std::unique_ptr<PeriodicThread> database_checks_;
  std::unique_ptr<postgres::PgChangeFeed> feed_;
};

}  // namespace identity

#endif  // IDENTITY_IDENTITYD_POSTGRES_BACKED_SERVER_H_
