// Every RPC of every identity.v1 service, enumerated from the descriptors so
// that a new one cannot be forgotten, refuses a call without a valid key with
// UNAUTHENTICATED, says why in a google.rpc.ErrorInfo of the details trailer
// and changes nothing; health needs no key.
//
// Calls go through grpc::GenericStub with requests that the admin's key would
// carry out (SampleRequestsSucceedForTheAdmin proves they do), so a refusal
// can only come from the credentials.
#include <gmock/gmock.h>
#include <grpcpp/client_context.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/slice.h>
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "base/status_matchers.h"
#include "client/status_conversion.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/unknown_field_set.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "service/auth/access_key_secret.h"
#include "tests/e2e/server_under_test.h"
#include "tests/harness/shared_postgres.h"

namespace identity::testing {
namespace {

using google::protobuf::MethodDescriptor;
using ::testing::HasSubstr;

// The RPCs of the five services' .proto files (the twenty,
// ListAuditEvents and RotateAccessKey); a change must be deliberate, here and
// in the samples.
constexpr size_t kIdentityRpcCount = 22;

std::vector<const MethodDescriptor*> IdentityRpcs() {
  std::vector<const MethodDescriptor*> rpcs;
  for (const char* service :
       {"identity.v1.OrgService", "identity.v1.TenantService",
        "identity.v1.UserService", "identity.v1.AccessKeyService",
        "identity.v1.AuditService"}) {
    const google::protobuf::ServiceDescriptor* descriptor =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
            service);
    EXPECT_NE(descriptor, nullptr) << service;
    if (descriptor == nullptr) continue;
    for (int i = 0; i < descriptor->method_count(); ++i) {
      rpcs.push_back(descriptor->method(i));
    }
  }
  return rpcs;
}

// The name gRPC routes by, e.g. "/identity.v1.OrgService/CreateOrg".
std::string RoutePath(const MethodDescriptor& rpc) {
  return absl::StrCat("/", rpc.service()->full_name(), "/", rpc.name());
}

// --- The world the sample requests act on ---

constexpr char kOrg[] = "acme";
constexpr char kTenant[] = "acme-tenant";
constexpr char kMember[] = "member";
// Super admins whose keys are made invalid: were they still honoured, every
// sample would succeed and change the world.
constexpr char kRetiredAdmin[] = "retired-admin";
constexpr char kExpiringAdmin[] = "expiring-admin";

// One request per RPC, by the RPC's full name, in text format so that it
// reads like the call it makes.
const std::map<std::string, std::string>& SampleRequests() {
  static const auto* samples = new std::map<std::string, std::string>{
      {"identity.v1.OrgService.CreateOrg",
       R"pb(org { id: "new-org" name: "New org" })pb"},
      {"identity.v1.OrgService.GetOrg", R"pb(id: "acme")pb"},
      {"identity.v1.OrgService.UpdateOrg",
       R"pb(org { id: "acme" name: "Renamed" })pb"},
      {"identity.v1.OrgService.DeleteOrg", R"pb(id: "doomed-org")pb"},
      {"identity.v1.OrgService.ListOrgs", R"pb(page_size: 10)pb"},
      {"identity.v1.TenantService.CreateTenant",
       R"pb(tenant { id: "new-tenant" org_id: "acme" })pb"},
      {"identity.v1.TenantService.GetTenant", R"pb(id: "acme-tenant")pb"},
      {"identity.v1.TenantService.UpdateTenant",
       R"pb(tenant { id: "acme-tenant" name: "Renamed" })pb"},
      {"identity.v1.TenantService.DeleteTenant", R"pb(id: "doomed-tenant")pb"},
      {"identity.v1.TenantService.ListTenants", R"pb(lookup_org_id: "acme")pb"},
      {"identity.v1.UserService.CreateUser",
       R"pb(user { id: "new-user" tenant_id: "acme-tenant" roles: "user" })pb"},
      {"identity.v1.UserService.GetUser", R"pb(id: "member")pb"},
      {"identity.v1.UserService.UpdateUser",
       R"pb(user { id: "member" name: "Renamed" })pb"},
      {"identity.v1.UserService.DeleteUser", R"pb(id: "doomed-user")pb"},
      {"identity.v1.UserService.ListUsers", R"pb(lookup_org_id: "acme")pb"},
      {"identity.v1.UserService.GetUserInfo", ""},
      {"identity.v1.UserService.UpdateConfig",
       R"pb(updated {
              fields {
                key: "theme"
                value { string_value: "dark" }
              }
            })pb"},
      {"identity.v1.AccessKeyService.CreateAccessKey",
       R"pb(name: "new-key" user_id: "member")pb"},
      {"identity.v1.AccessKeyService.ListAccessKeys",
       R"pb(user_id: "member")pb"},
      {"identity.v1.AccessKeyService.DeleteAccessKeys",
       R"pb(names: "doomed-key" user_id: "member")pb"},
      {"identity.v1.AccessKeyService.RotateAccessKey",
       R"pb(name: "member-key" user_id: "member")pb"},
      {"identity.v1.AuditService.ListAuditEvents", R"pb(lookup_org_id: "*")pb"},
  };
  return *samples;
}

