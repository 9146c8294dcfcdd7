// Access key ceilings end to end:
// a key minted for someone else does not grow when its owner is promoted,
// least-privilege keys do only what they asked for, a capped key cannot mint
// its way out of its cap, and ListAccessKeys shows ceiling and issuer.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/status_matchers.h"
#include "tests/e2e/resource_builders.h"
#include "tests/e2e/server_under_test.h"

namespace identity::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::IsEmpty;
using ::testing::SizeIs;

constexpr char kOrg[] = "acme";
constexpr char kTenant[] = "acme-t";

// The permissions of role `user`, written out so that the test's
// expectations do not come from the code under test.
const std::vector<std::string> kUserPermissions = {
    "read:databases",        "read:liked-queries",
    "read:semantic-context", "self:access_keys",
    "self:config",           "write:databases",
    "write:liked-queries",   "write:semantic-context",
};

std::vector<std::string> PermissionsOf(const Client& client) {
  absl::StatusOr<v1::GetUserInfoResponse> info = client.GetUserInfo();
  EXPECT_THAT(info, IsOk());
  if (!info.ok()) return {};
  return {info->permissions().begin(), info->permissions().end()};
}

v1::CreateAccessKeyRequest KeyRequest(
    const std::string& name, const std::string& user_id = "",
    const std::vector<std::string>& permissions = {}) {
  v1::CreateAccessKeyRequest request;
  request.set_name(name);
  request.set_user_id(user_id);
  for (const std::string& p : permissions) request.add_permissions(p);
  return request;
}

class KeyCeilingTest : public ::testing::Test {
 protected:
  KeyCeilingTest()
      : admin_(server_.AdminClient()),
        org_admin_(server_.ClientFor(server_.CreateUserWithKey(
            kOrg, kTenant, "olga", {"org-admin-user"}))) {}

  // Creates `user_id` through the org admin and returns a key the org admin
  // mints for it.
  std::string OrgAdminMintsUserWithKey(const std::string& user_id,
                                       const std::string& role) {
    EXPECT_THAT(org_admin_.CreateUser(UserProto(user_id, kTenant, "", {role})),
                IsOk());
    absl::StatusOr<v1::AccessKey> key =
        org_admin_.CreateAccessKey(KeyRequest("minted", user_id));
    EXPECT_THAT(key, IsOk());
    return key.ok() ? key->access_key() : "";
  }

  void Promote(const std::string& user_id, const std::string& role) {
    EXPECT_THAT(admin_.UpdateUser(UserProto(user_id, kTenant, "", {role}),
                                  MaskOf({"roles"})),
                IsOk());
  }

  ServerUnderTest server_;
  Client admin_;
  Client org_admin_;
};

