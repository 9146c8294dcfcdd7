// Everything a handler knows about the call it serves, decided by the
// authentication interceptor before any handler logic runs.
//
//   RETURN_IF_ERROR(AccessPolicy::Require(call, Permission::kWriteOrg));
//   storage::AuditEvent event =
//       AuditEventOf(call, storage::kAuditOrg, "o1", "o1");
#ifndef IDENTITY_SERVICE_AUTH_CALL_CONTEXT_H_
#define IDENTITY_SERVICE_AUTH_CALL_CONTEXT_H_

#include <memory>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "service/auth/key_principal.h"
#include "service/auth/permission.h"
#include "service/auth/user_principal.h"
#include "storage/resources.h"

namespace identity {

struct CallContext {
  // Whose key made the call, and what that key lets it do.
  std::shared_ptr<const KeyPrincipal> key_holder;
  // The user the call runs as when it impersonates; null otherwise.
  std::shared_ptr<const UserPrincipal> impersonated;
  // The full RPC name, e.g. "/identity.v1.OrgService/CreateOrg".
  std::string method;
  std::string peer;
  // The client an authorizer claimed in an Envoy Check (CallCredentials);
  // empty otherwise.
  std::string claimed_address;
  absl::Time deadline = absl::InfiniteFuture();

  bool impersonating() const { return impersonated != nullptr; }
  // The user every check is about: the key's owner, or the user it
  // impersonates.
  const UserPrincipal& user() const {
    return impersonated ? *impersonated : *key_holder->owner;
  }
  // What the call may do: the key's reach, or, when impersonating, the
  // target's own permissions (a subset of the key's, or it would have been
  // refused).
  PermissionSet permissions() const {
    return impersonated ? impersonated->role_permissions
                        : key_holder->permissions;
  }
  // The user whose key made the call.
  const UserPrincipal& actor() const { return *key_holder->owner; }
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
