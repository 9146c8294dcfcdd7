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
      UserWith("a", "o1", {"org-admin-user"})));
  EXPECT_FALSE(
      ImpersonationPolicy::MayImpersonate(UserWith("a", "o1", {"admin-user"})));
  const Principal admin = UserWith("a", "o1", {"admin-user"});
  const Principal user = UserWith("u", "o1", {"user"});
  EXPECT_THAT(ImpersonationPolicy::Check(admin, &user, "u"), kRefused);
}

TEST(ImpersonationPolicyTest, OrgAdminsActAsLesserUsersOfTheirOrg) {
  const Principal org_admin = UserWith("a", "o1", {"org-admin-user"});
  const Principal user = UserWith("u", "o1", {"user"});
  const Principal peer = UserWith("p", "o1", {"org-admin-user"});
  const Principal elsewhere = UserWith("x", "o2", {"user"});
  const Principal super_admin = UserWith("s", "o1", {"super-admin-user"});
  EXPECT_THAT(ImpersonationPolicy::Check(org_admin, &user, "u"), IsOk());
  EXPECT_THAT(ImpersonationPolicy::Check(org_admin, &peer, "p"), IsOk());
  EXPECT_THAT(ImpersonationPolicy::Check(org_admin, &elsewhere, "x"), kRefused);
  EXPECT_THAT(ImpersonationPolicy::Check(org_admin, &super_admin, "s"),
              kRefused);
}

TEST(ImpersonationPolicyTest, SuperAdminsActInEveryOrg) {
  const Principal super_admin = UserWith("s", "root", {"super-admin-user"});
  const Principal elsewhere = UserWith("x", "o2", {"org-admin-user"});
  EXPECT_THAT(ImpersonationPolicy::Check(super_admin, &elsewhere, "x"), IsOk());
}

TEST(ImpersonationPolicyTest, AMissingTargetLooksLikeAForbiddenOne) {
  const Principal org_admin = UserWith("a", "o1", {"org-admin-user"});
  const Principal elsewhere = UserWith("x", "o2", {"user"});
  const absl::Status missing =
      ImpersonationPolicy::Check(org_admin, nullptr, "x");
  const absl::Status forbidden =
      ImpersonationPolicy::Check(org_admin, &elsewhere, "x");
  EXPECT_THAT(missing, kRefused);
  EXPECT_EQ(missing, forbidden);
}

}  // namespace
}  // namespace identity
