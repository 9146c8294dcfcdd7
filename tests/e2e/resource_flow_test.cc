// The flows of the original SDK and every RPC's success path and documented
// errors, end to end: real server, real socket, real client, real database.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/time/clock.h"
#include "base/status_matchers.h"
#include "google/protobuf/util/message_differencer.h"
#include "tests/e2e/resource_builders.h"
#include "tests/e2e/server_under_test.h"

namespace identity::testing {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

std::vector<std::string> Ids(const v1::ListUsersResponse& response) {
  std::vector<std::string> ids;
  for (const v1::User& user : response.users()) ids.push_back(user.id());
  return ids;
}

class ResourceFlowTest : public ::testing::Test {
 protected:
  ResourceFlowTest() : admin_(server_.AdminClient()) {}

  void CreateHierarchy(const std::string& org, const std::string& tenant) {
    server_.CreateOrgAndTenant(org, tenant);
  }

  ServerUnderTest server_;
  Client admin_;
};

TEST_F(ResourceFlowTest, AdminSeesItselfInUserInfo) {
  absl::StatusOr<v1::GetUserInfoResponse> info = admin_.GetUserInfo();
  ASSERT_THAT(info, IsOk());
  EXPECT_EQ(info->id(), "admin");
  EXPECT_EQ(info->org_id(), "root");
  EXPECT_EQ(info->tenant_id(), "root");
  EXPECT_THAT(info->roles(), ElementsAre("super-admin-user"));
  EXPECT_EQ(info->permissions_size(), 24);
  EXPECT_THAT(info->impersonator_id(), IsEmpty());
}

TEST_F(ResourceFlowTest, OrgLifecycle) {
  v1::Org org = OrgProto("o1", "My Org");
  (*org.mutable_variables()->mutable_fields())["tier"].set_string_value("gold");
  absl::StatusOr<v1::Org> created = admin_.CreateOrg(org);
  ASSERT_THAT(created, IsOk());
  EXPECT_EQ(created->name(), "My Org");
  EXPECT_EQ(created->variables().fields().at("tier").string_value(), "gold");
  EXPECT_TRUE(created->has_create_time());
  EXPECT_FALSE(created->etag().empty());

  EXPECT_THAT(admin_.CreateOrg(OrgProto("o1", "again")),
              StatusIs(absl::StatusCode::kAlreadyExists));
  absl::StatusOr<v1::Org> read = admin_.GetOrg("o1");
  ASSERT_THAT(read, IsOk());
  EXPECT_TRUE(MessageDifferencer::Equals(*read, *created));
  EXPECT_THAT(admin_.GetOrg("nope"), StatusIs(absl::StatusCode::kNotFound));

  // No mask: only the fields that are set change; variables stay.
  absl::StatusOr<v1::Org> renamed = admin_.UpdateOrg(OrgProto("o1", "Renamed"));
  ASSERT_THAT(renamed, IsOk());
  EXPECT_EQ(renamed->name(), "Renamed");
  EXPECT_EQ(renamed->variables().fields().at("tier").string_value(), "gold");
  EXPECT_NE(renamed->etag(), created->etag());

  // A stale etag loses, and changes nothing.
  v1::Org stale = OrgProto("o1", "Lost");
  stale.set_etag(created->etag());
  EXPECT_THAT(admin_.UpdateOrg(stale), StatusIs(absl::StatusCode::kAborted));
  EXPECT_EQ(admin_.GetOrg("o1")->name(), "Renamed");

  // The mask clears a field that is named but not set.
  v1::Org current = OrgProto("o1");
  current.set_etag(renamed->etag());
  absl::StatusOr<v1::Org> cleared =
      admin_.UpdateOrg(current, MaskOf({"variables"}));
  ASSERT_THAT(cleared, IsOk());
  EXPECT_EQ(cleared->variables().fields_size(), 0);
  EXPECT_EQ(cleared->name(), "Renamed");
  EXPECT_THAT(admin_.UpdateOrg(OrgProto("o1", "x"), MaskOf({"id"})),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(admin_.UpdateOrg(OrgProto("nope", "x")),
              StatusIs(absl::StatusCode::kNotFound));

  absl::StatusOr<v1::ListOrgsResponse> list = admin_.ListOrgs();
  ASSERT_THAT(list, IsOk());
  ASSERT_EQ(list->orgs_size(), 2);  // root and o1
  EXPECT_EQ(list->orgs(0).id(), "o1");
  EXPECT_EQ(list->orgs(1).id(), "root");
  EXPECT_THAT(list->next_page_token(), IsEmpty());

  EXPECT_THAT(admin_.DeleteOrg("o1"), IsOk());
  EXPECT_THAT(admin_.GetOrg("o1"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(admin_.DeleteOrg("o1"), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(ResourceFlowTest, TenantNeedsItsOrgFirst) {
  EXPECT_THAT(admin_.CreateTenant(TenantProto("t1", "o1")),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(admin_.GetTenant("t1"), StatusIs(absl::StatusCode::kNotFound));
  ASSERT_THAT(admin_.CreateOrg(OrgProto("o1")), IsOk());
  absl::StatusOr<v1::Tenant> tenant =
      admin_.CreateTenant(TenantProto("t1", "o1"));
  ASSERT_THAT(tenant, IsOk());
  EXPECT_EQ(tenant->org_id(), "o1");
  EXPECT_THAT(admin_.CreateTenant(TenantProto("t1", "o1")),
              StatusIs(absl::StatusCode::kAlreadyExists));
}

TEST_F(ResourceFlowTest, TenantLifecycle) {
  CreateHierarchy("o1", "t1");
  v1::Tenant update = TenantProto("t1", "");
  update.set_name("Tenant One");
  absl::StatusOr<v1::Tenant> renamed = admin_.UpdateTenant(update);
  ASSERT_THAT(renamed, IsOk());
  EXPECT_EQ(renamed->name(), "Tenant One");
  EXPECT_EQ(admin_.GetTenant("t1")->name(), "Tenant One");

  v1::Tenant move = TenantProto("t1", "root");
  move.set_name("x");
  EXPECT_THAT(admin_.UpdateTenant(move),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(admin_.GetTenant("t1")->org_id(), "o1");

  v1::Tenant stale = TenantProto("t1", "");
  stale.set_name("y");
  stale.set_etag("999");
  EXPECT_THAT(admin_.UpdateTenant(stale), StatusIs(absl::StatusCode::kAborted));

  v1::ListTenantsRequest by_org;
  by_org.set_lookup_org_id("o1");
  absl::StatusOr<v1::ListTenantsResponse> tenants = admin_.ListTenants(by_org);
  ASSERT_THAT(tenants, IsOk());
  ASSERT_EQ(tenants->tenants_size(), 1);
  EXPECT_EQ(tenants->tenants(0).id(), "t1");

  EXPECT_THAT(admin_.DeleteTenant("t1"), IsOk());
  EXPECT_THAT(admin_.DeleteTenant("t1"), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(ResourceFlowTest, ListTenantsDefaultsToTheCallersOrg) {
  CreateHierarchy("o1", "t1");
  absl::StatusOr<v1::ListTenantsResponse> mine = admin_.ListTenants();
  ASSERT_THAT(mine, IsOk());
  ASSERT_EQ(mine->tenants_size(), 1);
  EXPECT_EQ(mine->tenants(0).id(), "root");

  Client org_admin = server_.ClientFor(
      server_.CreateUserWithKey("o1", "t1", "boss", {"org-admin-user"}));
  absl::StatusOr<v1::ListTenantsResponse> theirs = org_admin.ListTenants();
  ASSERT_THAT(theirs, IsOk());
  ASSERT_EQ(theirs->tenants_size(), 1);
  EXPECT_EQ(theirs->tenants(0).id(), "t1");
}

TEST_F(ResourceFlowTest, UserNeedsTenantAndOrgFirst) {
  EXPECT_THAT(admin_.CreateUser(UserProto("u1", "t1", "o1")),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  ASSERT_THAT(admin_.CreateOrg(OrgProto("o1")), IsOk());
  EXPECT_THAT(admin_.CreateUser(UserProto("u1", "t1", "o1")),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  ASSERT_THAT(admin_.CreateTenant(TenantProto("t1", "o1")), IsOk());

  // The tenant belongs to o1, not root.
  absl::StatusOr<v1::User> wrong_org =
      admin_.CreateUser(UserProto("u1", "t1", "root"));
  EXPECT_THAT(wrong_org, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(std::string(wrong_org.status().message()),
              ::testing::HasSubstr("user.tenant_id"));
  EXPECT_THAT(admin_.GetUser("u1"), StatusIs(absl::StatusCode::kNotFound));

  // Without org_id the org comes from the tenant.
  absl::StatusOr<v1::User> user =
      admin_.CreateUser(UserProto("jack@myco.com", "t1", "", {"trial-user"}));
  ASSERT_THAT(user, IsOk());
  EXPECT_EQ(user->org_id(), "o1");
  EXPECT_THAT(user->roles(), ElementsAre("trial-user"));
  EXPECT_THAT(admin_.CreateUser(UserProto("jack@myco.com", "t1")),
              StatusIs(absl::StatusCode::kAlreadyExists));
}

TEST_F(ResourceFlowTest, UserLifecycle) {
  CreateHierarchy("o1", "t1");
  v1::User jack = UserProto("jack", "t1", "o1", {"user"});
  jack.set_name("Jack");
  jack.set_email("jack@myco.com");
  ASSERT_THAT(admin_.CreateUser(jack), IsOk());

  v1::User update = UserProto("jack", "");
  update.add_roles("api-user");
  absl::StatusOr<v1::User> promoted = admin_.UpdateUser(update);
  ASSERT_THAT(promoted, IsOk());
  EXPECT_THAT(promoted->roles(), ElementsAre("api-user"));
  EXPECT_EQ(promoted->name(), "Jack");
  EXPECT_EQ(promoted->email(), "jack@myco.com");

  v1::User unknown_role = UserProto("jack", "");
  unknown_role.add_roles("wizard");
  absl::StatusOr<v1::User> rejected = admin_.UpdateUser(unknown_role);
  EXPECT_THAT(rejected, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(std::string(rejected.status().message()),
              ::testing::HasSubstr("user.roles"));
  EXPECT_THAT(admin_.GetUser("jack")->roles(), ElementsAre("api-user"));

  v1::User moved = UserProto("jack", "root");
  moved.set_name("x");
  EXPECT_THAT(admin_.UpdateUser(moved),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(
      admin_.UpdateUser(UserProto("ghost", "")),
      StatusIs(absl::StatusCode::kInvalidArgument));  // nothing to update
  v1::User ghost = UserProto("ghost", "");
  ghost.set_name("Ghost");
  EXPECT_THAT(admin_.UpdateUser(ghost), StatusIs(absl::StatusCode::kNotFound));

  EXPECT_THAT(admin_.DeleteUser("jack"), IsOk());
  EXPECT_THAT(admin_.GetUser("jack"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(admin_.DeleteUser("jack"), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(ResourceFlowTest, EveryoneReadsItself) {
  CreateHierarchy("o1", "t1");
  Client jack = server_.ClientFor(
      server_.CreateUserWithKey("o1", "t1", "jack", {"trial-user"}));
  absl::StatusOr<v1::User> me = jack.GetUser("jack");
  ASSERT_THAT(me, IsOk());
  EXPECT_EQ(me->tenant_id(), "t1");
  absl::StatusOr<v1::GetUserInfoResponse> info = jack.GetUserInfo();
  ASSERT_THAT(info, IsOk());
  EXPECT_EQ(info->id(), "jack");
  EXPECT_THAT(
      info->permissions(),
      ElementsAre("read:databases", "read:liked-queries",
                  "read:semantic-context", "self:access_keys", "self:config"));
}

TEST_F(ResourceFlowTest, DeleteWithChildrenNeedsForce) {
  CreateHierarchy("o1", "t1");
  std::string key = server_.CreateUserWithKey("o1", "t1", "jack", {"api-user"});
  Client jack = server_.ClientFor(key);
  ASSERT_THAT(jack.GetUserInfo(), IsOk());

  EXPECT_THAT(admin_.DeleteOrg("o1"),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(admin_.DeleteTenant("t1"),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(admin_.GetUser("jack"), IsOk());

  EXPECT_THAT(admin_.DeleteOrg("o1", /*force=*/true), IsOk());
  EXPECT_THAT(admin_.GetOrg("o1"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(admin_.GetTenant("t1"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(admin_.GetUser("jack"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(jack.GetUserInfo(), StatusIs(absl::StatusCode::kUnauthenticated));
}

TEST_F(ResourceFlowTest, ForcedTenantDeleteStopsItsKeys) {
  CreateHierarchy("o1", "t1");
  Client jack = server_.ClientFor(
      server_.CreateUserWithKey("o1", "t1", "jack", {"user"}));
  ASSERT_THAT(jack.GetUserInfo(), IsOk());
  EXPECT_THAT(admin_.DeleteTenant("t1", /*force=*/true), IsOk());
  EXPECT_THAT(jack.GetUserInfo(), StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(admin_.GetOrg("o1"), IsOk());
}

TEST_F(ResourceFlowTest, ListUsersFiltersByOrgTenantAndUser) {
  CreateHierarchy("o1", "t1");
  ASSERT_THAT(admin_.CreateTenant(TenantProto("t2", "o1")), IsOk());
  CreateHierarchy("o2", "t3");
  ASSERT_THAT(admin_.CreateUser(UserProto("a", "t1")), IsOk());
  ASSERT_THAT(admin_.CreateUser(UserProto("b", "t2")), IsOk());
  ASSERT_THAT(admin_.CreateUser(UserProto("c", "t3")), IsOk());

  v1::ListUsersRequest request;
  request.set_lookup_org_id("o1");
  EXPECT_THAT(Ids(*admin_.ListUsers(request)), ElementsAre("a", "b"));
  request.set_lookup_tenant_id("t2");
  EXPECT_THAT(Ids(*admin_.ListUsers(request)), ElementsAre("b"));
  request.clear_lookup_tenant_id();
  request.set_lookup_user_id("a");
  EXPECT_THAT(Ids(*admin_.ListUsers(request)), ElementsAre("a"));
  request.set_lookup_user_id("c");  // c is in o2
  EXPECT_THAT(Ids(*admin_.ListUsers(request)), IsEmpty());

  // A super admin narrowing by tenant searches every org.
  v1::ListUsersRequest by_tenant;
  by_tenant.set_lookup_tenant_id("t3");
  EXPECT_THAT(Ids(*admin_.ListUsers(by_tenant)), ElementsAre("c"));
  // Without filters: the caller's org.
  EXPECT_THAT(Ids(*admin_.ListUsers()), ElementsAre("admin"));
}

TEST_F(ResourceFlowTest, ListsArePaginated) {
  CreateHierarchy("o1", "t1");
  for (int i = 0; i < 5; ++i) {
    ASSERT_THAT(admin_.CreateUser(UserProto("u" + std::to_string(i), "t1")),
                IsOk());
  }
  v1::ListUsersRequest request;
  request.set_lookup_org_id("o1");
  request.set_page_size(2);
  std::vector<std::string> seen;
  int pages = 0;
  do {
    absl::StatusOr<v1::ListUsersResponse> page = admin_.ListUsers(request);
    ASSERT_THAT(page, IsOk());
    EXPECT_LE(page->users_size(), 2);
    for (const std::string& id : Ids(*page)) seen.push_back(id);
    request.set_page_token(page->next_page_token());
    ++pages;
  } while (!request.page_token().empty());
  EXPECT_EQ(pages, 3);
  EXPECT_THAT(seen, ElementsAre("u0", "u1", "u2", "u3", "u4"));

  request.set_page_size(-1);
  absl::StatusOr<v1::ListUsersResponse> negative = admin_.ListUsers(request);
  EXPECT_THAT(negative, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(std::string(negative.status().message()),
              ::testing::HasSubstr("page_size"));
  request.set_page_size(5000);  // lowered to 1,000, not refused
  request.clear_page_token();
  EXPECT_EQ(admin_.ListUsers(request)->users_size(), 5);
  request.set_page_token("not-a-token");
  absl::StatusOr<v1::ListUsersResponse> bad = admin_.ListUsers(request);
  EXPECT_THAT(bad, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(std::string(bad.status().message()),
              ::testing::HasSubstr("page_token"));
}

TEST_F(ResourceFlowTest, UpdateConfigSetsDeletesAndReturnsAll) {
  CreateHierarchy("o1", "t1");
  Client jack = server_.ClientFor(
      server_.CreateUserWithKey("o1", "t1", "jack", {"trial-user"}));

  absl::StatusOr<v1::UpdateConfigResponse> empty = jack.UpdateConfig();
  ASSERT_THAT(empty, IsOk());
  EXPECT_EQ(empty->configs().fields_size(), 0);

  v1::UpdateConfigRequest set;
  (*set.mutable_updated()->mutable_fields())["key1"].set_string_value("value1");
  (*set.mutable_updated()->mutable_fields())["key2"].set_number_value(2);
  absl::StatusOr<v1::UpdateConfigResponse> after_set = jack.UpdateConfig(set);
  ASSERT_THAT(after_set, IsOk());
  EXPECT_EQ(after_set->configs().fields().at("key1").string_value(), "value1");
  EXPECT_EQ(after_set->configs().fields().at("key2").number_value(), 2);

  v1::UpdateConfigRequest remove;
  remove.add_deleted("key1");
  remove.add_deleted("never-set");
  absl::StatusOr<v1::UpdateConfigResponse> after_delete =
      jack.UpdateConfig(remove);
  ASSERT_THAT(after_delete, IsOk());
  ASSERT_EQ(after_delete->configs().fields_size(), 1);
  EXPECT_EQ(after_delete->configs().fields().count("key2"), 1);

  // An empty request reads; another user's config is separate.
  EXPECT_EQ(jack.UpdateConfig()->configs().fields_size(), 1);
  EXPECT_EQ(admin_.UpdateConfig()->configs().fields_size(), 0);
}

TEST_F(ResourceFlowTest, AccessKeyLifecycle) {
  CreateHierarchy("o1", "t1");
  Client jack = server_.ClientFor(
      server_.CreateUserWithKey("o1", "t1", "jack", {"api-user"}));

  v1::CreateAccessKeyRequest create;
  create.set_name("ci-key");
  create.set_description("for CI");
  absl::StatusOr<v1::AccessKey> key = jack.CreateAccessKey(create);
  ASSERT_THAT(key, IsOk());
  EXPECT_EQ(key->user_id(), "jack");
  EXPECT_EQ(key->access_key().rfind("idk_", 0), 0u);
  EXPECT_EQ(key->access_key().rfind(key->key_prefix(), 0), 0u);
  EXPECT_LT(key->key_prefix().size(), key->access_key().size());
  EXPECT_THAT(jack.CreateAccessKey(create),
              StatusIs(absl::StatusCode::kAlreadyExists));

  // Listed without the secret, with its prefix.
  absl::StatusOr<v1::ListAccessKeysResponse> keys = jack.ListAccessKeys();
  ASSERT_THAT(keys, IsOk());
  ASSERT_EQ(keys->access_keys_size(), 2);  // the fixture's and ci-key
  const v1::AccessKey& listed = keys->access_keys(0);
  EXPECT_EQ(listed.name(), "ci-key");
  EXPECT_THAT(listed.access_key(), IsEmpty());
  EXPECT_EQ(listed.key_prefix(), key->key_prefix());
  EXPECT_EQ(listed.description(), "for CI");

  // Call with it; the use shows in last_used_time.
  Client with_new_key = server_.ClientFor(key->access_key());
  absl::StatusOr<v1::GetUserInfoResponse> info = with_new_key.GetUserInfo();
  ASSERT_THAT(info, IsOk());
  EXPECT_EQ(info->id(), "jack");
  keys = jack.ListAccessKeys();
  ASSERT_THAT(keys, IsOk());
  EXPECT_TRUE(keys->access_keys(0).has_last_used_time());

  // Delete it: the next call with it is refused.
  v1::DeleteAccessKeysRequest remove;
  remove.add_names("ci-key");
  ASSERT_THAT(jack.DeleteAccessKeys(remove), IsOk());
  EXPECT_THAT(with_new_key.GetUserInfo(),
              StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(jack.DeleteAccessKeys(remove),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(jack.ListAccessKeys()->access_keys_size(), 1);
}

TEST_F(ResourceFlowTest, DeletingUnknownKeyNamesDeletesNothing) {
  CreateHierarchy("o1", "t1");
  Client jack = server_.ClientFor(
      server_.CreateUserWithKey("o1", "t1", "jack", {"api-user"}));
  v1::DeleteAccessKeysRequest remove;
  remove.add_names("test-key");
  remove.add_names("missing");
  EXPECT_THAT(jack.DeleteAccessKeys(remove),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(jack.GetUserInfo(), IsOk());
  EXPECT_THAT(admin_.DeleteAccessKeys(v1::DeleteAccessKeysRequest()),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(ResourceFlowTest, AdminManagesAnotherUsersKeys) {
  CreateHierarchy("o1", "t1");
  ASSERT_THAT(admin_.CreateUser(UserProto("svc", "t1", "o1", {"user"})),
              IsOk());
  v1::CreateAccessKeyRequest create;
  create.set_name("deploy");
  create.set_user_id("svc");
  absl::StatusOr<v1::AccessKey> key = admin_.CreateAccessKey(create);
  ASSERT_THAT(key, IsOk());
  EXPECT_EQ(key->user_id(), "svc");

  v1::ListAccessKeysRequest list;
  list.set_user_id("svc");
  absl::StatusOr<v1::ListAccessKeysResponse> keys = admin_.ListAccessKeys(list);
  ASSERT_THAT(keys, IsOk());
  ASSERT_EQ(keys->access_keys_size(), 1);
  EXPECT_EQ(keys->access_keys(0).name(), "deploy");

  // A user without write:access_key cannot make its own keys.
  Client svc = server_.ClientFor(key->access_key());
  v1::CreateAccessKeyRequest own;
  own.set_name("mine");
  EXPECT_THAT(svc.CreateAccessKey(own),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_EQ(svc.ListAccessKeys()->access_keys_size(), 1);

  create.set_user_id("ghost");
  EXPECT_THAT(admin_.CreateAccessKey(create),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(ResourceFlowTest, ExpiredKeyIsRefused) {
  CreateHierarchy("o1", "t1");
  ASSERT_THAT(admin_.CreateUser(UserProto("svc", "t1", "o1", {"user"})),
              IsOk());
  v1::CreateAccessKeyRequest create;
  create.set_name("short");
  create.set_user_id("svc");
  const absl::Time expiry = absl::Now() + absl::Seconds(2);
  create.mutable_expire_time()->set_seconds(absl::ToUnixSeconds(expiry));
  absl::StatusOr<v1::AccessKey> key = admin_.CreateAccessKey(create);
  ASSERT_THAT(key, IsOk());
  Client svc = server_.ClientFor(key->access_key());
  absl::SleepFor(absl::FromUnixSeconds(absl::ToUnixSeconds(expiry)) -
                 absl::Now() + absl::Milliseconds(200));
  EXPECT_THAT(svc.GetUserInfo(), StatusIs(absl::StatusCode::kUnauthenticated));

  create.set_name("past");
  create.mutable_expire_time()->set_seconds(absl::ToUnixSeconds(absl::Now()) -
                                            60);
  EXPECT_THAT(admin_.CreateAccessKey(create),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace identity::testing
