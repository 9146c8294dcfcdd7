// The identityd binary as operators run it: its JSON call log (and that no
// key ever reaches it), its metrics endpoint (valid for promtool), and the
// migration flags a Kubernetes migration Job relies on.
#include "tests/e2e/identityd_process.h"

#include <gmock/gmock.h>
#include <grpcpp/client_context.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/generic/generic_stub.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/notification.h"
#include "base/call_metadata.h"
#include "base/status_matchers.h"
#include "client/client.h"
#include "identity/v1/user_service.grpc.pb.h"
#include "service/auth/access_key_secret.h"
#include "service/grpc/served_methods.h"
#include "tests/e2e/health_client.h"
#include "tests/e2e/reflection_client.h"
#include "tests/e2e/resource_builders.h"
#include "tests/e2e/test_certificates.h"
#include "tests/harness/http_get.h"
#include "tests/harness/shared_postgres.h"

namespace identity::testing {
namespace {

using ::testing::ContainsRegex;
using ::testing::HasSubstr;
using ::testing::Not;

std::string NewLogPath() {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "identityd-log-XXXXXX")
          .string();
  close(mkstemp(pattern.data()));
  return pattern;
}

// One unary call to `method` with an empty request and no key.
grpc::Status CallMethod(grpc::GenericStub& stub, const std::string& method) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(10));
  grpc::Slice empty("");
  const grpc::ByteBuffer request(&empty, 1);
  grpc::ByteBuffer response;
  grpc::Status answer;
  absl::Notification done;
  stub.UnaryCall(&context, method, grpc::StubOptions(), &request, &response,
                 [&](grpc::Status status) {
                   answer = std::move(status);
                   done.Notify();
                 });
  done.WaitForNotification();
  return answer;
}

Client ClientOf(const IdentitydProcess& server, std::string key) {
  return Client(
      grpc::CreateChannel(server.address(), grpc::InsecureChannelCredentials()),
      std::move(key), absl::Seconds(10));
}

// Creates org, tenant and user `user_id` with `roles` through `admin`, and
// returns a new key of the user.
std::string UserWithKey(const Client& admin, const std::string& user_id,
                        const std::vector<std::string>& roles,
                        const std::string& key_name) {
  absl::Status status = admin.CreateOrg(OrgProto("logs")).status();
  EXPECT_TRUE(status.ok() || absl::IsAlreadyExists(status)) << status;
  status = admin.CreateTenant(TenantProto("logs-t", "logs")).status();
  EXPECT_TRUE(status.ok() || absl::IsAlreadyExists(status)) << status;
  status =
      admin.CreateUser(UserProto(user_id, "logs-t", "logs", roles)).status();
  EXPECT_TRUE(status.ok() || absl::IsAlreadyExists(status)) << status;
  v1::CreateAccessKeyRequest request;
  request.set_name(key_name);
  request.set_user_id(user_id);
  absl::StatusOr<v1::AccessKey> key = admin.CreateAccessKey(request);
  EXPECT_THAT(key.status(), IsOk());
  return key.ok() ? key->access_key() : "";
}

