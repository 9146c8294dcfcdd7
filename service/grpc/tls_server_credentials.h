// The server's transport credentials: plaintext, TLS, or mutual TLS, read
// from PEM files that are watched, so that a rotated certificate (e.g. by
// cert-manager rewriting a mounted Secret) is served without a restart.
//
//   ServerTlsFiles files{"/tls/tls.crt", "/tls/tls.key", "/tls/ca.crt"};
//   ASSIGN_OR_RETURN(std::shared_ptr<grpc::ServerCredentials> credentials,
//                    ServerCredentialsFor(files, absl::Seconds(60)));
#ifndef IDENTITY_SERVICE_GRPC_TLS_SERVER_CREDENTIALS_H_
#define IDENTITY_SERVICE_GRPC_TLS_SERVER_CREDENTIALS_H_

#include <grpcpp/security/server_credentials.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace identity {

struct ServerTlsFiles {
  // PEM certificate chain and private key; both set: TLS, neither: plaintext.
  std::string cert_path;
  std::string key_path;
  // PEM bundle of the CAs whose client certificates are accepted; set: every
  // client must present a certificate signed by one of them (mutual TLS).
  std::string client_ca_path;
};

// Credentials serving `files`, re-read every `reload_interval` (at least one
// second). INVALID_ARGUMENT when only one of certificate and key is given,
// a client CA is given without them, or a file cannot be read.
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentialsFor(
    const ServerTlsFiles& files, absl::Duration reload_interval);

}  // namespace identity

#endif  // IDENTITY_SERVICE_GRPC_TLS_SERVER_CREDENTIALS_H_
