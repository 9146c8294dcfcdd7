// Global flags, help and usage errors of a command line, without a server.
#include "client/cli/invocation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/error_details.h"
#include "base/status_matchers.h"
#include "client/cli/command_line_fixture.h"
#include "client/cli/command_table.h"
#include "client/cli/response_output.h"

namespace identity::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// --- global flags ----------------------------------------------------------

TEST(GlobalFlagsTest, DefaultsApplyWhenNotGiven) {
  absl::StatusOr<Invocation> invocation = Parse({"user", "info"});

  ASSERT_THAT(invocation, IsOk());
  EXPECT_EQ(invocation->options.client.endpoint, "127.0.0.1:50051");
  EXPECT_EQ(invocation->options.client.access_key, "key-from-environment");
  EXPECT_EQ(invocation->options.client.timeout, absl::Seconds(10));
  EXPECT_EQ(invocation->options.impersonate_user, "");
  EXPECT_EQ(invocation->command, FindCommand("user", "info"));
  EXPECT_TRUE(invocation->help.empty());
}

TEST(GlobalFlagsTest, OverrideBeforeTheCommand) {
  absl::StatusOr<Invocation> invocation =
      Parse({"--endpoint", "id.internal:443", "--key=flag-key", "--as", "jack",
             "--timeout", "2.5", "user", "info"});

  ASSERT_THAT(invocation, IsOk());
  EXPECT_EQ(invocation->options.client.endpoint, "id.internal:443");
  EXPECT_EQ(invocation->options.client.access_key, "flag-key");
  EXPECT_EQ(invocation->options.impersonate_user, "jack");
  EXPECT_EQ(invocation->options.client.timeout, absl::Milliseconds(2500));
}

TEST(GlobalFlagsTest, AcceptedAfterTheCommandToo) {
  absl::StatusOr<Invocation> invocation =
      Parse({"org", "get", "acme", "--as", "jack", "--timeout", "3"});

  ASSERT_THAT(invocation, IsOk());
  EXPECT_EQ(invocation->options.impersonate_user, "jack");
  EXPECT_EQ(invocation->options.client.timeout, absl::Seconds(3));
}

TEST(GlobalFlagsTest, TlsFilesComeFromFlagsOverTheEnvironment) {
  GlobalOptions from_environment = Defaults();
  from_environment.tls.ca_path = "/env/ca.crt";
  from_environment.tls.cert_path = "/env/client.crt";

  absl::StatusOr<Invocation> invocation = ParseInvocation(
      std::vector<std::string>{"--tls_cert", "/flag/client.crt", "--tls_key",
                               "/flag/client.key", "user", "info"},
      from_environment);

  ASSERT_TRUE(invocation.ok()) << invocation.status();
  EXPECT_EQ(invocation->options.tls.ca_path, "/env/ca.crt");
  EXPECT_EQ(invocation->options.tls.cert_path, "/flag/client.crt");
  EXPECT_EQ(invocation->options.tls.key_path, "/flag/client.key");
  EXPECT_TRUE(invocation->options.tls.any());
}

TEST(GlobalFlagsTest, NoTlsFlagMeansPlaintext) {
  absl::StatusOr<Invocation> invocation = Parse({"user", "info"});

  ASSERT_TRUE(invocation.ok()) << invocation.status();
  EXPECT_FALSE(invocation->options.tls.any());
}

TEST(GlobalFlagsTest, TimeoutMustBeAPositiveNumber) {
  for (const char* timeout : {"0", "-1", "soon", "inf", "nan"}) {
    ExpectUsageError({"--timeout", timeout, "user", "info"},
                     "--timeout is not a positive number");
  }
}

TEST(GlobalFlagsTest, MissingKeyIsAUsageError) {
  GlobalOptions no_key = Defaults();
  no_key.client.access_key.clear();

  absl::StatusOr<Invocation> invocation =
      ParseInvocation(std::vector<std::string>{"user", "info"}, no_key);

  EXPECT_THAT(invocation, StatusIs(absl::StatusCode::kInvalidArgument,
                                   HasSubstr("IDENTITY_ACCESS_KEY")));
}

TEST(GlobalFlagsTest, ErrorsNeverShowTheKey) {
  ExpectUsageError({"--key", "s3cret", "--key", "s3cret", "user", "info"},
                   "--key given more than once");
  absl::StatusOr<Invocation> invocation =
      Parse({"--key", "s3cret", "org", "get"});
  EXPECT_THAT(invocation.status().message(), Not(HasSubstr("s3cret")));
}

// --- help and usage errors -------------------------------------------------

TEST(HelpTest, GeneralHelpListsEveryCommandWithoutNeedingAKey) {
  GlobalOptions no_key = Defaults();
  no_key.client.access_key.clear();

  absl::StatusOr<Invocation> invocation =
      ParseInvocation(std::vector<std::string>{"--help"}, no_key);

  ASSERT_THAT(invocation, IsOk());
  EXPECT_EQ(invocation->command, nullptr);
  for (const Command& command : AllCommands()) {
    EXPECT_THAT(invocation->help,
                HasSubstr(command.resource + " " + command.verb));
  }
  EXPECT_THAT(invocation->help, HasSubstr("Exit status"));
}

// The help and README.md give the line FormatError writes: before, the help
// left the reason out.
TEST(HelpTest, GivesTheErrorLineThatFailedCallsPrint) {
  absl::StatusOr<Invocation> invocation =
      ParseInvocation(std::vector<std::string>{"--help"}, Defaults());
  ASSERT_THAT(invocation, IsOk());
  EXPECT_THAT(invocation->help, HasSubstr("\"error: CODE (REASON): message\""));
  EXPECT_EQ(FormatError(WithReason(absl::NotFoundError("org o9 does not exist"),
                                   ErrorReason::kOrgNotFound)),
            "error: NOT_FOUND (ORG_NOT_FOUND): org o9 does not exist");
}

TEST(HelpTest, ResourceHelpListsOnlyThatResource) {
  for (const std::vector<std::string>& words :
       std::vector<std::vector<std::string>>{
           {"org", "--help"}, {"org", "-h"}, {"org", "create", "--help"}}) {
    absl::StatusOr<Invocation> invocation = Parse(words);

    ASSERT_THAT(invocation, IsOk());
    EXPECT_THAT(invocation->help,
                HasSubstr("org create ID --name NAME [--variables JSON]"));
    EXPECT_THAT(invocation->help, Not(HasSubstr("tenant create")));
  }
}

TEST(UsageErrorTest, SayWhatIsWrong) {
  ExpectUsageError({}, "no command given");
  ExpectUsageError({"orgs", "list"}, "unknown resource 'orgs'");
  ExpectUsageError({"orgs", "--help"}, "unknown resource 'orgs'");
  ExpectUsageError({"org"}, "missing verb");
  ExpectUsageError({"org", "fly"}, "unknown command 'org fly'");
  ExpectUsageError({"org", "get", "--bogus"}, "unknown flag --bogus");
  ExpectUsageError(
      {"org", "create", "acme", "--name", "A", "--variables", "[1]"},
      "--variables is not a JSON object");
}

TEST(UsageErrorTest, ShowTheSynopsisOnceTheCommandIsKnown) {
  ExpectUsageError({"org", "get"}, "missing ID; usage: identityctl org get ID");
  ExpectUsageError({"org", "get", "a", "b"}, "unexpected argument 'b'");
}

}  // namespace
}  // namespace identity::cli
