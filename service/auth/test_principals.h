// Principals for the policy tests (test-only): a user of an org holding
// roles, with the permissions those roles give, as the authenticator builds
// it from a stored user; that user acting through a key; and a call made
// with that key.
//
//   const UserPrincipal user = UserWith("u", "o1", {"user"});
//   EXPECT_TRUE(ImpersonationPolicy::MayImpersonate(
//       KeyOf(UserWith("a", "o1", {"org-admin-user"}))));
//   const CallContext call = CallOf(user);
#ifndef IDENTITY_SERVICE_AUTH_TEST_PRINCIPALS_H_
#define IDENTITY_SERVICE_AUTH_TEST_PRINCIPALS_H_

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "service/auth/call_context.h"
#include "service/auth/key_principal.h"
#include "service/auth/user_principal.h"
#include "storage/resources.h"

namespace identity {

inline UserPrincipal UserWith(const std::string& id, const std::string& org,
                              std::vector<std::string> roles) {
  storage::User user;
  user.id = id;
  user.org_id = org;
  user.roles = std::move(roles);
  return UserPrincipal::FromUser(user);
}

// `owner` acting through a key with `ceiling` (nullopt: unbounded).
inline KeyPrincipal KeyOf(const UserPrincipal& owner,
                          std::optional<PermissionSet> ceiling = std::nullopt) {
  KeyPrincipal holder;
  holder.owner = std::make_shared<const UserPrincipal>(owner);
  holder.ceiling = ceiling;
  holder.permissions = ceiling.has_value()
                           ? owner.role_permissions.Intersect(*ceiling)
                           : owner.role_permissions;
  return holder;
}

// A call made by `user` with a key of `ceiling`, impersonating nobody.
inline CallContext CallOf(const UserPrincipal& user,
                          std::optional<PermissionSet> ceiling = std::nullopt) {
  CallContext call;
  call.key_holder = std::make_shared<const KeyPrincipal>(KeyOf(user, ceiling));
  return call;
}

}  // namespace identity

#endif  // IDENTITY_SERVICE_AUTH_TEST_PRINCIPALS_H_
