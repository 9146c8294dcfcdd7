// A user acting through one of its access keys: the owner as it is now, and
// what the key lets it do, the owner's permissions capped by the key's
// ceiling (key_ceiling.h). A type apart from UserPrincipal, so that the
// identity cache cannot keep a key's reach as its owner's.
//
//   KeyPrincipal holder = KeyHolderOf(credential);
//   bool may_write_users = holder.permissions.Has(Permission::kWriteUser);
//   const UserPrincipal& owner = *holder.owner;  // its own role_permissions
#ifndef IDENTITY_SERVICE_AUTH_KEY_PRINCIPAL_H_
#define IDENTITY_SERVICE_AUTH_KEY_PRINCIPAL_H_

#include <memory>
#include <optional>

#include "service/auth/permission.h"
#include "service/auth/user_principal.h"

namespace identity {

struct KeyPrincipal {
  std::shared_ptr<const UserPrincipal> owner;
  // The key's ceiling; nullopt when unbounded (it follows the owner's roles).
  std::optional<PermissionSet> ceiling;
  // Whether the secret presented is one a rotation replaced, still in its
  // grace period: it may use the key, but not create, rotate or delete
  // keys, or the holder of a leaked old secret could take the key back.
  bool superseded_secret = false;
  // What calls made with the key may do: owner->role_permissions ∩ ceiling.
  PermissionSet permissions;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_AUTH_KEY_PRINCIPAL_H_
