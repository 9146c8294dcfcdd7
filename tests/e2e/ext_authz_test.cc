// envoy.service.auth.v3.Authorization/Check as Envoy's ext_authz HTTP filter
// calls it: no credentials on the gRPC call itself, the HTTP request's
// headers (pseudo-headers included) inside the CheckRequest, per-route
// context extensions. Answers are OK CheckResponses that allow with
// x-identity-* headers or deny with 401/403 and a JSON body; each Check is
// reported to the call observers (log, metrics) with its decision, or with
// the call's own error when it could not decide.
#include <gmock/gmock.h>
#include <grpcpp/client_context.h>
#include <grpcpp/create_channel.h>
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "base/metric_definitions.h"
#include "base/metrics.h"
#include "base/status_matchers.h"
#include "envoy/service/auth/v3/external_auth.grpc.pb.h"
#include "google/protobuf/util/time_util.h"
#include "service/auth/access_key_secret.h"
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
constexpr int kRpcInvalidArgument = 3;
constexpr int kRpcPermissionDenied = 7;
constexpr int kRpcResourceExhausted = 8;
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

// The server's metrics, of which it keeps one: how many key lookups missed
// the cache, each a lookup in the database.
class KeyLookupCounter final : public Metrics, MetricCounter {
 public:
  int64_t misses() const { return misses_.load(); }

  MetricCounter& Counter(const MetricDefinition& definition,
                         const MetricLabels& labels) override {
    const MetricLabels key_miss = {{"kind", "key"}, {"result", "miss"}};
    if (definition.name == std::string(kAuthCacheLookups.name) &&
        labels == key_miss) {
      return *this;
    }
    return NoMetrics()->Counter(definition, labels);
  }
  MetricGauge& Gauge(const MetricDefinition& definition,
                     const MetricLabels& labels) override {
    return NoMetrics()->Gauge(definition, labels);
  }
  MetricHistogram& Histogram(const MetricDefinition& definition,
                             const MetricLabels& labels) override {
    return NoMetrics()->Histogram(definition, labels);
  }
  void Add(double value) override { misses_ += static_cast<int64_t>(value); }

 private:
  std::atomic<int64_t> misses_{0};
};

PostgresBackedServer::Options ObservedBy(CallObserver* observer,
                                         Metrics* metrics) {
  PostgresBackedServer::Options options;
  options.server.call_observers.push_back(observer);
  options.metrics = metrics;
  return options;
}

// Check as Envoy calls it: the gRPC call carries no key of its own.
grpc::Status CallCheck(Authorization::Stub& stub, const CheckRequest& request,
                       CheckResponse* response) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(10));
  return stub.Check(&context, request, response);
}

CheckRequest ClaimingSource(CheckRequest request, const std::string& address) {
  request.mutable_attributes()
      ->mutable_source()
      ->mutable_address()
      ->mutable_socket_address()
      ->set_address(address);
  return request;
}

class ExtAuthzTest : public ::testing::Test {
 protected:
  ExtAuthzTest()
      : server_(FreshDatabaseUrl(), ObservedBy(&recorder_, &lookups_)),
        stub_(Authorization::NewStub(server_.NewChannel())) {}

