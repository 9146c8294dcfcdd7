// identityd: the identity gRPC server. Flags fall back to environment
// variables, so the same image runs anywhere; see README.md.
#include <signal.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "base/event_log.h"
#include "base/metric_definitions.h"
#include "identity_commit.h"
#include "identityd/postgres_backed_server.h"
#include "metrics/metrics_endpoint.h"
#include "metrics/prometheus_metrics.h"
#include "service/auth/access_key_secret.h"
#include "service/grpc/call_activity.h"
#include "service/grpc/call_metrics.h"
#include "service/grpc/json_call_log.h"
#include "storage/postgres/connection_string.h"
#include "storage/postgres/database_description.h"
#include "storage/postgres/database_probe.h"
#include "storage/postgres/migrations.h"

namespace {

std::string EnvOr(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : fallback;
}

int EnvOrInt(const char* name, int fallback) {
  const char* value = std::getenv(name);
  return value != nullptr ? std::atoi(value) : fallback;
}

// "false", "0", "no" and "off" (any case) are false; anything else is true.
bool EnvOrBool(const char* name, bool fallback) {
  const char* value = std::getenv(name);
  if (value == nullptr) return fallback;
  const std::string text = absl::AsciiStrToLower(value);
  return !(text == "false" || text == "0" || text == "no" || text == "off");
}

// Waits up to `timeout` for a stop signal; true if one came.
bool StopSignalWithin(const sigset_t& stop_signals, absl::Duration timeout) {
  const timespec wait = absl::ToTimespec(timeout);
  return sigtimedwait(&stop_signals, nullptr, &wait) > 0;
}

// How long no call may have finished before a drain ends early. Clients
// that still reach this replica keep calling, and so keep the drain going;
// a replica that heard from nobody for this long has nobody to drain (one
// calling less often may find the port closed, and its gRPC channel goes
// to another replica, as after any replica's stop).
constexpr absl::Duration kQuietEndsDrain = absl::Milliseconds(200);

// Reports NOT_SERVING while still serving for up to `drain`, so that load
// balancers move away first; ends early on a second stop signal, or once
// no call has finished for kQuietEndsDrain (counted from the start).
void Drain(const sigset_t& stop_signals, const identity::CallActivity& calls,
           absl::Duration drain) {
  const absl::Time start = absl::Now();
  const absl::Time drained = start + drain;
  for (;;) {
    const absl::Time quiet =
        std::max(start, calls.last_call()) + kQuietEndsDrain;
    const absl::Time until = std::min(drained, quiet);
    const absl::Time now = absl::Now();
    if (now >= until || StopSignalWithin(stop_signals, until - now)) return;
  }
}

}  // namespace

ABSL_FLAG(std::string, listen, EnvOr("IDENTITY_LISTEN", "0.0.0.0:50051"),
          "host:port to serve on [IDENTITY_LISTEN]");
ABSL_FLAG(std::string, database_url, EnvOr("IDENTITY_DATABASE_URL", ""),
          "libpq URL of the PostgreSQL database [IDENTITY_DATABASE_URL]");
ABSL_FLAG(int, database_pool_size, EnvOrInt("IDENTITY_DATABASE_POOL_SIZE", 8),
          "database connections, and threads that use them "
          "[IDENTITY_DATABASE_POOL_SIZE]");
ABSL_FLAG(
    std::string, tls_cert, EnvOr("IDENTITY_TLS_CERT", ""),
    "PEM certificate chain; with --tls_key serves TLS [IDENTITY_TLS_CERT]");
ABSL_FLAG(std::string, tls_key, EnvOr("IDENTITY_TLS_KEY", ""),
          "PEM private key [IDENTITY_TLS_KEY]");
ABSL_FLAG(std::string, tls_client_ca, EnvOr("IDENTITY_TLS_CLIENT_CA", ""),
          "PEM bundle of client CAs; set: every client must present a "
          "certificate one of them signed (mTLS) [IDENTITY_TLS_CLIENT_CA]");
