// Everything a handler knows about the call it serves, decided by the
// authentication interceptor before any handler logic runs.
//
//   absl::StatusOr<v1::Org> OrgApi::GetOrg(const CallContext& call, ...) {
//     RETURN_IF_ERROR(AccessPolicy::RequireOrgRead(call.user(), id));
#ifndef IDENTITY_SERVICE_CALL_CONTEXT_H_
#define IDENTITY_SERVICE_CALL_CONTEXT_H_

#include <memory>
#include <string>

#include "absl/time/time.h"
#include "service/principal.h"

namespace identity {

struct CallContext {
  // The identity every check uses: the key's owner, or the user it
  // impersonates.
  std::shared_ptr<const Principal> effective_user;
  // The key's owner when the call impersonates; null otherwise.
  std::shared_ptr<const Principal> impersonator;
  // The full RPC name, e.g. "/identity.v1.OrgService/CreateOrg".
  std::string method;
  std::string peer;
  absl::Time deadline = absl::InfiniteFuture();

  const Principal& user() const { return *effective_user; }
  // The user whose key made the call.
  const Principal& actor() const {
    return impersonator ? *impersonator : *effective_user;
  }
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_CALL_CONTEXT_H_
