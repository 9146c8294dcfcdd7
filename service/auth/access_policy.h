// Who may do what to which resource. Pure functions of the call (the user it
// acts as, and what it may do) and the target; each returns OK or
// PERMISSION_DENIED.
//
//   RETURN_IF_ERROR(AccessPolicy::RequireInOrg(
//       call, Permission::kWriteTenant, org_id));
//   RETURN_IF_ERROR(AccessPolicy::RequireCanGrant(call, new_roles));
#ifndef IDENTITY_SERVICE_AUTH_ACCESS_POLICY_H_
#define IDENTITY_SERVICE_AUTH_ACCESS_POLICY_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "service/auth/call_context.h"
#include "service/auth/permission.h"
#include "service/auth/user_principal.h"

namespace identity {

class AccessPolicy {
 public:
  // Holders of write:org act in every org.
  static bool ActsInEveryOrg(const CallContext& call) {
    return call.permissions().Has(Permission::kWriteOrg);
  }

  static absl::Status Require(const CallContext& call, Permission permission);

  // `permission` within `org_id` when it is the user's own org, or write:org.
  static absl::Status RequireInOrg(const CallContext& call,
                                   Permission permission,
                                   absl::string_view org_id);

  // Nobody grants roles whose permissions are not a subset of their own.
  static absl::Status RequireCanGrant(const CallContext& call,
                                      const std::vector<std::string>& roles);

  // write:user over `target`: in the user's org (any org with write:org), and
  // the target's own permissions a subset of what the call may do.
  static absl::Status RequireCanManage(const CallContext& call,
                                       const UserPrincipal& target);

  // The error for a resource that is absent or outside the caller's reach;
  // the same either way, so that it tells nothing about other orgs.
  static absl::Status NotVisible(absl::string_view kind, absl::string_view id);
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_AUTH_ACCESS_POLICY_H_