ABSL_FLAG(int, tls_reload_seconds, EnvOrInt("IDENTITY_TLS_RELOAD_SECONDS", 60),
          "how often the TLS files are re-read, so that rotated certificates "
          "are served without a restart [IDENTITY_TLS_RELOAD_SECONDS]");
ABSL_FLAG(std::string, health_listen, EnvOr("IDENTITY_HEALTH_LISTEN", ""),
          "host:port serving grpc.health.v1 alone, in plaintext, for probes "
          "that cannot speak TLS (kubelet's gRPC probes), e.g. "
          "0.0.0.0:50052; empty (the default): health on --listen only "
          "[IDENTITY_HEALTH_LISTEN]");
ABSL_FLAG(bool, migrations, EnvOrBool("IDENTITY_MIGRATE", true),
          "apply pending schema migrations at start; false: wait until a "
          "migration job has made the schema current [IDENTITY_MIGRATE]");
ABSL_FLAG(bool, migrate_only, false,
          "apply pending schema migrations and exit (for a migration job)");
ABSL_FLAG(std::string, metrics_listen, EnvOr("IDENTITY_METRICS_LISTEN", ""),
          "host:port serving Prometheus metrics at /metrics, e.g. "
          "0.0.0.0:9090; empty (the default, so that replicas on one host do "
          "not collide): none [IDENTITY_METRICS_LISTEN]");
ABSL_FLAG(std::string, log_level, EnvOr("IDENTITY_LOG_LEVEL", "info"),
          "call log level: info (every call), warning (failed calls), error "
          "(the server's failures) or off [IDENTITY_LOG_LEVEL]");
ABSL_FLAG(int, max_call_seconds, EnvOrInt("IDENTITY_MAX_CALL_SECONDS", 30),
          "the longest any call may take, whatever deadline the client set "
          "(or none) [IDENTITY_MAX_CALL_SECONDS]");
ABSL_FLAG(int, max_queue_wait_ms, EnvOrInt("IDENTITY_MAX_QUEUE_WAIT_MS", 1000),
          "a call that waited longer than this for a database worker gets "
          "UNAVAILABLE instead of a late answer [IDENTITY_MAX_QUEUE_WAIT_MS]");
ABSL_FLAG(int, feed_silence_ms, EnvOrInt("IDENTITY_FEED_SILENCE_MS", 250),
          "the change feed counts itself down, serving nothing from its "
          "caches, after hearing none of its 50 ms heartbeats for this long; "
          "at least 100 [IDENTITY_FEED_SILENCE_MS]");
ABSL_FLAG(int, shutdown_drain_seconds,
          EnvOrInt("IDENTITY_SHUTDOWN_DRAIN_SECONDS", 5),
          "on SIGTERM, how long at most to report NOT_SERVING while still "
          "serving, so that load balancers stop routing here first; ends "
          "once no call has finished for 200 ms "
          "[IDENTITY_SHUTDOWN_DRAIN_SECONDS]");
ABSL_FLAG(int, shutdown_grace_seconds,
          EnvOrInt("IDENTITY_SHUTDOWN_GRACE_SECONDS", 10),
          "then how long calls in flight may take to finish "
          "[IDENTITY_SHUTDOWN_GRACE_SECONDS]");
ABSL_FLAG(bool, ext_authz_strip_authorization,
          EnvOrBool("IDENTITY_EXT_AUTHZ_STRIP_AUTHORIZATION", true),
          "Envoy external authorization: remove the caller's authorization "
          "header before the request goes upstream "
          "[IDENTITY_EXT_AUTHZ_STRIP_AUTHORIZATION]");
