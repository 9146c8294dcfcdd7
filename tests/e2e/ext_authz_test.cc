// envoy.service.auth.v3.Authorization/Check as Envoy's ext_authz HTTP filter
// calls it: no credentials on the gRPC call itself, the HTTP request's
// headers (pseudo-headers included) inside the CheckRequest, per-route
// context extensions. Answers are OK CheckResponses that allow with
// x-identity-* headers or deny with 401/403 and a JSON body; each Check is
// reported to the call observers (log, metrics) with its decision, or with
// the call's own error when it could not decide.
#include <gmock/gmock.h>
#include <grpcpp/client_context.h>
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "base/status_matchers.h"
#include "envoy/service/auth/v3/external_auth.grpc.pb.h"
#include "google/protobuf/util/time_util.h"
#include "service/grpc/call_observer.h"
#include "service/grpc/ext_authz_translation.h"
#include "tests/e2e/server_under_test.h"
#include "tests/harness/shared_postgres.h"
#include "tests/harness/sql_session.h"

namespace identity::testing {
namespace {

using envoy::service::auth::v3::Authorization;
using envoy::service::auth::v3::CheckRequest;
using envoy::service::auth::v3::CheckResponse;
using google::protobuf::util::TimeUtil;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::MatchesRegex;
using ::testing::Not;

constexpr int kRpcOk = 0;
constexpr int kRpcPermissionDenied = 7;
constexpr int kRpcUnauthenticated = 16;

// A CheckRequest as Envoy 1.2x sends it for `GET /v1/databases` with the
// given extra request headers and route context extensions.
CheckRequest EnvoyCheck(
    const std::map<std::string, std::string>& headers,
    const std::map<std::string, std::string>& extensions = {}) {
  CheckRequest request;
  auto* attributes = request.mutable_attributes();
  auto* source =
      attributes->mutable_source()->mutable_address()->mutable_socket_address();
  source->set_address("10.1.2.3");
  source->set_port_value(53124);
  auto* destination = attributes->mutable_destination()
                          ->mutable_address()
                          ->mutable_socket_address();
  destination->set_address("10.1.9.9");
  destination->set_port_value(8080);
  auto* http = attributes->mutable_request()->mutable_http();
  *attributes->mutable_request()->mutable_time() = TimeUtil::GetCurrentTime();
  http->set_id("12658190226535413254");
  http->set_method("GET");
  http->set_path("/v1/databases");
  http->set_host("api.example.com");
  http->set_scheme("http");
  http->set_protocol("HTTP/1.1");
  auto& sent = *http->mutable_headers();
  sent[":authority"] = "api.example.com";
  sent[":method"] = "GET";
  sent[":path"] = "/v1/databases";
  sent[":scheme"] = "http";
  sent["user-agent"] = "curl/7.88.1";
  sent["accept"] = "*/*";
  sent["x-forwarded-proto"] = "http";
  sent["x-request-id"] = "9b6c6f7e-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
  for (const auto& [name, value] : headers) sent[name] = value;
  for (const auto& [name, value] : extensions) {
    (*attributes->mutable_context_extensions())[name] = value;
  }
  return request;
}

std::map<std::string, std::string> UpstreamHeaders(
    const CheckResponse& response) {
  std::map<std::string, std::string> headers;
  for (const auto& option : response.ok_response().headers()) {
    headers[option.header().key()] = option.header().value();
  }
  return headers;
}

// The Checks the server reported to its call observers, in order.
class CheckRecorder : public CallObserver {
 public:
  void OnCallFinished(const FinishedCall& call) override {
    if (call.method != kExtAuthzCheckMethod) return;
    absl::MutexLock lock(&mu_);
    checks_.push_back(call);
  }

  std::vector<FinishedCall> checks() {
    absl::MutexLock lock(&mu_);
    return checks_;
  }

 private:
  absl::Mutex mu_;
  std::vector<FinishedCall> checks_ ABSL_GUARDED_BY(mu_);
};

PostgresBackedServer::Options ObservedBy(CallObserver* observer) {
  PostgresBackedServer::Options options;
  options.server.call_observers.push_back(observer);
  return options;
}

class ExtAuthzTest : public ::testing::Test {
 protected:
  ExtAuthzTest()
      : server_(FreshDatabaseUrl(), ObservedBy(&recorder_)),
        stub_(Authorization::NewStub(server_.NewChannel())) {}

