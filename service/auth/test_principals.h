// Principals for the policy tests (test-only): a user of an org holding
// roles, with the permissions those roles give, as the authenticator builds
// it from a stored user.
//
//   const Principal org_admin = UserWith("a", "o1", {"org-admin-user"});
//   EXPECT_TRUE(ImpersonationPolicy::MayImpersonate(org_admin));
#ifndef IDENTITY_SERVICE_AUTH_TEST_PRINCIPALS_H_
#define IDENTITY_SERVICE_AUTH_TEST_PRINCIPALS_H_

#include <string>
#include <utility>
#include <vector>

#include "service/auth/principal.h"
#include "storage/resources.h"

namespace identity {

inline Principal UserWith(const std::string& id, const std::string& org,
                          std::vector<std::string> roles) {
  storage::User user;
  user.id = id;
  user.org_id = org;
  user.roles = std::move(roles);
  return Principal::FromUser(user);
}

}  // namespace identity

#endif  // IDENTITY_SERVICE_AUTH_TEST_PRINCIPALS_H_