ABSL_FLAG(std::string, ext_authz_allowed_peers,
          EnvOr("IDENTITY_EXT_AUTHZ_ALLOWED_PEERS",
                identity::kDefaultAuthorizerPeers),
          "Envoy external authorization: the peers Check answers, as "
          "comma-separated IP addresses and CIDR ranges; any other caller "
          "gets PERMISSION_DENIED. Default: loopback only, for an Envoy "
          "sidecar beside identityd; see docs/envoy.md "
          "[IDENTITY_EXT_AUTHZ_ALLOWED_PEERS]");
ABSL_FLAG(std::string, ext_authz_allowed_identities,
          EnvOr("IDENTITY_EXT_AUTHZ_ALLOWED_IDENTITIES", ""),
          "Envoy external authorization: with mTLS (--tls_client_ca), the "
          "client certificate identities (subject alternative names, e.g. "
          "a SPIFFE id; else the common name) Check answers too, "
          "comma-separated [IDENTITY_EXT_AUTHZ_ALLOWED_IDENTITIES]");
ABSL_FLAG(bool, version, false, "print the version and exit");
ABSL_FLAG(bool, generate_key, false,
          "print a new random access key (for IDENTITY_BOOTSTRAP_ADMIN_KEY) "
          "and exit");

namespace {

// The flags in effect, for the start-up log: the database as where and as
// whom (no password), the bootstrap key as set or not.
std::string ConfigurationLine(bool bootstrap_key_set) {
  return absl::StrCat(
      "configuration: listen=", absl::GetFlag(FLAGS_listen),
      " health_listen=", absl::GetFlag(FLAGS_health_listen),
      " metrics_listen=", absl::GetFlag(FLAGS_metrics_listen), " database=(",
      identity::postgres::DescribeDatabase(absl::GetFlag(FLAGS_database_url)),
      ") database_pool_size=", absl::GetFlag(FLAGS_database_pool_size),
      " migrations=", absl::GetFlag(FLAGS_migrations) ? "true" : "false",
      " tls_cert=", absl::GetFlag(FLAGS_tls_cert),
      " tls_key=", absl::GetFlag(FLAGS_tls_key),
      " tls_client_ca=", absl::GetFlag(FLAGS_tls_client_ca),
      " tls_reload_seconds=", absl::GetFlag(FLAGS_tls_reload_seconds),
      " log_level=", absl::GetFlag(FLAGS_log_level),
      " max_call_seconds=", absl::GetFlag(FLAGS_max_call_seconds),
      " max_queue_wait_ms=", absl::GetFlag(FLAGS_max_queue_wait_ms),
      " feed_silence_ms=", absl::GetFlag(FLAGS_feed_silence_ms),
      " shutdown_drain_seconds=", absl::GetFlag(FLAGS_shutdown_drain_seconds),
      " shutdown_grace_seconds=", absl::GetFlag(FLAGS_shutdown_grace_seconds),
      " ext_authz_strip_authorization=",
      absl::GetFlag(FLAGS_ext_authz_strip_authorization) ? "true" : "false",
      " ext_authz_allowed_peers=", absl::GetFlag(FLAGS_ext_authz_allowed_peers),
      " ext_authz_allowed_identities=",
      absl::GetFlag(FLAGS_ext_authz_allowed_identities),
      " bootstrap_admin_key=", bootstrap_key_set ? "(set)" : "(not set)");
}

// `listen` ("host:port") with the port the server chose (for port 0).
std::string ServedAddress(const std::string& listen, int port) {
  return absl::StrCat(listen.substr(0, listen.rfind(':')), ":", port);
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "identityd [flags]\n"
      "The bootstrap super admin's key is read from the environment only, so "
      "that it never shows in a process list: IDENTITY_BOOTSTRAP_ADMIN_KEY.");
  absl::ParseCommandLine(argc, argv);
  // Debian builds Abseil without NDEBUG, so every absl::Mutex (gRPC's locks
  // too) would feed a lock-order graph on each acquisition: about a tenth of
  // the server's CPU under load (docs/benchmarks.md). The tests keep it on.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  if (absl::GetFlag(FLAGS_version)) {
    std::cout << "identityd " << IDENTITY_VERSION << "\n";
    return 0;
  }
  if (absl::GetFlag(FLAGS_generate_key)) {
    std::cout << identity::AccessKeySecret::Generate().value() << "\n";
    return 0;
  }

  identity::LogEvent(identity::EventLevel::kInfo,
                     absl::StrCat("identityd ", IDENTITY_VERSION, " (commit ",
                                  IDENTITY_COMMIT, ") starting"));
  const std::string database_url = absl::GetFlag(FLAGS_database_url);
  if (database_url.empty()) {
    identity::LogEvent(identity::EventLevel::kError,
                       "set --database_url or IDENTITY_DATABASE_URL");
    return 2;
  }
  if (absl::GetFlag(FLAGS_migrate_only)) {
    absl::Status status = identity::postgres::ApplyMigrations(
        identity::postgres::ConnectionString(database_url, absl::Seconds(10)));
    if (!status.ok()) {
      identity::LogEvent(
          identity::EventLevel::kError,
          absl::StrCat("migrations failed: ", status.ToString()));
      return 1;
    }
    identity::LogEvent(identity::EventLevel::kInfo, "schema is current");
    return 0;
  }

  identity::PostgresBackedServer::Options options;
  options.server.listen_address = absl::GetFlag(FLAGS_listen);
  options.server.tls_cert_path = absl::GetFlag(FLAGS_tls_cert);
  options.server.tls_key_path = absl::GetFlag(FLAGS_tls_key);
  options.server.tls_client_ca_path = absl::GetFlag(FLAGS_tls_client_ca);
  options.server.tls_reload_interval =
      absl::Seconds(absl::GetFlag(FLAGS_tls_reload_seconds));
  options.server.ext_authz.strip_authorization =
      absl::GetFlag(FLAGS_ext_authz_strip_authorization);
  options.server.ext_authz_allowed_peers =
      absl::GetFlag(FLAGS_ext_authz_allowed_peers);
  options.server.ext_authz_allowed_identities =
      absl::GetFlag(FLAGS_ext_authz_allowed_identities);
  options.server.health_listen_address = absl::GetFlag(FLAGS_health_listen);
  options.database_url = database_url;
  options.database_pool_size = absl::GetFlag(FLAGS_database_pool_size);
  options.apply_migrations = absl::GetFlag(FLAGS_migrations);
  options.server.max_call_duration =
      absl::Seconds(absl::GetFlag(FLAGS_max_call_seconds));
  options.server.max_queue_wait =
      absl::Milliseconds(absl::GetFlag(FLAGS_max_queue_wait_ms));
  options.feed_silence_limit =
      absl::Milliseconds(absl::GetFlag(FLAGS_feed_silence_ms));
  options.bootstrap_admin_key = EnvOr("IDENTITY_BOOTSTRAP_ADMIN_KEY", "");
  if (options.database_pool_size < 1) {
    identity::LogEvent(identity::EventLevel::kError,
                       "--database_pool_size must be at least 1");
    return 2;
  }
  if (absl::GetFlag(FLAGS_max_call_seconds) < 1 ||
      absl::GetFlag(FLAGS_max_queue_wait_ms) < 1) {
    identity::LogEvent(
        identity::EventLevel::kError,
        "--max_call_seconds and --max_queue_wait_ms must be at least 1");
    return 2;
  }
  // Two heartbeats at least, or one late beat would take the feed down.
  if (absl::GetFlag(FLAGS_feed_silence_ms) < 100) {
    identity::LogEvent(identity::EventLevel::kError,
                       "--feed_silence_ms must be at least 100");
    return 2;
  }
  absl::StatusOr<identity::LogLevel> log_level =
      identity::ParseLogLevel(absl::GetFlag(FLAGS_log_level), "--log_level");
  if (!log_level.ok()) {
    identity::LogEvent(identity::EventLevel::kError,
                       log_level.status().message());
    return 2;
  }
  // Block the stop signals before any thread starts, so that only this
  // thread receives them, by sigwait and sigtimedwait below.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  identity::JsonCallLog call_log(&std::cerr, *log_level);
  options.server.call_observers.push_back(&call_log);
  identity::CallActivity call_activity;
  options.server.call_observers.push_back(&call_activity);
  identity::LogEvent(identity::EventLevel::kInfo,
                     ConfigurationLine(!options.bootstrap_admin_key.empty()));
  identity::PrometheusMetrics metrics;
  metrics
      .Gauge(identity::kBuildInfo,
             {{"version", IDENTITY_VERSION}, {"commit", IDENTITY_COMMIT}})
      .Set(1);
  identity::CallMetrics call_metrics(&metrics);
  std::unique_ptr<identity::MetricsEndpoint> metrics_endpoint;
  const std::string metrics_listen = absl::GetFlag(FLAGS_metrics_listen);
  if (!metrics_listen.empty()) {
    absl::StatusOr<std::unique_ptr<identity::MetricsEndpoint>> endpoint =
        identity::MetricsEndpoint::Start(metrics_listen, &metrics);
    if (!endpoint.ok()) {
      identity::LogEvent(identity::EventLevel::kError,
                         endpoint.status().ToString());
      return 1;
    }
    metrics_endpoint = *std::move(endpoint);
    options.metrics = &metrics;
    options.server.call_observers.push_back(&call_metrics);
    identity::LogEvent(
        identity::EventLevel::kInfo,
        absl::StrCat("serving metrics on http://",
                     ServedAddress(metrics_listen, metrics_endpoint->port()),
                     "/metrics"));
  }

  if (!options.apply_migrations) {
    // A migration job owns the schema: wait for it, without serving, and
    // stay stoppable meanwhile.
    identity::postgres::DatabaseProbe probe(database_url, absl::Seconds(2));
    std::string last_reason;
    for (absl::Status usable = probe.Check(); !usable.ok();
         usable = probe.Check()) {
      if (usable.ToString() != last_reason) {
        last_reason = usable.ToString();
        identity::LogEvent(
            identity::EventLevel::kWarning,
            absl::StrCat("waiting for the schema: ", last_reason));
      }
      if (StopSignalWithin(stop_signals, absl::Seconds(1))) return 0;
    }
  }

  auto server = identity::PostgresBackedServer::Start(options);
  if (!server.ok()) {
    identity::LogEvent(
        identity::EventLevel::kError,
        absl::StrCat("cannot start: ", server.status().ToString()));
    return 1;
  }
  identity::LogEvent(
      identity::EventLevel::kInfo,
      absl::StrCat(
          "serving identity.v1 on ",
          ServedAddress(options.server.listen_address,
                        (*server)->server().port()),
          options.server.tls_cert_path.empty() ? " (plaintext)" : " (TLS)"));
  if ((*server)->server().health_port() != 0) {
    identity::LogEvent(
        identity::EventLevel::kInfo,
        absl::StrCat("serving plaintext health on ",
                     ServedAddress(options.server.health_listen_address,
                                   (*server)->server().health_port())));
  }

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  // Not ready first, still serving, so that load balancers and clients'
  // health checks move away before the listener closes.
  (*server)->server().readiness().StartDraining();
  identity::LogEvent(
      identity::EventLevel::kInfo,
      absl::StrCat("stopping on signal ", signal_number, ": draining"));
  Drain(stop_signals, call_activity,
        absl::Seconds(absl::GetFlag(FLAGS_shutdown_drain_seconds)));
  (*server)->server().Shutdown(
      absl::Seconds(absl::GetFlag(FLAGS_shutdown_grace_seconds)));
  identity::LogEvent(identity::EventLevel::kInfo, "stopped");
  return 0;
}
