// The input limits: bad input gets INVALID_ARGUMENT naming the field and
// writes nothing; awkward but valid text comes back byte for byte.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "base/status_matchers.h"
#include "tests/e2e/resource_builders.h"
#include "tests/e2e/server_under_test.h"

namespace identity::testing {
namespace {

using ::testing::HasSubstr;

// The message and the google.rpc.BadRequest details both name the field.
void ExpectInvalid(const absl::Status& status, const std::string& field) {
  EXPECT_THAT(status,
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(field)));
  EXPECT_THAT(status, HasFieldViolation(HasSubstr(field)));
}

std::string Repeat(const std::string& piece, int times) {
  std::string result;
  for (int i = 0; i < times; ++i) result += piece;
  return result;
}

class BadInputTest : public ::testing::Test {
 protected:
  BadInputTest() : admin_(server_.AdminClient()) {
    server_.CreateOrgAndTenant("o1", "t1");
  }

  ServerUnderTest server_;
  Client admin_;
};

TEST_F(BadInputTest, IdsMustBeShortAndOfTheAllowedCharacters) {
  const std::vector<std::string> bad_ids = {
      "",         Repeat("a", 129), "has space", "slash/id",
      "quote'id", "caf\xC3\xA9",    "semi;colon"};
  for (const std::string& id : bad_ids) {
    SCOPED_TRACE(id);
    v1::Org org;
    org.set_id(id);
    ExpectInvalid(admin_.CreateOrg(org).status(), "org.id");
    v1::User user;
    user.set_id(id);
    user.set_tenant_id("t1");
    ExpectInvalid(admin_.CreateUser(user).status(), "user.id");
  }
  EXPECT_EQ(admin_.ListOrgs()->orgs_size(), 2);

  v1::Org longest;
  longest.set_id(Repeat("a", 128));
  EXPECT_THAT(admin_.CreateOrg(longest), IsOk());
  v1::User email_id;
  email_id.set_id("jack+ops@my-co.example.com");
  email_id.set_tenant_id("t1");
  EXPECT_THAT(admin_.CreateUser(email_id), IsOk());
}

TEST_F(BadInputTest, NamesAreAtMost256Characters) {
  v1::Tenant tenant;
  tenant.set_id("t2");
  tenant.set_org_id("o1");
  tenant.set_name(Repeat("\xC3\xA9", 257));  // 257 characters, 514 bytes
  ExpectInvalid(admin_.CreateTenant(tenant).status(), "tenant.name");
  EXPECT_THAT(admin_.GetTenant("t2"), StatusIs(absl::StatusCode::kNotFound));

  tenant.set_name(Repeat("\xC3\xA9", 256));  // characters, not bytes, count
  EXPECT_THAT(admin_.CreateTenant(tenant), IsOk());

  v1::Tenant rename;
  rename.set_id("t2");
  rename.set_name(Repeat("x", 257));
  ExpectInvalid(admin_.UpdateTenant(rename).status(), "tenant.name");
  EXPECT_EQ(admin_.GetTenant("t2")->name(), Repeat("\xC3\xA9", 256));
}

TEST_F(BadInputTest, VariablesAreAtMost64KiB) {
  v1::Org org;
  org.set_id("big");
  (*org.mutable_variables()->mutable_fields())["blob"].set_string_value(
      std::string(64 * 1024, 'x'));
  ExpectInvalid(admin_.CreateOrg(org).status(), "org.variables");
  EXPECT_THAT(admin_.GetOrg("big"), StatusIs(absl::StatusCode::kNotFound));

  v1::User user;
  user.set_id("u1");
  user.set_tenant_id("t1");
  (*user.mutable_variables()->mutable_fields())["nul"].set_string_value(
      std::string("a\0b", 3));
  ExpectInvalid(admin_.CreateUser(user).status(), "user.variables");
  EXPECT_THAT(admin_.GetUser("u1"), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(BadInputTest, ConfigValuesAndKeyCountAreLimited) {
  v1::UpdateConfigRequest too_big;
  (*too_big.mutable_updated()->mutable_fields())["blob"].set_string_value(
      std::string(64 * 1024, 'x'));
  ExpectInvalid(admin_.UpdateConfig(too_big).status(), "updated");

  v1::UpdateConfigRequest first;
  for (int i = 0; i < 600; ++i) {
    (*first.mutable_updated()->mutable_fields())[absl::StrCat("a", i)]
        .set_bool_value(true);
  }
  ASSERT_THAT(admin_.UpdateConfig(first), IsOk());
  v1::UpdateConfigRequest second;
  for (int i = 0; i < 401; ++i) {
    (*second.mutable_updated()->mutable_fields())[absl::StrCat("b", i)]
        .set_bool_value(true);
  }
  ExpectInvalid(admin_.UpdateConfig(second).status(), "updated");
  EXPECT_EQ(admin_.UpdateConfig()->configs().fields_size(), 600);

  second.add_deleted("a0");  // now exactly 1,000
  absl::StatusOr<v1::UpdateConfigResponse> full = admin_.UpdateConfig(second);
  ASSERT_THAT(full, IsOk());
  EXPECT_EQ(full->configs().fields_size(), 1000);

  v1::UpdateConfigRequest empty_key;
  (*empty_key.mutable_updated()->mutable_fields())[""].set_bool_value(true);
  ExpectInvalid(admin_.UpdateConfig(empty_key).status(), "updated");
}

TEST_F(BadInputTest, RolesMustBeKnown) {
  v1::User user;
  user.set_id("u1");
  user.set_tenant_id("t1");
  user.add_roles("user");
  user.add_roles("root");
  ExpectInvalid(admin_.CreateUser(user).status(), "user.roles");
  EXPECT_THAT(admin_.GetUser("u1"), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(BadInputTest, AccessKeyNamesAreOneTo128Characters) {
  v1::CreateAccessKeyRequest request;
  request.set_name("");
  ExpectInvalid(admin_.CreateAccessKey(request).status(), "name");
  request.set_name(Repeat("k", 129));
  ExpectInvalid(admin_.CreateAccessKey(request).status(), "name");
  EXPECT_EQ(admin_.ListAccessKeys()->access_keys_size(), 1);  // bootstrap
  request.set_name(Repeat("k", 128));
  EXPECT_THAT(admin_.CreateAccessKey(request), IsOk());
}

TEST_F(BadInputTest, AwkwardTextRoundTripsByteForByte) {
  const std::string name =
      "Robert'); DROP TABLE users;-- \"quoted\" \\ back $1 %s \xE6\x97\xA5"
      "\xE6\x9C\xAC \xF0\x9F\x8E\x89";
  v1::Org org;
  org.set_id("o2");
  org.set_name(name);
  auto& fields = *org.mutable_variables()->mutable_fields();
  fields["it's \"a\" key; --"].set_string_value(name);
  fields["nested"].mutable_struct_value()->mutable_fields()->insert(
      {"list", google::protobuf::Value()});
  (*fields["nested"].mutable_struct_value()->mutable_fields())["list"]
      .mutable_list_value()
      ->add_values()
      ->set_number_value(1.5);
  absl::StatusOr<v1::Org> created = admin_.CreateOrg(org);
  ASSERT_THAT(created, IsOk());

  absl::StatusOr<v1::Org> read = admin_.GetOrg("o2");
  ASSERT_THAT(read, IsOk());
  EXPECT_EQ(read->name(), name);
  EXPECT_EQ(read->variables().fields().at("it's \"a\" key; --").string_value(),
            name);
  EXPECT_EQ(read->variables()
                .fields()
                .at("nested")
                .struct_value()
                .fields()
                .at("list")
                .list_value()
                .values(0)
                .number_value(),
            1.5);

  v1::User user;
  user.set_id("o'brien");
  user.set_tenant_id("t1");
  ExpectInvalid(admin_.CreateUser(user).status(), "user.id");
  user.set_id("obrien");
  user.set_name(name);
  user.set_email("o'brien@example.com");
  ASSERT_THAT(admin_.CreateUser(user), IsOk());
  absl::StatusOr<v1::User> back = admin_.GetUser("obrien");
  ASSERT_THAT(back, IsOk());
  EXPECT_EQ(back->name(), name);
  EXPECT_EQ(back->email(), "o'brien@example.com");
}

}  // namespace
}  // namespace identity::testing