// The sample request of `rpc`, serialized; empty, with a test failure, when
// there is none or it does not parse.
std::string SerializedSample(const MethodDescriptor& rpc) {
  const auto sample = SampleRequests().find(rpc.full_name());
  if (sample == SampleRequests().end()) {
    ADD_FAILURE() << "no sample request for " << rpc.full_name();
    return "";
  }
  std::unique_ptr<google::protobuf::Message> request(
      google::protobuf::MessageFactory::generated_factory()
          ->GetPrototype(rpc.input_type())
          ->New());
  EXPECT_TRUE(
      google::protobuf::TextFormat::ParseFromString(sample->second, &*request))
      << "the sample of " << rpc.full_name() << " is not a "
      << rpc.input_type()->full_name();
  return request->SerializeAsString();
}

google::protobuf::Timestamp TimestampOf(absl::Time time) {
  const int64_t nanos = absl::ToUnixNanos(time);
  google::protobuf::Timestamp timestamp;
  timestamp.set_seconds(nanos / 1'000'000'000);
  timestamp.set_nanos(static_cast<int32_t>(nanos % 1'000'000'000));
  return timestamp;
}

// What a raw unary call answered.
struct RawAnswer {
  grpc::Status status;
  std::string body;
};

// One unary call by route path; `authorization` is sent as given, or not at
// all when absent.
RawAnswer CallRaw(grpc::GenericStub& stub, const std::string& route,
                  const std::string& request,
                  const std::optional<std::string>& authorization) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(30));
  if (authorization) context.AddMetadata("authorization", *authorization);
  grpc::Slice request_slice(request);
  const grpc::ByteBuffer request_buffer(&request_slice, 1);
  grpc::ByteBuffer response_buffer;
  RawAnswer answer;
  absl::Notification done;
  stub.UnaryCall(&context, route, grpc::StubOptions(), &request_buffer,
                 &response_buffer, [&](grpc::Status status) {
                   answer.status = std::move(status);
                   done.Notify();
                 });
  done.WaitForNotification();
  std::vector<grpc::Slice> slices;
  if (answer.status.ok() && response_buffer.Dump(&slices).ok()) {
    for (const grpc::Slice& slice : slices) {
      answer.body.append(reinterpret_cast<const char*>(slice.begin()),
                         slice.size());
    }
  }
  return answer;
}

// The google.rpc.ErrorInfo of the grpc-status-details-bin trailer, read as
// any gRPC client would, without the C++ client's conversion.
std::optional<google::rpc::ErrorInfo> ErrorInfoOf(const grpc::Status& status) {
  google::rpc::Status details;
  if (!details.ParseFromString(status.error_details())) return std::nullopt;
  for (const google::protobuf::Any& detail : details.details()) {
    google::rpc::ErrorInfo info;
    if (detail.UnpackTo(&info)) return info;
  }
  return std::nullopt;
}

class UnauthenticatedTest : public ::testing::Test {
 protected:
  UnauthenticatedTest()
      : server_(FreshDatabaseUrl(), Options()),
        admin_(server_.AdminClient()),
        stub_(server_.NewChannel()) {}

  // The targets of the sample requests, and the two super admins.
  void SetUp() override {
    v1::Org org;
    org.set_id(kOrg);
    ASSERT_THAT(admin_.CreateOrg(org), IsOk());
    org.set_id("doomed-org");
    ASSERT_THAT(admin_.CreateOrg(org), IsOk());
    for (const char* id : {kTenant, "doomed-tenant"}) {
      v1::Tenant tenant;
      tenant.set_id(id);
      tenant.set_org_id(kOrg);
      ASSERT_THAT(admin_.CreateTenant(tenant), IsOk()) << id;
    }
    for (const auto& [id, role] :
         std::vector<std::pair<std::string, std::string>>{
             {kMember, "user"},
             {"doomed-user", "user"},
             {kRetiredAdmin, "super-admin-user"},
             {kExpiringAdmin, "super-admin-user"}}) {
      v1::User user;
      user.set_id(id);
      user.set_tenant_id(kTenant);
      user.add_roles(role);
      ASSERT_THAT(admin_.CreateUser(user), IsOk()) << id;
    }
    for (const char* name : {"member-key", "doomed-key"}) {
      ASSERT_THAT(CreateKey(kMember, name), IsOk()) << name;
    }
  }

  absl::StatusOr<v1::AccessKey> CreateKey(
      const std::string& user_id, const std::string& name,
      std::optional<absl::Time> expire_time = std::nullopt) const {
    v1::CreateAccessKeyRequest request;
    request.set_user_id(user_id);
    request.set_name(name);
    if (expire_time) *request.mutable_expire_time() = TimestampOf(*expire_time);
    return admin_.CreateAccessKey(request);
  }

  // A super admin's key that worked and was then deleted.
  std::string DeletedKey() const {
    absl::StatusOr<v1::AccessKey> key = CreateKey(kRetiredAdmin, "retired");
    EXPECT_THAT(key, IsOk());
    if (!key.ok()) return "";
    EXPECT_THAT(server_.ClientFor(key->access_key()).GetUserInfo(), IsOk());
    v1::DeleteAccessKeysRequest request;
    request.set_user_id(kRetiredAdmin);
    request.add_names("retired");
    EXPECT_THAT(admin_.DeleteAccessKeys(request), IsOk());
    return key->access_key();
  }

  // A super admin's key that worked and then expired; takes three seconds, a
  // margin for a loaded machine.
  std::string ExpiredKey() const {
    const absl::Time expire_time = absl::Now() + absl::Seconds(3);
    absl::StatusOr<v1::AccessKey> key =
        CreateKey(kExpiringAdmin, "expiring", expire_time);
    EXPECT_THAT(key, IsOk());
    if (!key.ok()) return "";
    EXPECT_THAT(server_.ClientFor(key->access_key()).GetUserInfo(), IsOk());
    absl::SleepFor(expire_time - absl::Now() + absl::Milliseconds(100));
    return key->access_key();
  }

  // Everything a call could change, as the admin sees it: orgs, tenants,
  // users, their keys and configs, and the whole audit trail. The admin's
  // own keys are left out: observing them marks them used.
  std::string WorldSnapshot() const {
    std::string snapshot;
    v1::ListOrgsRequest orgs_request;
    orgs_request.set_page_size(1000);
    absl::StatusOr<v1::ListOrgsResponse> orgs = admin_.ListOrgs(orgs_request);
    EXPECT_THAT(orgs, IsOk());
    if (!orgs.ok()) return "";
    absl::StrAppend(&snapshot, orgs->DebugString());
    for (const v1::Org& org : orgs->orgs()) {
      v1::ListTenantsRequest tenants_request;
      tenants_request.set_lookup_org_id(org.id());
      tenants_request.set_page_size(1000);
      absl::StatusOr<v1::ListTenantsResponse> tenants =
          admin_.ListTenants(tenants_request);
      EXPECT_THAT(tenants, IsOk());
      if (tenants.ok()) absl::StrAppend(&snapshot, tenants->DebugString());
      v1::ListUsersRequest users_request;
      users_request.set_lookup_org_id(org.id());
      users_request.set_page_size(1000);
      absl::StatusOr<v1::ListUsersResponse> users =
          admin_.ListUsers(users_request);
      EXPECT_THAT(users, IsOk());
      if (!users.ok()) continue;
      absl::StrAppend(&snapshot, users->DebugString());
      for (const v1::User& user : users->users()) {
        if (user.id() != "admin") absl::StrAppend(&snapshot, UserState(user));
      }
    }
    v1::ListAuditEventsRequest audit_request;
    audit_request.set_lookup_org_id("*");
    audit_request.set_page_size(1000);
    absl::StatusOr<v1::ListAuditEventsResponse> events =
        admin_.ListAuditEvents(audit_request);
    EXPECT_THAT(events, IsOk());
    if (events.ok()) absl::StrAppend(&snapshot, events->DebugString());
    return snapshot;
  }

  // A user's keys and config; only the user itself reads its config, so the
  // admin impersonates it.
  std::string UserState(const v1::User& user) const {
    std::string state = absl::StrCat("keys and config of ", user.id(), ":\n");
    v1::ListAccessKeysRequest keys_request;
    keys_request.set_user_id(user.id());
    keys_request.set_page_size(1000);
    absl::StatusOr<v1::ListAccessKeysResponse> keys =
        admin_.ListAccessKeys(keys_request);
    EXPECT_THAT(keys, IsOk());
    if (keys.ok()) absl::StrAppend(&state, keys->DebugString());
    absl::StatusOr<v1::UpdateConfigResponse> config =
        admin_.AsUser(user.id()).UpdateConfig();
    EXPECT_THAT(config, IsOk());
    if (config.ok()) absl::StrAppend(&state, config->DebugString());
    return state;
  }

  static PostgresBackedServer::Options Options() {
    PostgresBackedServer::Options options;
    // Every bad credential against every RPC, from one address: more
    // failures than the default limit allows, and this test is about the
    // answer before the limit (hostile_traffic_test covers the limit).
    options.server.failed_authentications.burst = 100'000;
    return options;
  }

  ServerUnderTest server_;
  Client admin_;
  grpc::GenericStub stub_;
};

TEST_F(UnauthenticatedTest, FindsEveryRpcOfTheFiveServicesWithASample) {
  const std::vector<const MethodDescriptor*> rpcs = IdentityRpcs();
  EXPECT_EQ(rpcs.size(), kIdentityRpcCount);
  for (const MethodDescriptor* rpc : rpcs) {
    EXPECT_EQ(SampleRequests().count(rpc->full_name()), 1u)
        << rpc->full_name() << " has no sample request";
  }
  EXPECT_EQ(SampleRequests().size(), kIdentityRpcCount);
}

// Without this the refusals below could be the requests' fault.
TEST_F(UnauthenticatedTest, SampleRequestsSucceedForTheAdmin) {
  const std::string authorization =
      absl::StrCat("Bearer ", server_.admin_key());
  for (const MethodDescriptor* rpc : IdentityRpcs()) {
    SCOPED_TRACE(rpc->full_name());
    const RawAnswer answer =
        CallRaw(stub_, RoutePath(*rpc), SerializedSample(*rpc), authorization);
    EXPECT_THAT(FromGrpcStatus(answer.status), IsOk());
  }
}

TEST_F(UnauthenticatedTest,
       EveryRpcRefusesCallsWithoutAValidKeyAndChangesNothing) {
  const std::vector<const MethodDescriptor*> rpcs = IdentityRpcs();
  ASSERT_EQ(rpcs.size(), kIdentityRpcCount);
  struct BadCredential {
    std::string what;
    std::optional<std::string> authorization;
    // Every key that grants nothing has the same reason, so that it does not
    // tell whether the key exists.
    std::string reason;
  };
  const std::string kMissing = "MISSING_CREDENTIALS";
  const std::string kInvalidKey = "INVALID_ACCESS_KEY";
  const std::vector<BadCredential> credentials = {
      {"no authorization header", std::nullopt, kMissing},
      {"a Bearer token that is no key", "Bearer garbage", kInvalidKey},
      {"another scheme", "Basic xyz", kMissing},
      {"a well-formed key never issued",
       absl::StrCat("Bearer ", AccessKeySecret::Generate().value()),
       kInvalidKey},
      {"the admin's key without the Bearer scheme", server_.admin_key(),
       kMissing},
      {"a deleted key", absl::StrCat("Bearer ", DeletedKey()), kInvalidKey},
      {"an expired key", absl::StrCat("Bearer ", ExpiredKey()), kInvalidKey},
  };
  for (const BadCredential& credential : credentials) {
    SCOPED_TRACE(credential.what);
    const std::string before = WorldSnapshot();
    // The snapshot reaches what the samples would change, down to keys.
    ASSERT_THAT(before, HasSubstr("doomed-key"));
    for (const MethodDescriptor* rpc : rpcs) {
      SCOPED_TRACE(rpc->full_name());
      const RawAnswer answer =
          CallRaw(stub_, RoutePath(*rpc), SerializedSample(*rpc),
                  credential.authorization);
      EXPECT_THAT(FromGrpcStatus(answer.status),
                  StatusIs(absl::StatusCode::kUnauthenticated));
      // The details trailer carries a google.rpc.ErrorInfo (AIP-193).
      const std::optional<google::rpc::ErrorInfo> info =
          ErrorInfoOf(answer.status);
      ASSERT_TRUE(info.has_value());
      EXPECT_EQ(info->domain(), "identity");
      EXPECT_EQ(info->reason(), credential.reason);
    }
    EXPECT_EQ(WorldSnapshot(), before);
  }
}

// Health is for the orchestrator, which holds no key. Readiness turns
// SERVING once the change feed is live and the database probe has passed, a
// moment after start; the answer comes without a key all along.
TEST_F(UnauthenticatedTest, HealthCheckNeedsNoKey) {
  constexpr uint64_t kServing = 1;
  uint64_t status = 0;
  const absl::Time give_up = absl::Now() + absl::Seconds(10);
  while (status != kServing && absl::Now() < give_up) {
    const RawAnswer answer =
        CallRaw(stub_, "/grpc.health.v1.Health/Check", "", std::nullopt);
    ASSERT_THAT(FromGrpcStatus(answer.status), IsOk());
    // HealthCheckResponse { status = 1 (SERVING) }, read without its .proto.
    google::protobuf::UnknownFieldSet response;
    ASSERT_TRUE(response.ParseFromString(answer.body));
    ASSERT_EQ(response.field_count(), 1);
    EXPECT_EQ(response.field(0).number(), 1);
    status = response.field(0).varint();
    if (status != kServing) absl::SleepFor(absl::Milliseconds(100));
  }
  EXPECT_EQ(status, kServing);
}

}  // namespace
}  // namespace identity::testing
