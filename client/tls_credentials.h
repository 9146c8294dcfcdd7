// Channel credentials for a client of identityd: plaintext, TLS (verifying
// the server against a CA file, or the system's roots), or mutual TLS (also
// presenting a client certificate), from PEM files.
//
//   ClientTlsFiles tls{.ca_path = "/tls/ca.crt"};
//   ASSIGN_OR_RETURN(options.credentials, ChannelCredentialsFor(tls));
//   ASSIGN_OR_RETURN(Client client, Client::Create(options));
#ifndef IDENTITY_CLIENT_TLS_CREDENTIALS_H_
#define IDENTITY_CLIENT_TLS_CREDENTIALS_H_

#include <grpcpp/security/credentials.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"

namespace identity {

struct ClientTlsFiles {
  // The CAs to verify the server with; empty with a client certificate set:
  // the system's roots.
  std::string ca_path;
  // The client's certificate chain and private key, for servers that
  // require client certificates; both or neither.
  std::string cert_path;
  std::string key_path;

  // Whether any file is set, i.e. whether to speak TLS at all.
  bool any() const {
    return !ca_path.empty() || !cert_path.empty() || !key_path.empty();
  }
};

// Plaintext credentials when no file is set, TLS otherwise. INVALID_ARGUMENT
// naming the flag when only one of certificate and key is set or a file
// cannot be read.
absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> ChannelCredentialsFor(
    const ClientTlsFiles& files);

}  // namespace identity

#endif  // IDENTITY_CLIENT_TLS_CREDENTIALS_H_
