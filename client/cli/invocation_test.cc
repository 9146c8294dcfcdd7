// Command lines -> request messages and options, without a server.
#include "client/cli/invocation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "client/cli/command_table.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/message_differencer.h"

namespace identity::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

GlobalOptions Defaults() {
  GlobalOptions defaults;
  defaults.client.endpoint = "127.0.0.1:50051";
  defaults.client.access_key = "key-from-environment";
  return defaults;
}

absl::StatusOr<Invocation> Parse(const std::vector<std::string>& words) {
  return ParseInvocation(words, Defaults());
}

// Succeeds when `words` parse into a request of type `type_name` equal to
// `expected` (text format).
::testing::AssertionResult BuildsRequest(const std::vector<std::string>& words,
                                         const std::string& type_name,
                                         const std::string& expected) {
  absl::StatusOr<Invocation> invocation = Parse(words);
  if (!invocation.ok()) {
    return ::testing::AssertionFailure() << invocation.status();
  }
  if (invocation->request == nullptr) {
    return ::testing::AssertionFailure() << "no request";
  }
  if (invocation->request->GetTypeName() != type_name) {
    return ::testing::AssertionFailure()
           << "built a " << invocation->request->GetTypeName();
  }
  std::unique_ptr<google::protobuf::Message> want(invocation->request->New());
  if (!google::protobuf::TextFormat::ParseFromString(expected, want.get())) {
    return ::testing::AssertionFailure() << "bad expected text: " << expected;
  }
  std::string differences;
  google::protobuf::util::MessageDifferencer differencer;
  differencer.ReportDifferencesToString(&differences);
  if (!differencer.Compare(*want, *invocation->request)) {
    return ::testing::AssertionFailure() << differences;
  }
  return ::testing::AssertionSuccess();
}

// Expects a usage error whose message contains `text`.
void ExpectUsageError(const std::vector<std::string>& words,
                      const std::string& text) {
  absl::StatusOr<Invocation> invocation = Parse(words);
  EXPECT_EQ(invocation.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(invocation.status().message(), HasSubstr(text));
}

// --- org -------------------------------------------------------------------

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

// --- tenant ----------------------------------------------------------------

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

// --- user ------------------------------------------------------------------

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

// --- config ----------------------------------------------------------------

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

// --- key -------------------------------------------------------------------

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

// --- audit -----------------------------------------------------------------

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

// --- global flags ----------------------------------------------------------

TEST(GlobalFlagsTest, DefaultsApplyWhenNotGiven) {
  absl::StatusOr<Invocation> invocation = Parse({"user", "info"});

  ASSERT_TRUE(invocation.ok()) << invocation.status();
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

  ASSERT_TRUE(invocation.ok()) << invocation.status();
  EXPECT_EQ(invocation->options.client.endpoint, "id.internal:443");
  EXPECT_EQ(invocation->options.client.access_key, "flag-key");
  EXPECT_EQ(invocation->options.impersonate_user, "jack");
  EXPECT_EQ(invocation->options.client.timeout, absl::Milliseconds(2500));
}

TEST(GlobalFlagsTest, AcceptedAfterTheCommandToo) {
  absl::StatusOr<Invocation> invocation =
      Parse({"org", "get", "acme", "--as", "jack", "--timeout", "3"});

  ASSERT_TRUE(invocation.ok()) << invocation.status();
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

  EXPECT_EQ(invocation.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(invocation.status().message(), HasSubstr("IDENTITY_ACCESS_KEY"));
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

  ASSERT_TRUE(invocation.ok()) << invocation.status();
  EXPECT_EQ(invocation->command, nullptr);
  for (const Command& command : AllCommands()) {
    EXPECT_THAT(invocation->help,
                HasSubstr(command.resource + " " + command.verb));
  }
  EXPECT_THAT(invocation->help, HasSubstr("Exit status"));
}

TEST(HelpTest, ResourceHelpListsOnlyThatResource) {
  for (const std::vector<std::string>& words :
       std::vector<std::vector<std::string>>{
           {"org", "--help"}, {"org", "-h"}, {"org", "create", "--help"}}) {
    absl::StatusOr<Invocation> invocation = Parse(words);

    ASSERT_TRUE(invocation.ok()) << invocation.status();
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
