#include "service/grpc/tls_server_credentials.h"

#include <grpcpp/security/tls_certificate_provider.h>
#include <grpcpp/security/tls_credentials_options.h>

#include <algorithm>
#include <fstream>

#include "absl/strings/str_cat.h"

namespace identity {
namespace {

absl::Status CheckReadable(const std::string& path, const char* flag) {
  std::ifstream in(path);
  if (!in) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, ": cannot read ", path));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentialsFor(
    const ServerTlsFiles& files, absl::Duration reload_interval) {
  if (files.cert_path.empty() != files.key_path.empty()) {
    return absl::InvalidArgumentError(
        "tls_cert, tls_key: TLS needs both a certificate and a key");
  }
  if (files.cert_path.empty()) {
    if (!files.client_ca_path.empty()) {
      return absl::InvalidArgumentError(
          "tls_client_ca: client certificates need TLS (tls_cert, tls_key)");
    }
    return grpc::InsecureServerCredentials();
  }
  // The watcher only logs unreadable files, and would serve no certificate:
  // refuse to start instead.
  if (auto status = CheckReadable(files.cert_path, "tls_cert"); !status.ok()) {
    return status;
  }
  if (auto status = CheckReadable(files.key_path, "tls_key"); !status.ok()) {
    return status;
  }
  const bool mutual = !files.client_ca_path.empty();
  if (mutual) {
    if (auto status = CheckReadable(files.client_ca_path, "tls_client_ca");
        !status.ok()) {
      return status;
    }
  }
  const auto seconds = static_cast<unsigned int>(
      std::max<int64_t>(1, absl::ToInt64Seconds(reload_interval)));
  auto provider =
      std::make_shared<grpc::experimental::FileWatcherCertificateProvider>(
          files.key_path, files.cert_path, files.client_ca_path, seconds);
  grpc::experimental::TlsServerCredentialsOptions options(provider);
  options.watch_identity_key_cert_pairs();
  if (mutual) {
    options.watch_root_certs();
    options.set_cert_request_type(
        GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  } else {
    options.set_cert_request_type(GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
  }
  return grpc::experimental::TlsServerCredentials(options);
}

}  // namespace identity
