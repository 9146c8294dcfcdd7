#include "service/auth/access_policy.h"

#include <gtest/gtest.h>

namespace identity {
namespace {

Principal UserWith(const std::string& id, const std::string& org,
                   std::vector<std::string> roles) {
  storage::User user;
  user.id = id;
  user.org_id = org;
  user.roles = std::move(roles);
  return Principal::FromUser(user);
}

TEST(AccessPolicyTest, PermissionsApplyInTheOwnOrgOnly) {
  const Principal org_admin = UserWith("a", "o1", {"org-admin-user"});
  EXPECT_TRUE(
      AccessPolicy::RequireInOrg(org_admin, Permission::kWriteUser, "o1").ok());
  EXPECT_EQ(AccessPolicy::RequireInOrg(org_admin, Permission::kWriteUser, "o2")
                .code(),
            absl::StatusCode::kPermissionDenied);
  const Principal super_admin = UserWith("s", "root", {"super-admin-user"});
  EXPECT_TRUE(
      AccessPolicy::RequireInOrg(super_admin, Permission::kWriteUser, "o2")
          .ok());
  const Principal user = UserWith("u", "o1", {"user"});
  EXPECT_EQ(
      AccessPolicy::RequireInOrg(user, Permission::kReadUser, "o1").code(),
      absl::StatusCode::kPermissionDenied);
}

TEST(AccessPolicyTest, NobodyGrantsMoreThanItHolds) {
  const Principal org_admin = UserWith("a", "o1", {"org-admin-user"});
  EXPECT_TRUE(
      AccessPolicy::RequireCanGrant(org_admin, {"org-admin-user"}).ok());
  EXPECT_TRUE(
      AccessPolicy::RequireCanGrant(org_admin, {"user", "trial-api-user"})
          .ok());
  EXPECT_EQ(
      AccessPolicy::RequireCanGrant(org_admin, {"super-admin-user"}).code(),
      absl::StatusCode::kPermissionDenied);
  const Principal trial_api = UserWith("t", "o1", {"trial-api-user"});
  EXPECT_EQ(AccessPolicy::RequireCanGrant(trial_api, {"user"}).code(),
            absl::StatusCode::kPermissionDenied);
}

TEST(AccessPolicyTest, ManagingNeedsWriteUserInTheOrgAndNoMorePermissions) {
  const Principal org_admin = UserWith("a", "o1", {"org-admin-user"});
  EXPECT_TRUE(AccessPolicy::RequireCanManage(
                  org_admin, UserWith("u", "o1", {"admin-user"}))
                  .ok());
  EXPECT_EQ(AccessPolicy::RequireCanManage(
                org_admin, UserWith("s", "o1", {"super-admin-user"}))
                .code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(
      AccessPolicy::RequireCanManage(org_admin, UserWith("u", "o2", {"user"}))
          .code(),
      absl::StatusCode::kPermissionDenied);
  const Principal admin = UserWith("b", "o1", {"admin-user"});
  EXPECT_EQ(AccessPolicy::RequireCanManage(admin, UserWith("u", "o1", {"user"}))
                .code(),
            absl::StatusCode::kPermissionDenied);
}

}  // namespace
}  // namespace identity
