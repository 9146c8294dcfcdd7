// Every RPC that can name a missing resource says which one with its own
// reason (ORG_NOT_FOUND, TENANT_NOT_FOUND, USER_NOT_FOUND,
// ACCESS_KEY_NOT_FOUND), never the bare NOT_FOUND: README.md tells clients to
// branch on reasons. Called by the super admin, who acts in every org and so
// learns that a resource is missing instead of PERMISSION_DENIED. The methods
// are read from the services' descriptors, so a new RPC needs a case here.
#include <gmock/gmock.h>
#include <google/protobuf/descriptor.h>
#include <gtest/gtest.h>

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "base/status_matchers.h"
#include "service/grpc/served_methods.h"
#include "tests/e2e/resource_builders.h"
#include "tests/e2e/server_under_test.h"

namespace identity::testing {
namespace {

template <typename T>
absl::Status StatusOf(const absl::StatusOr<T>& result) {
  return result.status();
}

struct NotFoundCase {
  std::string method;  // e.g. "GetOrg"
  std::string missing;
  absl::StatusCode code;
  std::string reason;
  std::function<absl::Status(const Client&)> call;
};

// What each RPC answers when the resource it names is missing: NOT_FOUND
// for the one it acts on, FAILED_PRECONDITION for a missing parent.
std::vector<NotFoundCase> Cases() {
  using Code = absl::StatusCode;
  v1::CreateAccessKeyRequest key_of_nope;
  key_of_nope.set_name("k9");
  key_of_nope.set_user_id("nope");
  v1::ListAccessKeysRequest keys_of_nope;
  keys_of_nope.set_user_id("nope");
  v1::DeleteAccessKeysRequest delete_key_nope;
  delete_key_nope.set_user_id("u1");
  delete_key_nope.add_names("nope");
  v1::DeleteAccessKeysRequest delete_key_of_nope;
  delete_key_of_nope.set_user_id("nope");
  delete_key_of_nope.add_names("k1");
  v1::RotateAccessKeyRequest rotate_key_nope;
  rotate_key_nope.set_user_id("u1");
  rotate_key_nope.set_name("nope");
  v1::RotateAccessKeyRequest rotate_key_of_nope;
  rotate_key_of_nope.set_user_id("nope");
  rotate_key_of_nope.set_name("k1");
  return {
      {"GetOrg", "org", Code::kNotFound, "ORG_NOT_FOUND",
       [](const Client& c) { return StatusOf(c.GetOrg("nope")); }},
      {"UpdateOrg", "org", Code::kNotFound, "ORG_NOT_FOUND",
       [](const Client& c) {
         return StatusOf(c.UpdateOrg(OrgProto("nope", "Nope")));
       }},
      {"DeleteOrg", "org", Code::kNotFound, "ORG_NOT_FOUND",
       [](const Client& c) { return c.DeleteOrg("nope"); }},
      {"CreateTenant", "its org", Code::kFailedPrecondition, "ORG_NOT_FOUND",
       [](const Client& c) {
         return StatusOf(c.CreateTenant(TenantProto("t9", "nope")));
       }},
      {"GetTenant", "tenant", Code::kNotFound, "TENANT_NOT_FOUND",
       [](const Client& c) { return StatusOf(c.GetTenant("nope")); }},
      {"UpdateTenant", "tenant", Code::kNotFound, "TENANT_NOT_FOUND",
       [](const Client& c) {
         return StatusOf(c.UpdateTenant(TenantProto("nope", "", "Nope")));
       }},
      {"DeleteTenant", "tenant", Code::kNotFound, "TENANT_NOT_FOUND",
       [](const Client& c) { return c.DeleteTenant("nope"); }},
      {"CreateUser", "its tenant", Code::kFailedPrecondition,
       "TENANT_NOT_FOUND",
       [](const Client& c) {
         return StatusOf(c.CreateUser(UserProto("u9", "nope", "", {"user"})));
       }},
      {"GetUser", "user", Code::kNotFound, "USER_NOT_FOUND",
       [](const Client& c) { return StatusOf(c.GetUser("nope")); }},
      {"UpdateUser", "user", Code::kNotFound, "USER_NOT_FOUND",
       [](const Client& c) {
         v1::User user = UserProto("nope", "");
         user.set_name("Nope");
         return StatusOf(c.UpdateUser(user, MaskOf({"name"})));
       }},
      {"DeleteUser", "user", Code::kNotFound, "USER_NOT_FOUND",
       [](const Client& c) { return c.DeleteUser("nope"); }},
      {"CreateAccessKey", "its user", Code::kNotFound, "USER_NOT_FOUND",
       [=](const Client& c) {
         return StatusOf(c.CreateAccessKey(key_of_nope));
       }},
      {"ListAccessKeys", "the user", Code::kNotFound, "USER_NOT_FOUND",
       [=](const Client& c) {
         return StatusOf(c.ListAccessKeys(keys_of_nope));
       }},
      {"DeleteAccessKeys", "key", Code::kNotFound, "ACCESS_KEY_NOT_FOUND",
       [=](const Client& c) { return c.DeleteAccessKeys(delete_key_nope); }},
      {"DeleteAccessKeys", "the user", Code::kNotFound, "USER_NOT_FOUND",
       [=](const Client& c) { return c.DeleteAccessKeys(delete_key_of_nope); }},
      {"RotateAccessKey", "key", Code::kNotFound, "ACCESS_KEY_NOT_FOUND",
       [=](const Client& c) {
         return StatusOf(c.RotateAccessKey(rotate_key_nope));
       }},
      {"RotateAccessKey", "the user", Code::kNotFound, "USER_NOT_FOUND",
       [=](const Client& c) {
         return StatusOf(c.RotateAccessKey(rotate_key_of_nope));
       }},
  };
}

// RPCs without a not-found path: a create of a root resource, calls about
// the caller itself, and lists, whose org and tenant are filters (a missing
// one matches nothing: an empty page).
const std::set<std::string>& WithoutNotFound() {
  static const auto* const methods = new std::set<std::string>{
      "CreateOrg",   "ListOrgs",     "ListTenants",    "ListUsers",
      "GetUserInfo", "UpdateConfig", "ListAuditEvents"};
  return *methods;
}

class NotFoundReasonsTest : public ::testing::Test {
 protected:
  NotFoundReasonsTest() : admin_(server_.AdminClient()) {
    server_.CreateUserWithKey("o1", "t1", "u1", {"user"});
  }

