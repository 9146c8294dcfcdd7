#include "service/auth/key_ceiling.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/status_matchers.h"
#include "service/auth/role_catalog.h"

namespace identity {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

storage::Credential CredentialOf(std::vector<std::string> roles,
                                 std::optional<std::vector<std::string>> cap) {
  storage::Credential credential;
  credential.user.id = "svc";
  credential.user.roles = std::move(roles);
  credential.key.permission_ceiling = std::move(cap);
  return credential;
}

TEST(KeyCeilingTest, AnUnboundedKeyFollowsItsOwnersRoles) {
  const KeyPrincipal holder =
      KeyHolderOf(CredentialOf({kSuperAdminRole}, std::nullopt));
  EXPECT_EQ(holder.permissions, RoleCatalog::PermissionsOf({kSuperAdminRole}));
  EXPECT_FALSE(holder.ceiling.has_value());
}

TEST(KeyCeilingTest, ACappedKeyGetsTheIntersection) {
  const std::vector<std::string> user_names =
      RoleCatalog::PermissionsOf({"user"}).Names();
  const KeyPrincipal holder =
      KeyHolderOf(CredentialOf({kSuperAdminRole}, user_names));
  EXPECT_EQ(holder.permissions, RoleCatalog::PermissionsOf({"user"}));
  EXPECT_FALSE(holder.permissions.Has(Permission::kWriteOrg));

  // The owner lost what the ceiling allows: the owner's side wins.
  const KeyPrincipal demoted =
      KeyHolderOf(CredentialOf({"trial-user"}, user_names));
  EXPECT_EQ(demoted.permissions, RoleCatalog::PermissionsOf({"trial-user"}));
}

TEST(KeyCeilingTest, AnEmptyCeilingGrantsNothingAndUnknownNamesAreDropped) {
  EXPECT_EQ(KeyHolderOf(CredentialOf({kSuperAdminRole}, {{}})).permissions,
            PermissionSet());
  EXPECT_EQ(KeyHolderOf(CredentialOf({kSuperAdminRole}, {{"write:everything"}}))
                .permissions,
            PermissionSet());
}

TEST(KeyCeilingTest, ParsesAndNamesPermissionLists) {
  EXPECT_THAT(
      ParsePermissionList("permissions", {"read:org", "write:org"}),
      IsOkAndHolds(PermissionSet{Permission::kReadOrg, Permission::kWriteOrg}));
  EXPECT_THAT(
      ParsePermissionList("permissions", {"read:org", std::string(5000, 'x')}),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("permissions")));
  EXPECT_THAT(
      *CeilingNames(PermissionSet{Permission::kWriteOrg, Permission::kReadOrg}),
      ElementsAre("read:org", "write:org"));
  EXPECT_FALSE(CeilingNames(std::nullopt).has_value());
}

}  // namespace
}  // namespace identity
