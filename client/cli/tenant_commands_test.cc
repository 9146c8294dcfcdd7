// The tenant commands: command lines -> requests, without a server.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/status_matchers.h"
#include "client/cli/command_line_fixture.h"

namespace identity::cli {
namespace {

TEST(TenantCommandLineTest, CreateNeedsOrgAndName) {
  EXPECT_TRUE(BuildsRequest(
      {"tenant", "create", "eu", "--org", "acme", "--name", "Europe"},
      "identity.v1.CreateTenantRequest",
      R"pb(tenant { id: "eu" org_id: "acme" name: "Europe" })pb"));
  ExpectUsageError({"tenant", "create", "eu", "--name", "Europe"},
                   "missing required flag --org");
}

TEST(TenantCommandLineTest, GetUpdateDeleteList) {
  EXPECT_TRUE(BuildsRequest({"tenant", "get", "eu"},
                            "identity.v1.GetTenantRequest", R"pb(id: "eu")pb"));
  EXPECT_TRUE(
      BuildsRequest({"tenant", "update", "eu", "--name", "EU", "--etag", "e2"},
                    "identity.v1.UpdateTenantRequest",
                    R"pb(tenant { id: "eu" name: "EU" etag: "e2" }
                         update_mask { paths: "name" })pb"));
  EXPECT_TRUE(BuildsRequest({"tenant", "delete", "eu", "--force"},
                            "identity.v1.DeleteTenantRequest",
                            R"pb(id: "eu" force: true)pb"));
  EXPECT_TRUE(BuildsRequest({"tenant", "list", "--org", "acme"},
                            "identity.v1.ListTenantsRequest",
                            R"pb(lookup_org_id: "acme")pb"));
}

}  // namespace
}  // namespace identity::cli
