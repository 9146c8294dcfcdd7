// identityd: the identity gRPC server. Flags fall back to environment
// variables, so the same image runs anywhere; see README.md.
#include <signal.h>

#include <cstdlib>
#include <iostream>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "identityd/postgres_backed_server.h"
#include "service/auth/access_key_secret.h"

namespace {

std::string EnvOr(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : fallback;
}

int EnvOrInt(const char* name, int fallback) {
  const char* value = std::getenv(name);
  return value != nullptr ? std::atoi(value) : fallback;
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
ABSL_FLAG(int, shutdown_grace_seconds, 10,
          "on SIGTERM, how long calls in flight may take to finish");
ABSL_FLAG(bool, ext_authz_strip_authorization,
          EnvOr("IDENTITY_EXT_AUTHZ_STRIP_AUTHORIZATION", "true") != "false",
          "Envoy external authorization: remove the caller's authorization "
          "header before the request goes upstream "
          "[IDENTITY_EXT_AUTHZ_STRIP_AUTHORIZATION]");
ABSL_FLAG(bool, version, false, "print the version and exit");
ABSL_FLAG(bool, generate_key, false,
          "print a new random access key (for IDENTITY_BOOTSTRAP_ADMIN_KEY) "
          "and exit");

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "identityd [flags]\n"
      "The bootstrap super admin's key is read from the environment only, so "
      "that it never shows in a process list: IDENTITY_BOOTSTRAP_ADMIN_KEY.");
  absl::ParseCommandLine(argc, argv);
  if (absl::GetFlag(FLAGS_version)) {
    std::cout << "identityd " << IDENTITY_VERSION << "\n";
    return 0;
  }
  if (absl::GetFlag(FLAGS_generate_key)) {
    std::cout << identity::AccessKeySecret::Generate().value() << "\n";
    return 0;
  }

  // Block the stop signals before any thread starts, so that only the
  // sigwait below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  identity::PostgresBackedServer::Options options;
  options.server.listen_address = absl::GetFlag(FLAGS_listen);
  options.server.tls_cert_path = absl::GetFlag(FLAGS_tls_cert);
  options.server.tls_key_path = absl::GetFlag(FLAGS_tls_key);
  options.server.ext_authz.strip_authorization =
      absl::GetFlag(FLAGS_ext_authz_strip_authorization);
  options.database_url = absl::GetFlag(FLAGS_database_url);
  options.database_pool_size = absl::GetFlag(FLAGS_database_pool_size);
  options.bootstrap_admin_key = EnvOr("IDENTITY_BOOTSTRAP_ADMIN_KEY", "");
  if (options.database_url.empty()) {
    std::cerr << "identityd: set --database_url or IDENTITY_DATABASE_URL\n";
    return 2;
  }
  if (options.database_pool_size < 1) {
    std::cerr << "identityd: --database_pool_size must be at least 1\n";
    return 2;
  }

  auto server = identity::PostgresBackedServer::Start(options);
  if (!server.ok()) {
    std::cerr << "identityd: " << server.status() << "\n";
    return 1;
  }
  std::cout << "identityd: serving identity.v1 on port "
            << (*server)->server().port() << std::endl;

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  std::cout << "identityd: stopping" << std::endl;
  (*server)->server().Shutdown(
      absl::Seconds(absl::GetFlag(FLAGS_shutdown_grace_seconds)));
  return 0;
}