  ServerUnderTest server_;
  Client admin_;
};

TEST_F(NotFoundReasonsTest, EveryRpcCoversItsNotFoundPaths) {
  std::set<std::string> covered = WithoutNotFound();
  for (const NotFoundCase& c : Cases()) covered.insert(c.method);
  for (const std::string& service : IdentityServiceNames()) {
    const google::protobuf::ServiceDescriptor* descriptor =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
            service);
    ASSERT_NE(descriptor, nullptr) << service;
    for (int i = 0; i < descriptor->method_count(); ++i) {
      EXPECT_TRUE(covered.count(descriptor->method(i)->name()))
          << service << "." << descriptor->method(i)->name()
          << " has no not-found case";
    }
  }
}

TEST_F(NotFoundReasonsTest, EachNamesWhatIsMissing) {
  for (const NotFoundCase& c : Cases()) {
    SCOPED_TRACE(absl::StrCat(c.method, ", missing ", c.missing));
    const absl::Status status = c.call(admin_);
    EXPECT_THAT(status, StatusIs(c.code));
    EXPECT_THAT(status, ErrorReasonIs(c.reason));
  }

  // Nothing was created, and u1 keeps its one key.
  EXPECT_THAT(admin_.GetTenant("t9"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(admin_.GetUser("u9"), StatusIs(absl::StatusCode::kNotFound));
  v1::ListAccessKeysRequest keys_of_u1;
  keys_of_u1.set_user_id("u1");
  absl::StatusOr<v1::ListAccessKeysResponse> keys =
      admin_.ListAccessKeys(keys_of_u1);
  ASSERT_THAT(keys, IsOk());
  ASSERT_EQ(keys->access_keys_size(), 1);
}

}  // namespace
}  // namespace identity::testing
