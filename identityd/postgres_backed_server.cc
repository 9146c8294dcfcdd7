#include "identityd/postgres_backed_server.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "base/event_log.h"
#include "base/status_macros.h"
#include "service/api/bootstrap.h"

namespace identity {
namespace {

constexpr absl::Duration kBootstrapBudget = absl::Seconds(10);
// A database slower than this to answer a trivial query is not ready.
constexpr absl::Duration kDatabaseCheckTimeout = absl::Seconds(2);
constexpr absl::Duration kFeedReconnectInterval = absl::Milliseconds(200);

}  // namespace

absl::StatusOr<std::unique_ptr<PostgresBackedServer>>
PostgresBackedServer::Start(const Options& options) {
  auto result = std::unique_ptr<PostgresBackedServer>(new PostgresBackedServer);
  postgres::PgStoreOptions store_options;
  store_options.database_url = options.database_url;
  store_options.pool_size = options.database_pool_size;
  store_options.apply_migrations = options.apply_migrations;
  store_options.metrics = options.metrics;
  store_options.lock_timeout = options.lock_timeout;
  ASSIGN_OR_RETURN(result->store_, postgres::PgStore::Open(store_options));

  if (options.bootstrap_admin_key.empty()) {
    LogEvent(EventLevel::kInfo,
             "bootstrap: off (IDENTITY_BOOTSTRAP_ADMIN_KEY is not set)");
  } else {
    const absl::Time deadline = absl::Now() + kBootstrapBudget;
    absl::StatusOr<BootstrapOutcome> outcome = BootstrapSuperAdmin(
        *result->store_, options.bootstrap_admin_key, deadline);
    // A replica starting alongside may have bootstrapped first.
    if (absl::IsAlreadyExists(outcome.status()) ||
        absl::IsAborted(outcome.status())) {
      outcome = BootstrapSuperAdmin(*result->store_,
                                    options.bootstrap_admin_key, deadline);
    }
    RETURN_IF_ERROR(outcome.status());
    LogEvent(EventLevel::kInfo,
             *outcome == BootstrapOutcome::kCreated
                 ? absl::StrCat("bootstrap: created super admin ",
                                kBootstrapUserId, " in org ", kBootstrapOrgId)
                 : std::string("bootstrap: not needed, a super admin exists"));
  }

  ServerOptions server_options = options.server;
  server_options.worker_threads = options.database_pool_size;
  server_options.metrics = options.metrics;
  ASSIGN_OR_RETURN(result->server_,
                   IdentityServer::Start(server_options, result->store_.get()));
  result->database_probe_ = std::make_unique<postgres::DatabaseProbe>(
      options.database_url, kDatabaseCheckTimeout);
  Readiness* readiness = &result->server_->readiness();
  postgres::DatabaseProbe* probe = result->database_probe_.get();
  result->database_checks_ = std::make_unique<PeriodicThread>(
      options.database_check_interval, PeriodicThread::kRunAtOnce,
      [probe, readiness] {
        readiness->SetDatabaseHealthy(probe->Check().ok());
      });
  postgres::PgChangeFeed::Options feed_options;
  feed_options.listen_url = options.feed_database_url.empty()
                                ? options.database_url
                                : options.feed_database_url;
  feed_options.heartbeat_url = options.database_url;
  feed_options.heartbeat_interval = options.feed_heartbeat_interval;
  feed_options.silence_limit = options.feed_silence_limit;
  feed_options.reconnect_interval = kFeedReconnectInterval;
  feed_options.metrics = options.metrics;
  result->feed_ = postgres::PgChangeFeed::Start(
      std::move(feed_options), result->server_->change_subscriber());
  return result;
}

}  // namespace identity