  // Check as Envoy calls it: the gRPC call carries no key of its own.
  CheckResponse Check(const CheckRequest& request) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(10));
    CheckResponse response;
    const grpc::Status status = stub_->Check(&context, request, &response);
    EXPECT_TRUE(status.ok())
        << status.error_code() << ": " << status.error_message();
    return response;
  }

  CheckResponse CheckWithKey(
      const std::string& key, std::map<std::string, std::string> headers = {},
      const std::map<std::string, std::string>& extensions = {}) {
    headers["authorization"] = "Bearer " + key;
    return Check(EnvoyCheck(headers, extensions));
  }

  static void ExpectDenied(const CheckResponse& response, int http_status,
                           int rpc_code, const std::string& body) {
    ASSERT_TRUE(response.has_denied_response()) << response.DebugString();
    EXPECT_EQ(response.denied_response().status().code(), http_status);
    EXPECT_EQ(response.status().code(), rpc_code);
    EXPECT_EQ(response.denied_response().body(), body);
  }

  CheckRecorder recorder_;
  ServerUnderTest server_;
  std::unique_ptr<Authorization::Stub> stub_;
};

TEST_F(ExtAuthzTest, ValidKeyIsAllowedWithIdentityHeadersForTheUpstream) {
  const std::string key =
      server_.CreateUserWithKey("acme", "acme-us", "jack", {"user"});

  // Twice: once loaded from the database on the executor, once from cache.
  for (int attempt = 0; attempt < 2; ++attempt) {
    const CheckResponse response =
        CheckWithKey(key, {{"x-identity-user-id", "forged"}},
                     {{"required_permission", "write:databases"}});

    ASSERT_TRUE(response.has_ok_response()) << response.DebugString();
    EXPECT_EQ(response.status().code(), kRpcOk);
    const std::map<std::string, std::string> headers =
        UpstreamHeaders(response);
    EXPECT_EQ(headers.at("x-identity-user-id"), "jack");
    EXPECT_EQ(headers.at("x-identity-org-id"), "acme");
    EXPECT_EQ(headers.at("x-identity-tenant-id"), "acme-us");
    EXPECT_EQ(headers.at("x-identity-roles"), "user");
    EXPECT_EQ(headers.at("x-identity-permissions"),
              "read:databases,read:liked-queries,read:semantic-context,"
              "self:access_keys,self:config,write:databases,"
              "write:liked-queries,write:semantic-context");
    EXPECT_EQ(headers.count("x-identity-impersonator-id"), 0u);
    EXPECT_THAT(response.ok_response().headers_to_remove(),
                Contains("authorization"));
    EXPECT_THAT(response.ok_response().headers_to_remove(),
                Contains("x-identity-impersonator-id"));
  }
}

TEST_F(ExtAuthzTest, MissingMalformedAndUnknownKeysAreOne401) {
  const std::string body = R"({"error":"unauthenticated"})";
  ExpectDenied(Check(EnvoyCheck({})), 401, kRpcUnauthenticated, body);
  ExpectDenied(Check(EnvoyCheck({{"authorization", "Basic amFjazpwdw=="}})),
               401, kRpcUnauthenticated, body);
  ExpectDenied(CheckWithKey("not-a-key"), 401, kRpcUnauthenticated, body);
  std::string unknown = server_.admin_key();
  unknown.back() = unknown.back() == 'A' ? 'B' : 'A';
  ExpectDenied(CheckWithKey(unknown), 401, kRpcUnauthenticated, body);
}

TEST_F(ExtAuthzTest, DeletedKeyIsDeniedOnTheNextCheck) {
  const std::string key =
      server_.CreateUserWithKey("acme", "acme-us", "jack", {"user"});
  ASSERT_TRUE(CheckWithKey(key).has_ok_response());  // cached now

  v1::DeleteAccessKeysRequest remove;
  remove.set_user_id("jack");
  remove.add_names("test-key");
  ASSERT_THAT(server_.AdminClient().DeleteAccessKeys(remove), IsOk());

  ExpectDenied(CheckWithKey(key), 401, kRpcUnauthenticated,
               R"({"error":"unauthenticated"})");
}

