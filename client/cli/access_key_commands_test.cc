// The access key commands: command lines -> requests, without a server.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/status_matchers.h"
#include "client/cli/command_line_fixture.h"

namespace identity::cli {
namespace {

TEST(AccessKeyCommandLineTest, Create) {
  EXPECT_TRUE(
      BuildsRequest({"key", "create", "ci", "--description", "CI runner",
                     "--expires", "2030-01-01T00:00:00Z", "--user", "bot"},
                    "identity.v1.CreateAccessKeyRequest",
                    R"pb(name: "ci"
                         description: "CI runner"
                         expire_time { seconds: 1893456000 }
                         user_id: "bot")pb"));
  EXPECT_TRUE(BuildsRequest({"key", "create", "ci"},
                            "identity.v1.CreateAccessKeyRequest",
                            R"pb(name: "ci")pb"));
  ExpectUsageError({"key", "create", "ci", "--expires", "tomorrow"},
                   "--expires is not an RFC 3339 time");
}

TEST(AccessKeyCommandLineTest, ListAndDeleteSeveral) {
  EXPECT_TRUE(BuildsRequest({"key", "list", "--user", "bot"},
                            "identity.v1.ListAccessKeysRequest",
                            R"pb(user_id: "bot")pb"));
  EXPECT_TRUE(BuildsRequest({"key", "delete", "ci", "laptop", "--user", "bot"},
                            "identity.v1.DeleteAccessKeysRequest",
                            R"pb(names: [ "ci", "laptop" ]
                                 user_id: "bot")pb"));
  ExpectUsageError({"key", "delete"}, "missing NAME");
}

TEST(AccessKeyCommandLineTest, Rotate) {
  EXPECT_TRUE(BuildsRequest(
      {"key", "rotate", "envoy", "--user", "bot", "--grace", "3600s"},
      "identity.v1.RotateAccessKeyRequest",
      R"pb(name: "envoy"
           user_id: "bot"
           grace_period { seconds: 3600 })pb"));
  // Zero is sent, not left out: it revokes the old secret at once.
  EXPECT_TRUE(BuildsRequest({"key", "rotate", "envoy", "--grace", "0s"},
                            "identity.v1.RotateAccessKeyRequest",
                            R"pb(name: "envoy"
                                 grace_period {})pb"));
  EXPECT_TRUE(BuildsRequest({"key", "rotate", "envoy"},
                            "identity.v1.RotateAccessKeyRequest",
                            R"pb(name: "envoy")pb"));
  ExpectUsageError({"key", "rotate"}, "missing NAME");
}

}  // namespace
}  // namespace identity::cli
