// The org commands: command lines -> requests, without a server.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/status_matchers.h"
#include "client/cli/command_line_fixture.h"

namespace identity::cli {
namespace {

TEST(OrgCommandLineTest, Create) {
  EXPECT_TRUE(BuildsRequest({"org", "create", "acme", "--name", "Acme Corp",
                             "--variables", R"({"tier": "gold"})"},
                            "identity.v1.CreateOrgRequest",
                            R"pb(org {
                                   id: "acme"
                                   name: "Acme Corp"
                                   variables {
                                     fields {
                                       key: "tier"
                                       value { string_value: "gold" }
                                     }
                                   }
                                 })pb"));
}

TEST(OrgCommandLineTest, GetDeleteList) {
  EXPECT_TRUE(BuildsRequest({"org", "get", "acme"}, "identity.v1.GetOrgRequest",
                            R"pb(id: "acme")pb"));
  EXPECT_TRUE(BuildsRequest({"org", "delete", "acme"},
                            "identity.v1.DeleteOrgRequest",
                            R"pb(id: "acme")pb"));
  EXPECT_TRUE(BuildsRequest({"org", "delete", "acme", "--force"},
                            "identity.v1.DeleteOrgRequest",
                            R"pb(id: "acme" force: true)pb"));
  EXPECT_TRUE(
      BuildsRequest({"org", "list"}, "identity.v1.ListOrgsRequest", ""));
  EXPECT_TRUE(
      BuildsRequest({"org", "list", "--page-size", "50", "--page-token=next"},
                    "identity.v1.ListOrgsRequest",
                    R"pb(page_size: 50 page_token: "next")pb"));
}

TEST(OrgCommandLineTest, UpdateMaskHasExactlyTheFlagsGiven) {
  EXPECT_TRUE(BuildsRequest({"org", "update", "acme", "--name", "Acme"},
                            "identity.v1.UpdateOrgRequest",
                            R"pb(org { id: "acme" name: "Acme" }
                                 update_mask { paths: "name" })pb"));
  EXPECT_TRUE(BuildsRequest(
      {"org", "update", "acme", "--variables", "{}", "--etag", "e1"},
      "identity.v1.UpdateOrgRequest",
      R"pb(org {
             id: "acme"
             variables {}
             etag: "e1"
           }
           update_mask { paths: "variables" })pb"));
  EXPECT_TRUE(BuildsRequest(
      {"org", "update", "acme", "--variables", R"({"a": 1})", "--name", ""},
      "identity.v1.UpdateOrgRequest",
      R"pb(org {
             id: "acme"
             name: ""
             variables {
               fields {
                 key: "a"
                 value { number_value: 1 }
               }
             }
           }
           update_mask { paths: "name" paths: "variables" })pb"));
}

TEST(OrgCommandLineTest, UpdateWithoutFieldsIsAUsageError) {
  ExpectUsageError({"org", "update", "acme"}, "nothing to update");
  ExpectUsageError({"org", "update", "acme", "--etag", "e1"},
                   "nothing to update");
}

}  // namespace
}  // namespace identity::cli
