// A user as authorization sees it: who it is, where it lives, and what its
// roles let it do. This is never what a key lets it do: a call made with a
// key is a KeyPrincipal (key_principal.h), a type of its own, so that a
// key's ceiling can never be stored or read as its owner's permissions.
//
//   auto user = std::make_shared<const UserPrincipal>(
//       UserPrincipal::FromUser(stored));
//   bool may_impersonate =
//       user->role_permissions.Has(Permission::kUsageImpersonation);
#ifndef IDENTITY_SERVICE_AUTH_USER_PRINCIPAL_H_
#define IDENTITY_SERVICE_AUTH_USER_PRINCIPAL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "service/auth/permission.h"
#include "service/auth/role_catalog.h"
#include "storage/resources.h"

namespace identity {

struct UserPrincipal {
  // The user's and its org's immutable identities: ids are reusable, so
  // whatever must not pass to a later user or org of the same id (remembered
  // responses, audit events) belongs to these.
  int64_t key = 0;
  int64_t org_key = 0;
  std::string id;
  std::string name;
  std::string email;
  std::string tenant_id;
  std::string org_id;
  std::vector<std::string> roles;
  // The union of the roles' permissions: what the user may do through an
  // unbounded key, and what impersonating it or managing it is judged by.
  PermissionSet role_permissions;

  static UserPrincipal FromUser(const storage::User& user) {
    return UserPrincipal{
        user.key,    user.org_key, user.id,
        user.name,   user.email,   user.tenant_id,
        user.org_id, user.roles,   RoleCatalog::PermissionsOf(user.roles)};
  }
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_AUTH_USER_PRINCIPAL_H_
