// The config commands: command lines -> requests, without a server.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/status_matchers.h"
#include "client/cli/command_line_fixture.h"

namespace identity::cli {
namespace {

TEST(ConfigCommandLineTest, SetTakesJsonOrStringAndDeleteTakesKeys) {
  EXPECT_TRUE(
      BuildsRequest({"config", "update", "--set", "theme=dark", "--set",
                     "limit=5", "--set", R"(filter={"a": true})", "--set",
                     "eq=a=b", "--delete", "old", "--delete", "older"},
                    "identity.v1.UpdateConfigRequest",
                    R"pb(updated {
                           fields {
                             key: "theme"
                             value { string_value: "dark" }
                           }
                           fields {
                             key: "limit"
                             value { number_value: 5 }
                           }
                           fields {
                             key: "filter"
                             value {
                               struct_value {
                                 fields {
                                   key: "a"
                                   value { bool_value: true }
                                 }
                               }
                             }
                           }
                           fields {
                             key: "eq"
                             value { string_value: "a=b" }
                           }
                         }
                         deleted: [ "old", "older" ])pb"));
}

TEST(ConfigCommandLineTest, NoFlagsAsksForTheCurrentConfig) {
  EXPECT_TRUE(BuildsRequest({"config", "update"},
                            "identity.v1.UpdateConfigRequest", ""));
}

TEST(ConfigCommandLineTest, SetNeedsKeyAndEquals) {
  ExpectUsageError({"config", "update", "--set", "theme"}, "KEY=VALUE");
  ExpectUsageError({"config", "update", "--set", "=dark"}, "KEY=VALUE");
}

}  // namespace
}  // namespace identity::cli
