#include "service/auth/access_policy.h"

#include <gtest/gtest.h>

#include "base/status_matchers.h"
#include "service/auth/test_principals.h"

namespace identity {
namespace {

// PERMISSION_DENIED with its reason attached by the policy.
const auto kDenied =
    ::testing::AllOf(StatusIs(absl::StatusCode::kPermissionDenied),
                     ErrorReasonIs("PERMISSION_DENIED"));

TEST(AccessPolicyTest, PermissionsApplyInTheOwnOrgOnly) {
  const CallContext org_admin = CallOf(UserWith("a", "o1", {"org-admin-user"}));
  EXPECT_THAT(
      AccessPolicy::RequireInOrg(org_admin, Permission::kWriteUser, "o1"),
      IsOk());
  EXPECT_THAT(
      AccessPolicy::RequireInOrg(org_admin, Permission::kWriteUser, "o2"),
      kDenied);
  const CallContext super_admin =
      CallOf(UserWith("s", "root", {"super-admin-user"}));
  EXPECT_THAT(
      AccessPolicy::RequireInOrg(super_admin, Permission::kWriteUser, "o2"),
      IsOk());
  const CallContext user = CallOf(UserWith("u", "o1", {"user"}));
  EXPECT_THAT(AccessPolicy::RequireInOrg(user, Permission::kReadUser, "o1"),
              kDenied);
}

TEST(AccessPolicyTest, NobodyGrantsMoreThanItHolds) {
  const CallContext org_admin = CallOf(UserWith("a", "o1", {"org-admin-user"}));
  EXPECT_THAT(AccessPolicy::RequireCanGrant(org_admin, {"org-admin-user"}),
              IsOk());
  EXPECT_THAT(
      AccessPolicy::RequireCanGrant(org_admin, {"user", "trial-api-user"}),
      IsOk());
  EXPECT_THAT(AccessPolicy::RequireCanGrant(org_admin, {"super-admin-user"}),
              kDenied);
  const CallContext trial_api = CallOf(UserWith("t", "o1", {"trial-api-user"}));
  EXPECT_THAT(AccessPolicy::RequireCanGrant(trial_api, {"user"}), kDenied);
}

TEST(AccessPolicyTest, ManagingNeedsWriteUserInTheOrgAndNoMorePermissions) {
  const CallContext org_admin = CallOf(UserWith("a", "o1", {"org-admin-user"}));
  EXPECT_THAT(AccessPolicy::RequireCanManage(
                  org_admin, UserWith("u", "o1", {"admin-user"})),
              IsOk());
  EXPECT_THAT(AccessPolicy::RequireCanManage(
                  org_admin, UserWith("s", "o1", {"super-admin-user"})),
              kDenied);
  EXPECT_THAT(
      AccessPolicy::RequireCanManage(org_admin, UserWith("u", "o2", {"user"})),
      kDenied);
  const CallContext admin = CallOf(UserWith("b", "o1", {"admin-user"}));
  EXPECT_THAT(
      AccessPolicy::RequireCanManage(admin, UserWith("u", "o1", {"user"})),
      kDenied);
}

TEST(AccessPolicyTest, AKeysCeilingLimitsWhatTheCallMayDo) {
  const UserPrincipal org_admin = UserWith("a", "o1", {"org-admin-user"});
  const CallContext capped =
      CallOf(org_admin, PermissionSet{Permission::kReadUser});
  EXPECT_THAT(AccessPolicy::RequireInOrg(capped, Permission::kReadUser, "o1"),
              IsOk());
  EXPECT_THAT(AccessPolicy::RequireInOrg(capped, Permission::kWriteUser, "o1"),
              kDenied);
  EXPECT_THAT(AccessPolicy::RequireCanGrant(capped, {"trial-user"}), kDenied);
  EXPECT_THAT(
      AccessPolicy::RequireCanManage(capped, UserWith("u", "o1", {"user"})),
      kDenied);
}

}  // namespace
}  // namespace identity
