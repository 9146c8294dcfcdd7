// How a Client reaches the identity service and which key it calls with.
//
//   identity::ClientOptions options;
//   options.endpoint = "identity.internal:50051";
//   options.access_key = key_from_secret_store;
#ifndef IDENTITY_CLIENT_CLIENT_OPTIONS_H_
#define IDENTITY_CLIENT_CLIENT_OPTIONS_H_

#include <grpcpp/security/credentials.h>

#include <memory>
#include <string>

#include "absl/time/time.h"

namespace identity {

struct ClientOptions {
  // A gRPC target, e.g. "127.0.0.1:50051" or "dns:///identity:50051".
  std::string endpoint;
  // Sent as "authorization: Bearer <access_key>" on every call; never logged.
  // Empty sends no authorization at all, which the server answers with
  // UNAUTHENTICATED.
  std::string access_key;
  // The deadline of each call, counted from when the call starts.
  absl::Duration timeout = absl::Seconds(10);
  // Transport security; TLS deployments pass grpc::SslCredentials(...).
  std::shared_ptr<grpc::ChannelCredentials> credentials =
      grpc::InsecureChannelCredentials();
};

}  // namespace identity

#endif  // IDENTITY_CLIENT_CLIENT_OPTIONS_H_
