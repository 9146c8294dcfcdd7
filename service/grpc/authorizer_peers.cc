#include "service/grpc/authorizer_peers.h"

#include <algorithm>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "base/status_macros.h"

namespace identity {

absl::StatusOr<AuthorizerPeers> AuthorizerPeers::Parse(
    absl::string_view ranges, absl::string_view identities) {
  AuthorizerPeers peers;
  for (absl::string_view range : absl::StrSplit(ranges, ',')) {
    range = absl::StripAsciiWhitespace(range);
    if (range.empty()) continue;
    ASSIGN_OR_RETURN(IpRange parsed,
                     IpRange::Parse("--ext_authz_allowed_peers", range));
    peers.ranges_.push_back(parsed);
  }
  for (absl::string_view identity : absl::StrSplit(identities, ',')) {
    identity = absl::StripAsciiWhitespace(identity);
    if (!identity.empty()) peers.identities_.emplace_back(identity);
  }
  return peers;
}

bool AuthorizerPeers::Admits(absl::string_view peer,
                             const grpc::AuthContext& auth) const {
  if (std::optional<IpAddress> address = IpAddress::OfGrpcPeer(peer)) {
    for (const IpRange& range : ranges_) {
      if (range.Contains(*address)) return true;
    }
  }
  if (identities_.empty() || !auth.IsPeerAuthenticated()) return false;
  for (const grpc::string_ref& name : auth.GetPeerIdentity()) {
    const absl::string_view presented(name.data(), name.size());
    if (std::find(identities_.begin(), identities_.end(), presented) !=
        identities_.end()) {
      return true;
    }
  }
  return false;
}

}  // namespace identity
