// Everything a handler knows about the call it serves, decided by the
// authentication interceptor before any handler logic runs.
//
//   RETURN_IF_ERROR(AccessPolicy::Require(call.user(), Permission::kWriteOrg));
//   storage::AuditEvent event =
//       AuditEventOf(call, storage::kAuditOrg, "o1", "o1");
#ifndef IDENTITY_SERVICE_AUTH_CALL_CONTEXT_H_
#define IDENTITY_SERVICE_AUTH_CALL_CONTEXT_H_

#include <memory>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "service/auth/principal.h"
#include "storage/resources.h"

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
  // The client an authorizer claimed in an Envoy Check (CallCredentials);
  // empty otherwise.
  std::string claimed_address;
  absl::Time deadline = absl::InfiniteFuture();

  const Principal& user() const { return *effective_user; }
  // The user whose key made the call.
  const Principal& actor() const {
    return impersonator ? *impersonator : *effective_user;
  }
};

// The audit event of `call` acting on `resource_type`/`resource_id` of org
// `org_id`: who (actor and impersonated user), how (method, peer and any
// claimed address); the summary is left empty for the caller to fill.
storage::AuditEvent AuditEventOf(const CallContext& call,
                                 absl::string_view resource_type,
                                 absl::string_view resource_id,
                                 absl::string_view org_id);

}  // namespace identity

#endif  // IDENTITY_SERVICE_AUTH_CALL_CONTEXT_H_