TEST_F(ExtAuthzTest, ExpiredKeyIsDenied) {
  server_.CreateUserWithKey("acme", "acme-us", "jack", {"user"});
  v1::CreateAccessKeyRequest create;
  create.set_user_id("jack");
  create.set_name("short-lived");
  *create.mutable_expire_time() = TimeUtil::MicrosecondsToTimestamp(
      absl::ToUnixMicros(absl::Now() + absl::Seconds(1)));
  absl::StatusOr<v1::AccessKey> key =
      server_.AdminClient().CreateAccessKey(create);
  ASSERT_THAT(key, IsOk());
  ASSERT_TRUE(CheckWithKey(key->access_key()).has_ok_response());

  absl::SleepFor(absl::Milliseconds(1200));

  ExpectDenied(CheckWithKey(key->access_key()), 401, kRpcUnauthenticated,
               R"({"error":"unauthenticated"})");
}

TEST_F(ExtAuthzTest, AllowedImpersonationRunsAsTheTargetAndNamesTheCaller) {
  const std::string boss =
      server_.CreateUserWithKey("acme", "acme-us", "boss", {"org-admin-user"});
  server_.CreateUserWithKey("acme", "acme-us", "jack", {"user"});

  const CheckResponse response =
      CheckWithKey(boss, {{"x-impersonate-user", "jack"}});

  ASSERT_TRUE(response.has_ok_response()) << response.DebugString();
  const std::map<std::string, std::string> headers = UpstreamHeaders(response);
  EXPECT_EQ(headers.at("x-identity-user-id"), "jack");
  EXPECT_EQ(headers.at("x-identity-roles"), "user");
  EXPECT_EQ(headers.at("x-identity-impersonator-id"), "boss");
  EXPECT_THAT(response.ok_response().headers_to_remove(),
              Not(Contains("x-identity-impersonator-id")));
}

TEST_F(ExtAuthzTest, RefusedImpersonationIs403WhetherOrNotTheTargetExists) {
  const std::string boss =
      server_.CreateUserWithKey("acme", "acme-us", "boss", {"org-admin-user"});
  const std::string jack =
      server_.CreateUserWithKey("acme", "acme-us", "jack", {"user"});
  server_.CreateUserWithKey("globex", "globex-us", "hank", {"user"});
  const std::string body = R"({"error":"permission_denied"})";

  // Outside the caller's org, absent, or without usage:impersonation.
  ExpectDenied(CheckWithKey(boss, {{"x-impersonate-user", "hank"}}), 403,
               kRpcPermissionDenied, body);
  ExpectDenied(CheckWithKey(boss, {{"x-impersonate-user", "ghost"}}), 403,
               kRpcPermissionDenied, body);
  ExpectDenied(CheckWithKey(jack, {{"x-impersonate-user", "boss"}}), 403,
               kRpcPermissionDenied, body);
}

TEST_F(ExtAuthzTest, MissingRequiredPermissionIs403) {
  const std::string key =
      server_.CreateUserWithKey("acme", "acme-us", "trial", {"trial-user"});

  ExpectDenied(
      CheckWithKey(key, {}, {{"required_permission", "write:databases"}}), 403,
      kRpcPermissionDenied, R"({"error":"permission_denied"})");
  EXPECT_TRUE(CheckWithKey(key, {}, {{"required_permission", "read:databases"}})
                  .has_ok_response());
}

