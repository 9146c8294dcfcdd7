#include "service/auth/impersonation_policy.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/status_matchers.h"
#include "service/auth/test_principals.h"

namespace identity {
namespace {

using ::testing::HasSubstr;

const auto kRefused =
    ::testing::AllOf(StatusIs(absl::StatusCode::kPermissionDenied,
                              HasSubstr("caller may not impersonate user")),
                     ErrorReasonIs("IMPERSONATION_REFUSED"));

TEST(ImpersonationPolicyTest, OnlyHoldersOfUsageImpersonationMayTry) {
  EXPECT_TRUE(ImpersonationPolicy::MayImpersonate(
      KeyOf(UserWith("a", "o1", {"org-admin-user"}))));
  EXPECT_FALSE(ImpersonationPolicy::MayImpersonate(
      KeyOf(UserWith("a", "o1", {"admin-user"}))));
  const UserPrincipal admin = UserWith("a", "o1", {"admin-user"});
  const UserPrincipal user = UserWith("u", "o1", {"user"});
  EXPECT_THAT(ImpersonationPolicy::Check(KeyOf(admin), &user, "u"), kRefused);
}

TEST(ImpersonationPolicyTest, OrgAdminsActAsLesserUsersOfTheirOrg) {
  const UserPrincipal org_admin = UserWith("a", "o1", {"org-admin-user"});
  const UserPrincipal user = UserWith("u", "o1", {"user"});
  const UserPrincipal peer = UserWith("p", "o1", {"org-admin-user"});
  const UserPrincipal elsewhere = UserWith("x", "o2", {"user"});
  const UserPrincipal super_admin = UserWith("s", "o1", {"super-admin-user"});
  EXPECT_THAT(ImpersonationPolicy::Check(KeyOf(org_admin), &user, "u"), IsOk());
  EXPECT_THAT(ImpersonationPolicy::Check(KeyOf(org_admin), &peer, "p"), IsOk());
  EXPECT_THAT(ImpersonationPolicy::Check(KeyOf(org_admin), &elsewhere, "x"),
              kRefused);
  EXPECT_THAT(ImpersonationPolicy::Check(KeyOf(org_admin), &super_admin, "s"),
              kRefused);
}

TEST(ImpersonationPolicyTest, SuperAdminsActInEveryOrg) {
  const UserPrincipal super_admin = UserWith("s", "root", {"super-admin-user"});
  const UserPrincipal elsewhere = UserWith("x", "o2", {"org-admin-user"});
  EXPECT_THAT(ImpersonationPolicy::Check(KeyOf(super_admin), &elsewhere, "x"),
              IsOk());
}

TEST(ImpersonationPolicyTest, AMissingTargetLooksLikeAForbiddenOne) {
  const UserPrincipal org_admin = UserWith("a", "o1", {"org-admin-user"});
  const UserPrincipal elsewhere = UserWith("x", "o2", {"user"});
  const absl::Status missing =
      ImpersonationPolicy::Check(KeyOf(org_admin), nullptr, "x");
  const absl::Status forbidden =
      ImpersonationPolicy::Check(KeyOf(org_admin), &elsewhere, "x");
  EXPECT_THAT(missing, kRefused);
  EXPECT_EQ(missing, forbidden);
}

TEST(ImpersonationPolicyTest, TheTargetsOwnPermissionsMustFitTheCallersKey) {
  const UserPrincipal org_admin = UserWith("a", "o1", {"org-admin-user"});
  const UserPrincipal user = UserWith("u", "o1", {"user"});
  const PermissionSet without_databases = org_admin.role_permissions.Intersect(
      RoleCatalog::PermissionsOf({"trial-user"})
          .Union({Permission::kUsageImpersonation}));
  EXPECT_THAT(ImpersonationPolicy::Check(KeyOf(org_admin, without_databases),
                                         &user, "u"),
              kRefused);
  // A key holding exactly what the target holds, and impersonation, will do.
  EXPECT_THAT(ImpersonationPolicy::Check(
                  KeyOf(org_admin, user.role_permissions.Union(
                                       {Permission::kUsageImpersonation})),
                  &user, "u"),
              IsOk());
}

}  // namespace
}  // namespace identity