TEST_F(KeyCeilingTest, AKeyMintedForAUserDoesNotGrowWhenTheUserIsPromoted) {
  const std::string minted = OrgAdminMintsUserWithKey("svc", "user");
  Client held_by_org_admin = server_.ClientFor(minted);
  EXPECT_THAT(PermissionsOf(held_by_org_admin),
              ElementsAreArray(kUserPermissions));

  Promote("svc", "super-admin-user");

  absl::StatusOr<v1::GetUserInfoResponse> info =
      held_by_org_admin.GetUserInfo();
  ASSERT_THAT(info, IsOk());
  EXPECT_THAT(info->roles(), ElementsAre("super-admin-user"));
  EXPECT_THAT(info->permissions(), ElementsAreArray(kUserPermissions));
  EXPECT_THAT(held_by_org_admin.CreateOrg(OrgProto("stolen")),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(admin_.GetOrg("stolen"), StatusIs(absl::StatusCode::kNotFound));

  // After the promotion, a key the super admin mints, and one svc mints
  // itself with it, carry the full set.
  absl::StatusOr<v1::AccessKey> from_admin =
      admin_.CreateAccessKey(KeyRequest("from-admin", "svc"));
  ASSERT_THAT(from_admin, IsOk());
  Client svc = server_.ClientFor(from_admin->access_key());
  absl::StatusOr<v1::AccessKey> own = svc.CreateAccessKey(KeyRequest("own"));
  ASSERT_THAT(own, IsOk());
  Client svc_own = server_.ClientFor(own->access_key());
  EXPECT_THAT(PermissionsOf(svc_own), SizeIs(24));
  EXPECT_THAT(svc_own.CreateOrg(OrgProto("svc-org")), IsOk());
}

TEST_F(KeyCeilingTest, ACappedKeyCannotMintAnUncappedOne) {
  const std::string minted = OrgAdminMintsUserWithKey("svc", "api-user");
  absl::StatusOr<v1::AccessKey> own =
      server_.ClientFor(minted).CreateAccessKey(KeyRequest("own"));
  ASSERT_THAT(own, IsOk());
  ASSERT_TRUE(own->has_permission_ceiling());
  EXPECT_EQ(own->issuer_id(), "svc");

  Promote("svc", "super-admin-user");

  Client through_own = server_.ClientFor(own->access_key());
  EXPECT_THAT(PermissionsOf(through_own), SizeIs(11));  // api-user's
  EXPECT_THAT(through_own.CreateOrg(OrgProto("stolen")),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

TEST_F(KeyCeilingTest, AKeyMintedByItsOwnerWithAnUnboundedKeyIsUnbounded) {
  absl::StatusOr<v1::AccessKey> own = admin_.CreateAccessKey(KeyRequest("own"));
  ASSERT_THAT(own, IsOk());
  EXPECT_FALSE(own->has_permission_ceiling());
  EXPECT_EQ(own->issuer_id(), "admin");
  EXPECT_THAT(PermissionsOf(server_.ClientFor(own->access_key())), SizeIs(24));
}

TEST_F(KeyCeilingTest, LeastPrivilegeKeysDoOnlyWhatTheyAskedFor) {
  absl::StatusOr<v1::AccessKey> narrow = admin_.CreateAccessKey(
      KeyRequest("reader", "", {"read:org", "read:databases"}));
  ASSERT_THAT(narrow, IsOk());
  EXPECT_THAT(narrow->permission_ceiling().permissions(),
              ElementsAre("read:databases", "read:org"));
  Client reader = server_.ClientFor(narrow->access_key());
  EXPECT_THAT(PermissionsOf(reader), ElementsAre("read:databases", "read:org"));
  EXPECT_THAT(reader.GetOrg("root"), IsOk());
  EXPECT_THAT(reader.CreateOrg(OrgProto("nope")),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(reader.CreateAccessKey(KeyRequest("more")),
              StatusIs(absl::StatusCode::kPermissionDenied));

  // Unknown names are bad input; names the caller lacks are refused; both
  // write nothing.
  EXPECT_THAT(admin_.CreateAccessKey(KeyRequest("bad", "", {"write:all"})),
              StatusIs(absl::StatusCode::kInvalidArgument));
  OrgAdminMintsUserWithKey("svc", "user");
  EXPECT_THAT(
      org_admin_.CreateAccessKey(KeyRequest("too-much", "svc", {"write:org"})),
      StatusIs(absl::StatusCode::kPermissionDenied));
  v1::ListAccessKeysRequest list;
  list.set_user_id("svc");
  absl::StatusOr<v1::ListAccessKeysResponse> keys = admin_.ListAccessKeys(list);
  ASSERT_THAT(keys, IsOk());
  EXPECT_THAT(keys->access_keys(), SizeIs(1));
}

TEST_F(KeyCeilingTest, ImpersonationThroughACappedKeyIsBoundedByTheCap) {
  EXPECT_THAT(org_admin_.CreateUser(UserProto("target", kTenant, "", {"user"})),
              IsOk());
  absl::StatusOr<v1::AccessKey> narrow = org_admin_.CreateAccessKey(
      KeyRequest("narrow", "", {"usage:impersonation", "read:databases"}));
  ASSERT_THAT(narrow, IsOk());
  Client capped = server_.ClientFor(narrow->access_key()).AsUser("target");
  EXPECT_THAT(capped.GetUserInfo(),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(org_admin_.AsUser("target").GetUserInfo(), IsOk());
}

TEST_F(KeyCeilingTest, ListAccessKeysShowsCeilingAndIssuer) {
  OrgAdminMintsUserWithKey("svc", "user");
  v1::ListAccessKeysRequest list;
  list.set_user_id("svc");
  absl::StatusOr<v1::ListAccessKeysResponse> keys =
      org_admin_.ListAccessKeys(list);
  ASSERT_THAT(keys, IsOk());
  ASSERT_THAT(keys->access_keys(), SizeIs(1));
  const v1::AccessKey& key = keys->access_keys(0);
  EXPECT_EQ(key.issuer_id(), "olga");
  EXPECT_THAT(key.permission_ceiling().permissions(),
              ElementsAreArray(kUserPermissions));
  EXPECT_THAT(key.access_key(), IsEmpty());
}

// The review found a key limited to read:databases deleting its owner's
// other keys, rewriting its config and listing every key: self-service is
// now permissions like the others, held by a capped key only if it names
// them.
TEST_F(KeyCeilingTest, SelfServiceNeedsTheKeyToNameIt) {
  const std::string own_key =
      server_.CreateUserWithKey(kOrg, kTenant, "sam", {"api-user"});
  Client sam = server_.ClientFor(own_key);
  v1::UpdateConfigRequest set;
  (*set.mutable_updated()->mutable_fields())["theme"].set_string_value("dark");
  ASSERT_THAT(sam.UpdateConfig(set), IsOk());
  absl::StatusOr<v1::AccessKey> reader =
      sam.CreateAccessKey(KeyRequest("reader", "", {"read:databases"}));
  ASSERT_THAT(reader, IsOk());
  Client with_reader = server_.ClientFor(reader->access_key());

  v1::DeleteAccessKeysRequest remove;
  remove.add_names("test-key");
  EXPECT_THAT(with_reader.DeleteAccessKeys(remove),
              StatusIs(absl::StatusCode::kPermissionDenied));
  v1::UpdateConfigRequest overwrite;
  (*overwrite.mutable_updated()->mutable_fields())["theme"].set_string_value(
      "light");
  EXPECT_THAT(with_reader.UpdateConfig(overwrite),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(with_reader.UpdateConfig(),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(with_reader.ListAccessKeys(),
              StatusIs(absl::StatusCode::kPermissionDenied));
  // Who it is stays open to every key.
  EXPECT_THAT(with_reader.GetUserInfo(), IsOk());
  EXPECT_THAT(with_reader.GetUser("sam"), IsOk());

  // Nothing changed: both keys, and the config as sam set it.
  absl::StatusOr<v1::ListAccessKeysResponse> keys = sam.ListAccessKeys();
  ASSERT_THAT(keys, IsOk());
  EXPECT_EQ(keys->access_keys_size(), 2);
  absl::StatusOr<v1::UpdateConfigResponse> config = sam.UpdateConfig();
  ASSERT_THAT(config, IsOk());
  EXPECT_EQ(config->configs().fields().at("theme").string_value(), "dark");

  // A key that names them holds them.
  absl::StatusOr<v1::AccessKey> manager = sam.CreateAccessKey(
      KeyRequest("manager", "", {"self:config", "self:access_keys"}));
  ASSERT_THAT(manager, IsOk());
  Client with_manager = server_.ClientFor(manager->access_key());
  EXPECT_THAT(with_manager.UpdateConfig(overwrite), IsOk());
  remove.clear_names();
  remove.add_names("reader");
  EXPECT_THAT(with_manager.DeleteAccessKeys(remove), IsOk());
  keys = sam.ListAccessKeys();
  ASSERT_THAT(keys, IsOk());
  EXPECT_EQ(keys->access_keys_size(), 2);
}

}  // namespace
}  // namespace identity::testing