  // A Check by an authorizer: the fixture's server admits loopback.
  CheckResponse Check(const CheckRequest& request) {
    CheckResponse response;
    const grpc::Status status = CallCheck(*stub_, request, &response);
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
  KeyLookupCounter lookups_;
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

// The peer is the authorizer, here the test on loopback; the HTTP client's
// address is only Envoy's claim.
auto Reported(grpc::StatusCode code, const std::string& actor) {
  return ::testing::AllOf(
      Field(&FinishedCall::method, kExtAuthzCheckMethod),
      Field(&FinishedCall::code, code), Field(&FinishedCall::actor_id, actor),
      Field(&FinishedCall::peer, MatchesRegex("ipv4:127\\.0\\.0\\.1:[0-9]+")),
      Field(&FinishedCall::claimed_address, "10.1.2.3"),
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

// Check is served on the public port, and the address a
// CheckRequest claims is the caller's word. Only configured authorizers
// are answered, and before any key is looked up.
TEST(ExtAuthzAuthorizerTest,
     ACallerThatIsNoAuthorizerIsRefusedBeforeAnyLookup) {
  CheckRecorder recorder;
  KeyLookupCounter lookups;
  PostgresBackedServer::Options options = ObservedBy(&recorder, &lookups);
  options.server.ext_authz_allowed_peers = "10.0.0.0/8";  // not loopback
  ServerUnderTest server(FreshDatabaseUrl(), options);
  const std::string jack =
      server.CreateUserWithKey("acme", "acme-us", "jack", {"user"});
  const std::unique_ptr<Authorization::Stub> stub =
      Authorization::NewStub(server.NewChannel());
  const int64_t misses_before = lookups.misses();

  for (const std::string& key :
       {jack, AccessKeySecret::Generate().value(), std::string("not-a-key")}) {
    CheckResponse response;
    const grpc::Status status = CallCheck(
        *stub, EnvoyCheck({{"authorization", "Bearer " + key}}), &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED)
        << status.error_message();
    EXPECT_FALSE(response.has_ok_response());
  }

  EXPECT_EQ(lookups.misses(), misses_before);
  const std::vector<FinishedCall> checks = recorder.checks();
  ASSERT_EQ(checks.size(), 3u);
  for (const FinishedCall& check : checks) {
    EXPECT_EQ(check.code, grpc::StatusCode::PERMISSION_DENIED);
    EXPECT_THAT(check.peer, MatchesRegex("ipv4:127\\.0\\.0\\.1:[0-9]+"));
    EXPECT_EQ(check.actor_id, "");
  }
  // The same server still serves identity.v1 to the same address.
  EXPECT_THAT(server.ClientFor(jack).GetUserInfo(), IsOk());
}

// Before, 300 unknown keys each claiming a new address made 300 lookups and
// none was limited: the claims had buckets, the authorizer none.
TEST_F(ExtAuthzTest, UnknownKeysFromNewAddressesAreLimitedByTheAuthorizers) {
  int unauthenticated = 0;  // each one a lookup: every key is new
  int exhausted = 0;
  for (int i = 0; i < 300; ++i) {
    const CheckRequest request = ClaimingSource(
        EnvoyCheck({{"authorization",
                     "Bearer " + AccessKeySecret::Generate().value()}}),
        absl::StrCat("10.7.", i / 256, ".", i % 256));
    const CheckResponse response = Check(request);
    if (response.status().code() == kRpcUnauthenticated) {
      ++unauthenticated;
    } else if (response.status().code() == kRpcResourceExhausted) {
      ++exhausted;
      EXPECT_EQ(response.denied_response().status().code(), 429);
    } else {
      ADD_FAILURE() << response.DebugString();
    }
  }
  // A burst of 100, plus what refilled at 20/s while the flood ran: as for
  // identity.v1 calls from one address (hostile_traffic_test).
  EXPECT_GE(unauthenticated, 100);
  EXPECT_LT(unauthenticated, 200);
  EXPECT_EQ(unauthenticated + exhausted, 300);
}

// Before, 150 failing Checks claiming an identity.v1 caller's address
// locked that caller out: its first call with a new key got
// RESOURCE_EXHAUSTED.
TEST(ExtAuthzAuthorizerTest, ClaimingACallersAddressDoesNotLockItOut) {
  // The authorizer calls from ::1, the victim from 127.0.0.1.
  ServerUnderTest server(FreshDatabaseUrl(), PostgresBackedServer::Options{},
                         ServerUnderTest::Bootstrap::kAdmin, "[::]");
  const std::unique_ptr<Authorization::Stub> authorizer =
      Authorization::NewStub(grpc::CreateChannel(
          server.ipv6_address(), grpc::InsecureChannelCredentials()));
  const CheckRequest failing = ClaimingSource(
      EnvoyCheck({{"authorization", "Bearer not-a-key"}}), "127.0.0.1");
  for (int i = 0; i < 150; ++i) {
    CheckResponse response;
    const grpc::Status status = CallCheck(*authorizer, failing, &response);
    ASSERT_TRUE(status.ok())
        << status.error_code() << ": " << status.error_message();
    ASSERT_TRUE(response.has_denied_response());
  }

  const std::string key =
      server.CreateUserWithKey("acme", "acme-us", "victim", {"user"});
  EXPECT_THAT(server.ClientFor(key).GetUserInfo(), IsOk());
}

// Before, 200 Checks with distinct 3 MiB addresses took
// identityd from 28 to 688 MiB, and each was logged whole.
TEST_F(ExtAuthzTest, ASourceAddressThatIsNoIpIsA400) {
  for (int i = 0; i < 200; ++i) {
    const CheckRequest request = ClaimingSource(
        EnvoyCheck({}), absl::StrCat(i, std::string(3 << 20, '1')));
    ExpectDenied(Check(request), 400, kRpcInvalidArgument,
                 R"({"error":"invalid_argument"})");
  }
  ExpectDenied(Check(ClaimingSource(EnvoyCheck({}), "10.1.2.3:80")), 400,
               kRpcInvalidArgument, R"({"error":"invalid_argument"})");

  const std::vector<FinishedCall> checks = recorder_.checks();
  ASSERT_EQ(checks.size(), 201u);
  for (const FinishedCall& check : checks) {
    EXPECT_EQ(check.code, grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_LT(check.peer.size(), 64u);
    EXPECT_EQ(check.claimed_address, "");
  }
}

// Before, a refused impersonation through Check recorded the claimed
// address as the event's peer: a ~4 MB one made a 4 MB row, after which
// ListAuditEvents of the org failed for everyone.
TEST(ExtAuthzAuditTest, TheAuditRecordsTheAuthorizerAndTheClaimApart) {
  PostgresBackedServer::Options options;
  options.server.impersonation_refusal_flush_interval = absl::Milliseconds(50);
  ServerUnderTest server(FreshDatabaseUrl(), options);
  const std::string boss =
      server.CreateUserWithKey("acme", "acme-us", "boss", {"org-admin-user"});
  server.CreateUserWithKey("globex", "globex-us", "hank", {"user"});
  const std::unique_ptr<Authorization::Stub> stub =
      Authorization::NewStub(server.NewChannel());
  const CheckRequest refused = EnvoyCheck(
      {{"authorization", "Bearer " + boss}, {"x-impersonate-user", "hank"}});

  CheckResponse huge;
  ASSERT_TRUE(CallCheck(*stub,
                        ClaimingSource(refused, std::string(4'000'000, '7')),
                        &huge)
                  .ok());
  ASSERT_TRUE(huge.has_denied_response()) << huge.status().DebugString();
  EXPECT_EQ(huge.denied_response().status().code(), 400);
  CheckResponse denied;
  ASSERT_TRUE(CallCheck(*stub, refused, &denied).ok());
  EXPECT_EQ(denied.denied_response().status().code(), 403);

  v1::ListAuditEventsRequest list;
  list.set_lookup_org_id("acme");
  list.set_resource_type("impersonation");
  absl::StatusOr<v1::ListAuditEventsResponse> page;
  for (int attempt = 0; attempt < 200; ++attempt) {
    page = server.AdminClient().ListAuditEvents(list);
    if (!page.ok() || page->events_size() > 0) break;
    absl::SleepFor(absl::Milliseconds(25));
  }
  ASSERT_THAT(page, IsOk());
  ASSERT_EQ(page->events_size(), 1);
  const v1::AuditEvent& event = page->events(0);
  EXPECT_EQ(event.actor_id(), "boss");
  EXPECT_EQ(event.resource_id(), "hank");
  EXPECT_EQ(event.method(), kExtAuthzCheckMethod);
  EXPECT_THAT(event.peer(), MatchesRegex("ipv4:127\\.0\\.0\\.1:[0-9]+"));
  EXPECT_EQ(event.claimed_address(), "10.1.2.3");
  EXPECT_EQ(event.summary().fields().at("refusals").number_value(), 1);
}

}  // namespace
}  // namespace identity::testing
