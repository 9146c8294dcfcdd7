// The user commands: command lines -> requests, without a server.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/status_matchers.h"
#include "client/cli/command_line_fixture.h"

namespace identity::cli {
namespace {

TEST(UserCommandLineTest, CreateWithEveryField) {
  EXPECT_TRUE(BuildsRequest(
      {"user", "create", "jack@myco.com", "--tenant", "eu", "--org", "acme",
       "--name", "Jack", "--email", "jack@myco.com", "--roles", "user,api-user",
       "--variables", R"({"desk": 7})"},
      "identity.v1.CreateUserRequest",
      R"pb(user {
             id: "jack@myco.com"
             tenant_id: "eu"
             org_id: "acme"
             name: "Jack"
             email: "jack@myco.com"
             roles: [ "user", "api-user" ]
             variables {
               fields {
                 key: "desk"
                 value { number_value: 7 }
               }
             }
           })pb"));
  ExpectUsageError({"user", "create", "jack"},
                   "missing required flag --tenant");
}

TEST(UserCommandLineTest, UpdateMaskHasExactlyTheFlagsGiven) {
  EXPECT_TRUE(BuildsRequest({"user", "update", "jack", "--email", "j@x.io"},
                            "identity.v1.UpdateUserRequest",
                            R"pb(user { id: "jack" email: "j@x.io" }
                                 update_mask { paths: "email" })pb"));
  EXPECT_TRUE(BuildsRequest(
      {"user", "update", "jack", "--roles", "admin-user", "--name", "J",
       "--etag", "e3"},
      "identity.v1.UpdateUserRequest",
      R"pb(user { id: "jack" name: "J" roles: "admin-user" etag: "e3" }
           update_mask { paths: "name" paths: "roles" })pb"));
  ExpectUsageError({"user", "update", "jack"}, "nothing to update");
}

TEST(UserCommandLineTest, EmptyRolesClearTheRoles) {
  EXPECT_TRUE(BuildsRequest({"user", "update", "jack", "--roles", ""},
                            "identity.v1.UpdateUserRequest",
                            R"pb(user { id: "jack" }
                                 update_mask { paths: "roles" })pb"));
}

TEST(UserCommandLineTest, GetDeleteListInfo) {
  EXPECT_TRUE(BuildsRequest({"user", "get", "jack"},
                            "identity.v1.GetUserRequest", R"pb(id: "jack")pb"));
  EXPECT_TRUE(BuildsRequest({"user", "delete", "jack"},
                            "identity.v1.DeleteUserRequest",
                            R"pb(id: "jack")pb"));
  EXPECT_TRUE(BuildsRequest(
      {"user", "list", "--org", "acme", "--tenant", "eu", "--user", "jack",
       "--page-size", "10", "--page-token", "t"},
      "identity.v1.ListUsersRequest",
      R"pb(lookup_org_id: "acme"
           lookup_tenant_id: "eu"
           lookup_user_id: "jack"
           page_size: 10
           page_token: "t")pb"));
  EXPECT_TRUE(
      BuildsRequest({"user", "info"}, "identity.v1.GetUserInfoRequest", ""));
  ExpectUsageError({"user", "delete", "jack", "--force"},
                   "takes no flag --force");
}

}  // namespace
}  // namespace identity::cli