TEST_F(ExtAuthzTest, AKeysCeilingBoundsWhatCheckAllows) {
  const std::string jacks_key =
      server_.CreateUserWithKey("acme", "acme-us", "jack", {"api-user"});
  v1::CreateAccessKeyRequest create;
  create.set_name("reader");
  create.add_permissions("read:databases");
  absl::StatusOr<v1::AccessKey> reader =
      server_.ClientFor(jacks_key).CreateAccessKey(create);
  ASSERT_THAT(reader, IsOk());

  ExpectDenied(CheckWithKey(reader->access_key(), {},
                            {{"required_permission", "write:databases"}}),
               403, kRpcPermissionDenied, R"({"error":"permission_denied"})");
  const CheckResponse allowed = CheckWithKey(
      reader->access_key(), {}, {{"required_permission", "read:databases"}});
  ASSERT_TRUE(allowed.has_ok_response()) << allowed.DebugString();
  EXPECT_EQ(UpstreamHeaders(allowed).at("x-identity-permissions"),
            "read:databases");
}

auto Reported(grpc::StatusCode code, const std::string& actor) {
  return ::testing::AllOf(
      Field(&FinishedCall::method, kExtAuthzCheckMethod),
      Field(&FinishedCall::code, code), Field(&FinishedCall::actor_id, actor),
      Field(&FinishedCall::peer, "10.1.2.3"),
      Field(&FinishedCall::request_id, "9b6c6f7e-1c2d-4e5f-8a9b-0c1d2e3f4a5b"));
}

TEST_F(ExtAuthzTest, EachCheckIsReportedWithItsDecisionClientAndRequestId) {
  const std::string boss =
      server_.CreateUserWithKey("acme", "acme-us", "boss", {"org-admin-user"});
  const std::string jack =
      server_.CreateUserWithKey("acme", "acme-us", "jack", {"user"});

  ASSERT_TRUE(CheckWithKey(jack).has_ok_response());  // from the database
  ASSERT_TRUE(CheckWithKey(jack).has_ok_response());  // from the cache
  ASSERT_TRUE(Check(EnvoyCheck({})).has_denied_response());
  ASSERT_TRUE(
      CheckWithKey(jack, {}, {{"required_permission", "delete:everything"}})
          .has_denied_response());
  ASSERT_TRUE(
      CheckWithKey(boss, {{"x-impersonate-user", "jack"}}).has_ok_response());

  const std::vector<FinishedCall> checks = recorder_.checks();
  EXPECT_THAT(checks,
              ElementsAre(Reported(grpc::StatusCode::OK, "jack"),
                          Reported(grpc::StatusCode::OK, "jack"),
                          Reported(grpc::StatusCode::UNAUTHENTICATED, ""),
                          Reported(grpc::StatusCode::PERMISSION_DENIED, "jack"),
                          Reported(grpc::StatusCode::OK, "boss")));
  ASSERT_EQ(checks.size(), 5u);
  EXPECT_EQ(checks[1].impersonated_user_id, "");
  EXPECT_EQ(checks[4].impersonated_user_id, "jack");
}

TEST_F(ExtAuthzTest, AnUnfitRequestIdIsReplacedInTheReport) {
  ASSERT_TRUE(Check(EnvoyCheck({{"x-request-id", "two words\n"}}))
                  .has_denied_response());

  const std::vector<FinishedCall> checks = recorder_.checks();
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_THAT(checks[0].request_id, MatchesRegex("[0-9a-f]{32}"));
}

// A Check the server could not decide, here because the key's lookup waited
// on a locked table past its budget, is reported once, with the error the
// call itself ended with: there was no decision to count.
TEST_F(ExtAuthzTest, ACheckLeftUndecidedIsReportedWithTheCallsError) {
  const std::string jack =
      server_.CreateUserWithKey("acme", "acme-us", "jack", {"user"});
  SqlSession locker(server_.database_url());
  locker.Execute("BEGIN");
  locker.Execute("LOCK TABLE access_keys IN ACCESS EXCLUSIVE MODE");

  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(30));
  CheckResponse response;
  const grpc::Status status = stub_->Check(
      &context, EnvoyCheck({{"authorization", "Bearer " + jack}}), &response);
  locker.Execute("ROLLBACK");

  // The lookup's budget (2 s) ends first, long before the client's deadline.
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_THAT(recorder_.checks(),
              ElementsAre(Reported(grpc::StatusCode::DEADLINE_EXCEEDED, "")));
}

}  // namespace
}  // namespace identity::testing
