// A user as authorization sees it: who it is, where it lives, what it may do.
// When the user acts through a key with a ceiling, `permissions` is already
// its roles' permissions intersected with that ceiling (see key_ceiling.h).
//
//   auto user = std::make_shared<const Principal>(Principal::FromUser(stored));
//   bool acts_everywhere = user->permissions.Has(Permission::kWriteOrg);
#ifndef IDENTITY_SERVICE_AUTH_PRINCIPAL_H_
#define IDENTITY_SERVICE_AUTH_PRINCIPAL_H_

#include <optional>
#include <string>
#include <vector>

#include "service/auth/permission.h"
#include "service/auth/role_catalog.h"
#include "storage/resources.h"

namespace identity {

struct Principal {
  std::string id;
  std::string name;
  std::string email;
  std::string tenant_id;
  std::string org_id;
  std::vector<std::string> roles;
  // What this call may do: the roles' permissions, capped by key_ceiling.
  PermissionSet permissions;
  // The ceiling of the key the call came with; nullopt when unbounded, or
  // when this principal is not a key's holder (an impersonation target).
  std::optional<PermissionSet> key_ceiling;

  static Principal FromUser(const storage::User& user) {
    return Principal{user.id,
                     user.name,
                     user.email,
                     user.tenant_id,
                     user.org_id,
                     user.roles,
                     RoleCatalog::PermissionsOf(user.roles),
                     std::nullopt};
  }
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_AUTH_PRINCIPAL_H_
