// The built-in roles and the permissions each one holds.
//
//   if (!RoleCatalog::IsKnown("org-admin-user")) ...
//   PermissionSet p = RoleCatalog::PermissionsOf({"user", "trial-api-user"});
#ifndef IDENTITY_SERVICE_AUTH_ROLE_CATALOG_H_
#define IDENTITY_SERVICE_AUTH_ROLE_CATALOG_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "service/auth/permission.h"

namespace identity {

inline constexpr char kSuperAdminRole[] = "super-admin-user";

class RoleCatalog {
 public:
  static bool IsKnown(absl::string_view role);

  // The union of the roles' permissions; unknown names add nothing.
  static PermissionSet PermissionsOf(const std::vector<std::string>& roles);

  // Every built-in role, lowest rank first.
  static std::vector<std::string> AllRoles();
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_AUTH_ROLE_CATALOG_H_
