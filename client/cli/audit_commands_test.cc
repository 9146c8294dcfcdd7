// The audit commands: command lines -> requests, without a server.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/status_matchers.h"
#include "client/cli/command_line_fixture.h"

namespace identity::cli {
namespace {

TEST(AuditCommandLineTest, ListWithEveryFilter) {
  EXPECT_TRUE(BuildsRequest(
      {"audit", "list", "--org", "*", "--actor", "admin", "--resource-type",
       "user", "--resource-id", "jack", "--since", "2030-01-01T00:00:00Z",
       "--until", "2030-01-02T00:00:00Z", "--page-size", "5"},
      "identity.v1.ListAuditEventsRequest",
      R"pb(lookup_org_id: "*"
           actor_id: "admin"
           resource_type: "user"
           resource_id: "jack"
           start_time { seconds: 1893456000 }
           end_time { seconds: 1893542400 }
           page_size: 5)pb"));
  ExpectUsageError({"audit", "list", "--page-size", "many"},
                   "--page-size is not a 32-bit integer");
}

}  // namespace
}  // namespace identity::cli