TEST(IdentitydProcessTest, CallLogHasOneJsonLinePerCallAndNoKey) {
  const std::string admin_key = AccessKeySecret::Generate().value();
  const std::string log_path = NewLogPath();
  IdentitydProcess server(
      {FreshDatabaseUrl(),
       FreePort(),
       admin_key,
       log_path,
       {"--metrics_listen=", "--shutdown_drain_seconds=0"}});
  ASSERT_TRUE(server.AwaitServing(absl::Seconds(30)));
  Client admin = ClientOf(server, admin_key);
  const std::string kept = UserWithKey(admin, "lena", {"api-user"}, "kept");
  const std::string deleted = UserWithKey(admin, "lena", {"api-user"}, "gone");
  const std::vector<std::string> issued = {admin_key, kept, deleted};

  // A call with a request id of the caller's, which comes back.
  auto stub = v1::UserService::NewStub(grpc::CreateChannel(
      server.address(), grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.AddMetadata(kAuthorizationMetadata, kBearerPrefix + kept);
  context.AddMetadata(kRequestIdMetadata, "trace-42");
  v1::GetUserInfoResponse info;
  ASSERT_TRUE(stub->GetUserInfo(&context, {}, &info).ok());
  auto echoed = context.GetServerInitialMetadata().find(kRequestIdMetadata);
  ASSERT_NE(echoed, context.GetServerInitialMetadata().end());
  EXPECT_EQ(std::string(echoed->second.data(), echoed->second.size()),
            "trace-42");

  // Failed calls with keys: deleted, mangled, and one impersonating.
  v1::DeleteAccessKeysRequest delete_request;
  delete_request.set_user_id("lena");
  delete_request.add_names("gone");
  ASSERT_THAT(admin.DeleteAccessKeys(delete_request), IsOk());
  EXPECT_THAT(ClientOf(server, deleted).GetUserInfo().status(),
              StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(ClientOf(server, kept + "x").GetUserInfo().status(),
              StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(ClientOf(server, kept).GetOrg("root").status(),
              StatusIs(absl::StatusCode::kPermissionDenied));
  Client as_lena = ClientOf(server, admin_key);
  as_lena.SetImpersonateUser("lena");
  EXPECT_THAT(as_lena.GetUserInfo().status(), IsOk());
  // Refused: an api-user may impersonate nobody. And a method not served.
  Client lena_as_admin = ClientOf(server, kept);
  lena_as_admin.SetImpersonateUser("admin");
  EXPECT_THAT(lena_as_admin.GetUserInfo().status(),
              StatusIs(absl::StatusCode::kPermissionDenied));
  grpc::GenericStub generic(grpc::CreateChannel(
      server.address(), grpc::InsecureChannelCredentials()));
  EXPECT_EQ(CallMethod(generic, "/identity.v1.OrgService/Nope").error_code(),
            grpc::StatusCode::UNIMPLEMENTED);
  EXPECT_EQ(server.Terminate(), 0);

  const std::string log = ReadFileOrDie(log_path);
  std::filesystem::remove(log_path);
  for (const std::string& key : issued) {
    EXPECT_THAT(log, ::testing::Not(HasSubstr(key)));
    // Not even the secret part without its prefix.
    EXPECT_THAT(log, ::testing::Not(HasSubstr(key.substr(key.size() / 2))));
  }
  int calls = 0;
  bool traced = false, refused = false, denied = false, impersonated = false;
  bool impersonation_refused = false, unimplemented = false;
  for (absl::string_view line : absl::StrSplit(log, '\n', absl::SkipEmpty())) {
    EXPECT_TRUE(absl::StartsWith(line, "{\"time\":\"") &&
                absl::EndsWith(line, "}"))
        << line;
    if (!absl::StrContains(line, "\"method\":")) continue;
    ++calls;
    EXPECT_THAT(std::string(line), HasSubstr("\"latency_ms\":"));
    EXPECT_THAT(std::string(line), HasSubstr("\"request_id\":\""));
    traced |= absl::StrContains(line, "\"request_id\":\"trace-42\"") &&
              absl::StrContains(line, "\"actor\":\"lena\"") &&
              absl::StrContains(line, "\"code\":\"OK\"");
    refused |= absl::StrContains(line, "\"code\":\"UNAUTHENTICATED\"") &&
               absl::StrContains(line, "\"level\":\"warning\"");
    denied |= absl::StrContains(line, "\"code\":\"PERMISSION_DENIED\"") &&
              absl::StrContains(line, "\"reason\":\"PERMISSION_DENIED\"") &&
              absl::StrContains(line, "\"message\":\"caller lacks permission");
    // Who tried, whom, and why.
    impersonation_refused |=
        absl::StrContains(line, "\"reason\":\"IMPERSONATION_REFUSED\"") &&
        absl::StrContains(line,
                          "\"message\":\"caller may not impersonate "
                          "user admin\"") &&
        absl::StrContains(line, "\"actor\":\"lena\"") &&
        absl::StrContains(line, "\"impersonated_user\":\"admin\"") &&
        absl::StrContains(line, "\"level\":\"warning\"");
    // The client's mistake, not the server's failure.
    unimplemented |= absl::StrContains(line, "\"code\":\"UNIMPLEMENTED\"") &&
                     absl::StrContains(line, "\"level\":\"warning\"");
    impersonated |= absl::StrContains(line, "\"actor\":\"admin\"") &&
                    absl::StrContains(line, "\"impersonated_user\":\"lena\"");
  }
  // 3 creates each for two users' org, tenant, user and key, 1 delete, 5
  // calls by keys: at least 12 lines.
  EXPECT_GE(calls, 12);
  EXPECT_TRUE(traced);
  EXPECT_TRUE(refused);
  EXPECT_TRUE(denied);
  EXPECT_TRUE(impersonated);
  EXPECT_TRUE(impersonation_refused);
  EXPECT_TRUE(unimplemented);
}

std::string ReadFile(const std::string& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

// What an operator needs from the first lines: which build, configured how
// (no secret), which migrations ran, whether the bootstrap did, and every
// address served; and the build as a metric.
TEST(IdentitydProcessTest, StartupLogSaysWhatRunsAndWhere) {
  const std::string database_url = FreshDatabaseUrl();
  const std::string admin_key = AccessKeySecret::Generate().value();
  const int port = FreePort();
  const int metrics_port = FreePort();
  const std::string first_log = NewLogPath();
  IdentitydProcess first(
      {database_url,
       port,
       admin_key,
       first_log,
       {absl::StrCat("--metrics_listen=127.0.0.1:", metrics_port),
        "--shutdown_drain_seconds=0"}});
  ASSERT_TRUE(first.AwaitServing(absl::Seconds(30)));
  std::optional<std::string> metrics = HttpGet(metrics_port, "/metrics");
  EXPECT_EQ(first.Terminate(), 0);

  const std::string log = ReadFile(first_log);
  for (const std::string& expected : {
           std::string("\"message\":\"identityd "),
           std::string(" (commit "),
           absl::StrCat("configuration: listen=127.0.0.1:", port),
           absl::StrCat("metrics_listen=127.0.0.1:", metrics_port),
           std::string("shutdown_grace_seconds=10"),
           std::string("bootstrap_admin_key=(set)"),
           std::string("applied schema migration 0001_schema"),
           std::string("migrations applied now: "),
           std::string("bootstrap: created super admin admin in org root"),
           absl::StrCat("serving identity.v1 on 127.0.0.1:", port,
                        " (plaintext)"),
           absl::StrCat("serving metrics on http://127.0.0.1:", metrics_port,
                        "/metrics"),
       }) {
    EXPECT_THAT(log, HasSubstr(expected));
  }
  EXPECT_THAT(log, Not(HasSubstr(admin_key)));
  ASSERT_TRUE(metrics.has_value());
  EXPECT_THAT(*metrics,
              ContainsRegex("\nidentity_build_info\\{commit=\"[0-9a-f]+\","
                            "version=\"[0-9.]+\"\\} 1\n"));

  // Started again on the same database: nothing left to migrate or create.
  const std::string second_log = NewLogPath();
  IdentitydProcess second({database_url,
                           port,
                           admin_key,
                           second_log,
                           {"--shutdown_drain_seconds=0"}});
  ASSERT_TRUE(second.AwaitServing(absl::Seconds(30)));
  EXPECT_EQ(second.Terminate(), 0);
  const std::string again = ReadFile(second_log);
  EXPECT_THAT(again, Not(HasSubstr("applied schema migration")));
  EXPECT_THAT(again, HasSubstr("migrations applied now: 0"));
  EXPECT_THAT(again, HasSubstr("bootstrap: not needed, a super admin exists"));
}

TEST(IdentitydProcessTest, MetricsEndpointPassesPromtool) {
  const std::string admin_key = AccessKeySecret::Generate().value();
  const int metrics_port = FreePort();
  IdentitydProcess server(
      {FreshDatabaseUrl(),
       FreePort(),
       admin_key,
       "",
       {absl::StrCat("--metrics_listen=127.0.0.1:", metrics_port)}});
  ASSERT_TRUE(server.AwaitServing(absl::Seconds(30)));
  Client admin = ClientOf(server, admin_key);
  ASSERT_THAT(admin.GetUserInfo().status(), IsOk());
  EXPECT_THAT(ClientOf(server, "").GetUserInfo().status(),
              StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(admin.GetOrg("absent").status(),
              StatusIs(absl::StatusCode::kNotFound));

  std::optional<std::string> body = HttpGet(metrics_port, "/metrics");
  ASSERT_TRUE(body.has_value());
  for (const char* expected : {
           "identity_rpc_calls_total{code=\"OK\",method=\"/identity.v1."
           "UserService/GetUserInfo\"} 1",
           "identity_rpc_calls_total{code=\"UNAUTHENTICATED\"",
           "identity_rpc_calls_total{code=\"NOT_FOUND\",method=\"/"
           "identity.v1.OrgService/GetOrg\"} 1",
           "identity_rpc_latency_seconds_bucket{method=",
           "identity_auth_cache_lookups_total{kind=\"key\",result=\"miss\"}",
           "identity_db_pool_connections_in_use ",
           "identity_executor_queue_depth ",
           "identity_executor_wait_seconds_count ",
           "identity_change_feed_live 1",
           "identity_change_feed_last_heartbeat_timestamp_seconds ",
           "\nprocess_resident_memory_bytes ",
           "\nprocess_cpu_seconds_total ",
           "\nprocess_open_fds ",
           "\nprocess_start_time_seconds ",
       }) {
    EXPECT_THAT(*body, HasSubstr(expected));
  }
  CommandResult check = RunWithInput("promtool check metrics", *body);
  EXPECT_EQ(check.exit_status, 0) << check.output;
}

// The method="..." values of `metrics` (Prometheus text), of any metric.
std::set<std::string> MethodLabels(const std::string& metrics) {
  std::set<std::string> methods;
  for (absl::string_view line : absl::StrSplit(metrics, '\n')) {
    const size_t start = line.find("method=\"");
    if (start == absl::string_view::npos || absl::StartsWith(line, "#")) {
      continue;
    }
    const absl::string_view rest = line.substr(start + 8);
    methods.emplace(rest.substr(0, rest.find('"')));
  }
  return methods;
}

// Before, each made-up method under /identity.v1. added
// series of its own; 3,000 calls grew /metrics from 31 KB to 245 MB.
TEST(IdentitydProcessTest, MetricsLabelOnlyServedMethodsAndUnknown) {
  const int metrics_port = FreePort();
  IdentitydProcess server(
      {FreshDatabaseUrl(),
       FreePort(),
       AccessKeySecret::Generate().value(),
       "",
       {absl::StrCat("--metrics_listen=127.0.0.1:", metrics_port)}});
  ASSERT_TRUE(server.AwaitServing(absl::Seconds(30)));
  grpc::GenericStub stub(grpc::CreateChannel(
      server.address(), grpc::InsecureChannelCredentials()));
  // First: the made-up calls below fail to authenticate too, and use up
  // the address's failures.
  EXPECT_EQ(
      CallMethod(stub, "/identity.v1.UserService/GetUserInfo").error_code(),
      grpc::StatusCode::UNAUTHENTICATED);
  for (int i = 0; i < 300; ++i) {
    EXPECT_EQ(CallMethod(stub, absl::StrCat("/identity.v1.OrgService/Made", i))
                  .error_code(),
              grpc::StatusCode::UNIMPLEMENTED);
    EXPECT_EQ(CallMethod(stub, absl::StrCat("/identity.v1.Service", i, "/Up"))
                  .error_code(),
              grpc::StatusCode::UNIMPLEMENTED);
  }

  std::optional<std::string> body = HttpGet(metrics_port, "/metrics");
  ASSERT_TRUE(body.has_value());
  const std::set<std::string> labelled = MethodLabels(*body);
  EXPECT_EQ(labelled, (std::set<std::string>{
                          "unknown", "/identity.v1.UserService/GetUserInfo"}));
  for (const std::string& method : labelled) {
    EXPECT_TRUE(method == "unknown" || ServedMethods().contains(method))
        << method;
  }
  EXPECT_THAT(*body,
              HasSubstr("identity_rpc_calls_total{code=\"UNIMPLEMENTED\","
                        "method=\"unknown\"} 600"));
}

TEST(IdentitydProcessTest, WithMigrationsOffWaitsForTheMigrationJob) {
  const std::string database_url = FreshDatabaseUrl();
  const std::string admin_key = AccessKeySecret::Generate().value();
  IdentitydProcess server({database_url,
                           FreePort(),
                           admin_key,
                           "",
                           {"--migrations=false", "--metrics_listen=",
                            "--shutdown_drain_seconds=0"}});
  // The schema is empty: nothing is served, and the process waits.
  EXPECT_FALSE(server.AwaitServing(absl::Seconds(3)));
  ASSERT_TRUE(server.running());

  EXPECT_EQ(
      RunIdentityd({"--migrate_only", "--database_url=" + database_url}, ""),
      0);

  ASSERT_TRUE(server.AwaitServing(absl::Seconds(30)));
  EXPECT_THAT(ClientOf(server, admin_key).GetUserInfo().status(), IsOk());
  EXPECT_EQ(server.Terminate(), 0);
}

// With the default drain and grace periods, an idle server has no one to
// drain: it stops at once, and cleanly.
TEST(IdentitydProcessTest, AnIdleServerStopsOnSigtermWellWithinASecond) {
  const std::string log_path = NewLogPath();
  IdentitydProcess server({FreshDatabaseUrl(), FreePort(),
                           AccessKeySecret::Generate().value(), log_path,
                           /*flags=*/{}});
  ASSERT_TRUE(server.AwaitServing(absl::Seconds(30)));

  const absl::Time signalled = absl::Now();
  EXPECT_EQ(server.Terminate(), 0);
  const absl::Duration stop_time = absl::Now() - signalled;
  EXPECT_LT(stop_time, absl::Milliseconds(700));
  std::cout << "idle stop on SIGTERM took " << stop_time << "\n";
  std::ifstream log(log_path);
  std::stringstream lines;
  lines << log.rdbuf();
  EXPECT_THAT(lines.str(), HasSubstr("\"message\":\"stopped\""));
}

// Calls that keep coming keep the drain going, to its full length, and are
// served meanwhile.
TEST(IdentitydProcessTest, CallsDuringTheDrainKeepItGoing) {
  const std::string admin_key = AccessKeySecret::Generate().value();
  IdentitydProcess server({FreshDatabaseUrl(),
                           FreePort(),
                           admin_key,
                           "",
                           {"--shutdown_drain_seconds=1"}});
  ASSERT_TRUE(server.AwaitServing(absl::Seconds(30)));
  Client admin = ClientOf(server, admin_key);
  ASSERT_THAT(admin.GetUserInfo().status(), IsOk());

  const absl::Time signalled = absl::Now();
  int exit_status = -2;
  std::thread stopper([&] { exit_status = server.Terminate(); });
  // Every 50 ms, well within the quiet period, until the listener closes.
  int served_after_signal = 0;
  for (int i = 0; i < 100 && admin.GetUserInfo().ok(); ++i) {
    ++served_after_signal;
    absl::SleepFor(absl::Milliseconds(50));
  }
  stopper.join();

  EXPECT_EQ(exit_status, 0);
  EXPECT_GE(absl::Now() - signalled, absl::Seconds(1));
  EXPECT_GE(served_after_signal, 10);
}

// buf curl and grpcurl describe a service through reflection before calling
// it: grpc.health.v1.Health must be described, not only listed.
TEST(IdentitydProcessTest, ReflectionDescribesTheHealthService) {
  IdentitydProcess server({FreshDatabaseUrl(),
                           FreePort(),
                           AccessKeySecret::Generate().value(),
                           "",
                           {"--shutdown_drain_seconds=0"}});
  ASSERT_TRUE(server.AwaitServing(absl::Seconds(30)));
  auto channel =
      grpc::CreateChannel(server.address(), grpc::InsecureChannelCredentials());

  absl::StatusOr<google::protobuf::FileDescriptorProto> health =
      FileContainingSymbol(channel, "grpc.health.v1.Health", absl::Seconds(10));
  ASSERT_THAT(health.status(), IsOk());
  EXPECT_EQ(health->package(), "grpc.health.v1");
  ASSERT_EQ(health->service_size(), 1);
  EXPECT_EQ(health->service(0).name(), "Health");
  std::set<std::string> methods;
  for (const auto& method : health->service(0).method()) {
    methods.insert(method.name());
  }
  EXPECT_EQ(methods, (std::set<std::string>{"Check", "Watch"}));
  // The identity.v1 services were described already; they still are.
  EXPECT_THAT(FileContainingSymbol(channel, "identity.v1.UserService",
                                   absl::Seconds(10))
                  .status(),
              IsOk());
  EXPECT_EQ(server.Terminate(), 0);
}

TEST(IdentitydProcessTest, VersionAndBadFlagsExitWithoutServing) {
  EXPECT_EQ(RunIdentityd({"--version"}, ""), 0);
  EXPECT_EQ(RunIdentityd({"--database_url=postgresql://127.0.0.1:1/x",
                          "--log_level=loud"},
                         ""),
            2);
  EXPECT_EQ(RunIdentityd({"--database_url=postgresql://127.0.0.1:1/x",
                          "--feed_silence_ms=50"},
                         ""),
            2);
}

}  // namespace
}  // namespace identity::testing
