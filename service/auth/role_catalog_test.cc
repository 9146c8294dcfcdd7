// The role table, checked permission by permission.
#include "service/auth/role_catalog.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace identity {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<std::string> NamesOf(const std::string& role) {
  return RoleCatalog::PermissionsOf({role}).Names();
}

TEST(RoleCatalogTest, EachRoleHoldsExactlyItsPermissions) {
  EXPECT_THAT(
      NamesOf("trial-user"),
      ElementsAre("read:databases", "read:liked-queries",
                  "read:semantic-context", "self:access_keys", "self:config"));
  EXPECT_THAT(NamesOf("trial-api-user"),
              ElementsAre("read:databases", "read:liked-queries",
                          "read:semantic-context", "self:access_keys",
                          "self:config", "usage:api"));
  EXPECT_THAT(NamesOf("user"),
              ElementsAre("read:databases", "read:liked-queries",
                          "read:semantic-context", "self:access_keys",
                          "self:config", "write:databases",
                          "write:liked-queries", "write:semantic-context"));
  EXPECT_THAT(
      NamesOf("api-user"),
      ElementsAre("read:databases", "read:liked-queries",
                  "read:semantic-context", "read:similarity-search-index",
                  "self:access_keys", "self:config", "usage:api",
                  "write:access_key", "write:databases", "write:liked-queries",
                  "write:semantic-context"));
  EXPECT_EQ(NamesOf("admin-user").size(), 16u);
  EXPECT_EQ(NamesOf("org-admin-user").size(), 23u);
  EXPECT_EQ(NamesOf("super-admin-user").size(), 24u);
}

TEST(RoleCatalogTest, RanksFormAChainWithOneSideBranch) {
  const std::vector<std::string> chain = {"trial-user",     "user",
                                          "api-user",       "admin-user",
                                          "org-admin-user", "super-admin-user"};
  for (size_t i = 1; i < chain.size(); ++i) {
    const PermissionSet lower = RoleCatalog::PermissionsOf({chain[i - 1]});
    const PermissionSet higher = RoleCatalog::PermissionsOf({chain[i]});
    EXPECT_TRUE(lower.IsSubsetOf(higher)) << chain[i];
    EXPECT_FALSE(higher.IsSubsetOf(lower)) << chain[i];
  }
  const PermissionSet trial_api =
      RoleCatalog::PermissionsOf({"trial-api-user"});
  EXPECT_FALSE(trial_api.IsSubsetOf(RoleCatalog::PermissionsOf({"user"})));
  EXPECT_TRUE(trial_api.IsSubsetOf(RoleCatalog::PermissionsOf({"api-user"})));
}

TEST(RoleCatalogTest, OnlySuperAdminsHoldWriteOrg) {
  for (const std::string& role : RoleCatalog::AllRoles()) {
    EXPECT_EQ(RoleCatalog::PermissionsOf({role}).Has(Permission::kWriteOrg),
              role == "super-admin-user")
        << role;
  }
}

TEST(RoleCatalogTest, UnknownRolesAddNothing) {
  EXPECT_FALSE(RoleCatalog::IsKnown("root"));
  EXPECT_TRUE(RoleCatalog::IsKnown("user"));
  EXPECT_THAT(NamesOf("root"), IsEmpty());
  EXPECT_EQ(
      RoleCatalog::PermissionsOf({"user", "trial-api-user"}).Names().size(),
      9u);
}

}  // namespace
}  // namespace identity
