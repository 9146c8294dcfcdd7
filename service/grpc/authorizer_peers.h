// Who may call Envoy's Check: the configured authorizers alone. A Check
// tells identity which client an HTTP request came from and asks about its
// key, so anyone else calling it could claim any address and probe keys in
// bulk. An authorizer is admitted by its address (IPs and CIDR ranges) or,
// under mTLS, by its verified certificate's identity: its subject
// alternative names (DNS, or URI such as Istio's SPIFFE id), or its common
// name when it has none.
//
//   ASSIGN_OR_RETURN(AuthorizerPeers authorizers,
//                    AuthorizerPeers::Parse("127.0.0.1,10.0.0.0/8",
//                                           "envoy.example.com"));
//   if (!authorizers.Admits(context->peer(), *context->auth_context())) ...
#ifndef IDENTITY_SERVICE_GRPC_AUTHORIZER_PEERS_H_
#define IDENTITY_SERVICE_GRPC_AUTHORIZER_PEERS_H_

#include <grpcpp/security/auth_context.h>

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "service/auth/ip_address.h"

namespace identity {

// Loopback only: an Envoy sidecar beside identityd reaches it there, and
// nothing on the network does. 127.0.0.1 rather than 127.0.0.0/8, because an
// Istio sidecar in identityd's own pod hands it every inbound connection
// from 127.0.0.6.
inline constexpr char kDefaultAuthorizerPeers[] = "127.0.0.1,::1";

class AuthorizerPeers {
 public:
  // Admits peers in `ranges` and peers whose verified certificate names one
  // of `identities`, both comma-separated lists as the flags take them
  // ("127.0.0.1, 10.0.0.0/8"; "spiffe://cluster.local/ns/a/sa/b"); either
  // may be empty. INVALID_ARGUMENT naming --ext_authz_allowed_peers for an
  // entry that is not an IP address or CIDR range.
  static absl::StatusOr<AuthorizerPeers> Parse(absl::string_view ranges,
                                               absl::string_view identities);

  // Whether the peer of a call, gRPC's peer string and the connection's
  // AuthContext, is an authorizer.
  bool Admits(absl::string_view peer, const grpc::AuthContext& auth) const;

 private:
  AuthorizerPeers() = default;

  std::vector<IpRange> ranges_;
  std::vector<std::string> identities_;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_GRPC_AUTHORIZER_PEERS_H_
