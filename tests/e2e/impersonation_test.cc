// Impersonation end to end: who may act as whom, what a
// call that impersonates may do, how refusals look and are recorded, the
// client's scoped guard and AsUser views, and how fast a replica stops an
// impersonator whose key or role was taken away.
#include <gmock/gmock.h>
#include <grpcpp/client_context.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/clock.h"
#include "base/call_metadata.h"
#include "base/status_matchers.h"
#include "client/status_conversion.h"
#include "identity/v1/user_service.grpc.pb.h"
#include "tests/e2e/resource_builders.h"
#include "tests/e2e/server_under_test.h"
#include "tests/harness/shared_postgres.h"

namespace identity::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::UnorderedElementsAreArray;

constexpr char kHomeOrg[] = "imp-home";
constexpr char kAwayOrg[] = "imp-away";

const std::vector<std::string>& BuiltInRoles() {
  static const auto* roles = new std::vector<std::string>{
      "trial-user",     "trial-api-user",  "user", "api-user", "admin-user",
      "org-admin-user", "super-admin-user"};
  return *roles;
}

// The README's role table, written out again so that the test's expectations
// do not come from the code under test.
const std::map<std::string, std::set<std::string>>& PermissionsByRole() {
  static const auto* table = [] {
    const std::set<std::string> trial = {
        "self:config", "self:access_keys", "read:semantic-context",
        "read:liked-queries", "read:databases"};
    auto with = [](std::set<std::string> base,
                   const std::vector<std::string>& added) {
      base.insert(added.begin(), added.end());
      return base;
    };
    const auto user = with(
        trial,
        {"write:liked-queries", "write:semantic-context", "write:databases"});
    const auto api_user = with(user, {"usage:api", "write:access_key",
                                      "read:similarity-search-index"});
    const auto admin_user =
        with(api_user, {"publish:semantic-context", "publish:liked-queries",
                        "publish:access-rules", "push:databases",
                        "write:similarity-search-index"});
    const auto org_admin_user = with(
        admin_user, {"read:user", "write:user", "read:tenant", "write:tenant",
                     "read:org", "usage:impersonation", "read:usage-report"});
    return new std::map<std::string, std::set<std::string>>{
        {"trial-user", trial},
        {"trial-api-user", with(trial, {"usage:api"})},
        {"user", user},
        {"api-user", api_user},
        {"admin-user", admin_user},
        {"org-admin-user", org_admin_user},
        {"super-admin-user", with(org_admin_user, {"write:org"})}};
  }();
  return *table;
}

// The rule, applied to the table above.
bool MayImpersonate(const std::string& caller_role,
                    const std::string& target_role, bool same_org) {
  const std::set<std::string>& caller = PermissionsByRole().at(caller_role);
  const std::set<std::string>& target = PermissionsByRole().at(target_role);
  return caller.count("usage:impersonation") > 0 &&
         std::includes(caller.begin(), caller.end(), target.begin(),
                       target.end()) &&
         (same_org || caller.count("write:org") > 0);
}

// The users every test acts with: one caller of each role in the home org,
// and one target of each role in the home org and in the away org.
std::string Caller(const std::string& role) {
  return absl::StrCat(role, ".caller");
}
std::string Target(const std::string& role, bool same_org) {
  return absl::StrCat(role, same_org ? ".home" : ".away");
}

// The identity a call runs as, in one string that EXPECT_EQ prints well: the
// key's own user, or a target and its impersonator.
std::string Identity(const std::string& user_id) { return user_id; }
std::string Identity(const std::string& user_id,
                     const std::string& impersonator) {
  return absl::StrCat(user_id, " impersonated by ", impersonator);
}

// The identity the server gives `client`'s next call, from GetUserInfo.
std::string IdentityOf(const Client& client) {
  absl::StatusOr<v1::GetUserInfoResponse> info = client.GetUserInfo();
  if (!info.ok()) return info.status().ToString();
  return info->impersonator_id().empty()
             ? Identity(info->id())
             : Identity(info->id(), info->impersonator_id());
}

// The string value of `key` in `config`, or "<absent>".
std::string StringAt(const google::protobuf::Struct& config,
                     const std::string& key) {
  auto it = config.fields().find(key);
  return it == config.fields().end() ? "<absent>" : it->second.string_value();
}

v1::UpdateConfigRequest SetConfig(const std::string& key,
                                  const std::string& value) {
  v1::UpdateConfigRequest request;
  (*request.mutable_updated()->mutable_fields())[key].set_string_value(value);
  return request;
}

// A server and the users above, each with a key; built once per suite.
class ImpersonationWorld {
 public:
  ImpersonationWorld()
      : server_(FreshDatabaseUrl(), Options()), admin_(server_.AdminClient()) {
    for (const std::string& role : BuiltInRoles()) {
      AddUser(kHomeOrg, Caller(role), role);
      AddUser(kHomeOrg, Target(role, /*same_org=*/true), role);
      AddUser(kAwayOrg, Target(role, /*same_org=*/false), role);
    }
  }

  ServerUnderTest& server() { return server_; }
  const Client& admin() const { return admin_; }

  // Creates `user_id` with `role` in `org_id` and returns its key.
  std::string AddUser(const std::string& org_id, const std::string& user_id,
                      const std::string& role) {
    std::string key = server_.CreateUserWithKey(
        org_id, absl::StrCat(org_id, "-tenant"), user_id, {role});
    keys_[user_id] = key;
    return key;
  }

  const std::string& KeyOf(const std::string& user_id) const {
    return keys_.at(user_id);
  }

  // A client calling with `user_id`'s own key.
  Client ClientOf(const std::string& user_id) const {
    return server_.ClientFor(KeyOf(user_id));
  }

  // The names of `user_id`'s access keys, as the super admin lists them.
  std::vector<std::string> KeyNamesOf(const std::string& user_id) const {
    v1::ListAccessKeysRequest request;
    request.set_user_id(user_id);
    absl::StatusOr<v1::ListAccessKeysResponse> keys =
        admin_.ListAccessKeys(request);
    EXPECT_THAT(keys, IsOk());
    std::vector<std::string> names;
    if (keys.ok()) {
      for (const v1::AccessKey& key : keys->access_keys()) {
        names.push_back(key.name());
      }
    }
    return names;
  }

  // The user's config, read with its own key, so not through impersonation.
  google::protobuf::Struct ConfigOf(const std::string& user_id) const {
    absl::StatusOr<v1::UpdateConfigResponse> config =
        ClientOf(user_id).UpdateConfig();
    EXPECT_THAT(config, IsOk());
    return config.ok() ? config->configs() : google::protobuf::Struct();
  }

  // Every event matching `filter` in every org, newest first, as the super
  // admin reads it page by page.
  std::vector<v1::AuditEvent> AuditEvents(
      v1::ListAuditEventsRequest filter) const {
    filter.set_lookup_org_id("*");
    std::vector<v1::AuditEvent> events;
    do {
      absl::StatusOr<v1::ListAuditEventsResponse> page =
          admin_.ListAuditEvents(filter);
      EXPECT_THAT(page, IsOk());
      if (!page.ok()) break;
      events.insert(events.end(), page->events().begin(), page->events().end());
      filter.set_page_token(page->next_page_token());
    } while (!filter.page_token().empty());
    return events;
  }

  // The recorded refusals of `caller` impersonating `target`, newest first.
  std::vector<v1::AuditEvent> RefusalsOf(const std::string& caller,
                                         const std::string& target) const {
    v1::ListAuditEventsRequest filter;
    filter.set_actor_id(caller);
    filter.set_resource_type("impersonation");
    filter.set_resource_id(target);
    return AuditEvents(filter);
  }

  // How many refusals of `caller` impersonating `target` are recorded: the
  // sum of the counts in their events' summaries.
  int64_t RefusalCountOf(const std::string& caller,
                         const std::string& target) const {
    int64_t count = 0;
    for (const v1::AuditEvent& event : RefusalsOf(caller, target)) {
      auto it = event.summary().fields().find("refusals");
      EXPECT_TRUE(it != event.summary().fields().end());
      if (it != event.summary().fields().end()) {
        count += static_cast<int64_t>(it->second.number_value());
      }
    }
    return count;
  }

  // RefusalCountOf once it reaches `expected`, or after 5 s.
  int64_t AwaitRefusalCount(const std::string& caller,
                            const std::string& target, int64_t expected) const {
    const absl::Time give_up = absl::Now() + absl::Seconds(5);
    int64_t count = RefusalCountOf(caller, target);
    while (count < expected && absl::Now() < give_up) {
      absl::SleepFor(absl::Milliseconds(10));
      count = RefusalCountOf(caller, target);
    }
    return count;
  }

  // The newest audit event about `user_id`'s config, if any.
  std::optional<v1::AuditEvent> NewestConfigEventOf(
      const std::string& user_id) const {
    v1::ListAuditEventsRequest filter;
    filter.set_resource_type("config");
    filter.set_resource_id(user_id);
    filter.set_page_size(1);
    filter.set_lookup_org_id("*");
    absl::StatusOr<v1::ListAuditEventsResponse> page =
        admin_.ListAuditEvents(filter);
    EXPECT_THAT(page, IsOk());
    if (!page.ok() || page->events().empty()) return std::nullopt;
    return page->events(0);
  }

 private:
  static PostgresBackedServer::Options Options() {
    PostgresBackedServer::Options options;
    // Refusals are counted and written in batches; short batches let each
    // test see its own.
    options.server.impersonation_refusal_flush_interval =
        absl::Milliseconds(20);
    return options;
  }

  ServerUnderTest server_;
  Client admin_;
  std::map<std::string, std::string> keys_;
};

// ---------------------------------------------------------------------------
// Every built-in role as caller × every built-in role as target × same org
// or another org.

using MatrixCase = std::tuple<std::string, std::string, bool>;

// "org-admin-user" -> "OrgAdminUser": gtest names allow no dashes.
std::string CamelCase(const std::string& role) {
  std::string name;
  bool upper = true;
  for (char c : role) {
    if (c == '-') {
      upper = true;
    } else {
      name += upper ? absl::ascii_toupper(static_cast<unsigned char>(c)) : c;
      upper = false;
    }
  }
  return name;
}

std::string MatrixCaseName(const ::testing::TestParamInfo<MatrixCase>& info) {
  const auto& [caller_role, target_role, same_org] = info.param;
  return absl::StrCat(CamelCase(caller_role), "_Impersonates_",
                      CamelCase(target_role),
                      same_org ? "_InSameOrg" : "_InOtherOrg");
}

class ImpersonationMatrixTest : public ::testing::TestWithParam<MatrixCase> {
 protected:
  static void SetUpTestSuite() { world_ = new ImpersonationWorld; }
  static void TearDownTestSuite() {
    delete world_;
    world_ = nullptr;
  }

  static ImpersonationWorld* world_;
};

ImpersonationWorld* ImpersonationMatrixTest::world_ = nullptr;

TEST_P(ImpersonationMatrixTest, AllowedExactlyWhereTheRulesSay) {
  const auto& [caller_role, target_role, same_org] = GetParam();
  const std::string caller = Caller(caller_role);
  const std::string target = Target(target_role, same_org);
  const std::string target_org = same_org ? kHomeOrg : kAwayOrg;
  const Client as_target = world_->ClientOf(caller).AsUser(target);
  // Each caller writes its own key, so one target's config tells every
  // caller's write apart.
  const std::string note = absl::StrCat("note-from-", caller);
  const int64_t refusals_before = world_->RefusalCountOf(caller, target);

  absl::StatusOr<v1::GetUserInfoResponse> info = as_target.GetUserInfo();
  absl::StatusOr<v1::UpdateConfigResponse> written =
      as_target.UpdateConfig(SetConfig(note, caller));

  if (MayImpersonate(caller_role, target_role, same_org)) {
    ASSERT_THAT(info, IsOk());
    EXPECT_EQ(info->id(), target);
    EXPECT_EQ(info->org_id(), target_org);
    EXPECT_THAT(info->roles(), ElementsAre(target_role));
    EXPECT_THAT(info->permissions(),
                UnorderedElementsAreArray(PermissionsByRole().at(target_role)));
    EXPECT_EQ(info->impersonator_id(), caller);

    ASSERT_THAT(written, IsOk());
    EXPECT_EQ(StringAt(written->configs(), note), caller);
    EXPECT_EQ(StringAt(world_->ConfigOf(target), note), caller);
    EXPECT_EQ(StringAt(world_->ConfigOf(caller), note), "<absent>");
    std::optional<v1::AuditEvent> event = world_->NewestConfigEventOf(target);
    ASSERT_TRUE(event.has_value());
    EXPECT_EQ(event->actor_id(), caller);
    EXPECT_EQ(event->impersonated_user_id(), target);
    EXPECT_EQ(event->org_id(), target_org);
    EXPECT_EQ(world_->RefusalCountOf(caller, target), refusals_before);
  } else {
    EXPECT_THAT(info, StatusIs(absl::StatusCode::kPermissionDenied));
    EXPECT_THAT(written, StatusIs(absl::StatusCode::kPermissionDenied));
    EXPECT_EQ(StringAt(world_->ConfigOf(target), note), "<absent>");
    EXPECT_EQ(StringAt(world_->ConfigOf(caller), note), "<absent>");
    // Both denied calls are counted, in one event or two.
    EXPECT_EQ(world_->AwaitRefusalCount(caller, target, refusals_before + 2),
              refusals_before + 2);
    std::vector<v1::AuditEvent> refusals = world_->RefusalsOf(caller, target);
    ASSERT_FALSE(refusals.empty());
    EXPECT_EQ(refusals[0].outcome(), "PERMISSION_DENIED");
  }
}

INSTANTIATE_TEST_SUITE_P(EveryRolePair, ImpersonationMatrixTest,
                         ::testing::Combine(::testing::ValuesIn(BuiltInRoles()),
                                            ::testing::ValuesIn(BuiltInRoles()),
                                            ::testing::Bool()),
                         MatrixCaseName);

// ---------------------------------------------------------------------------
// Everything else, on a world of its own.

class ImpersonationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { world_ = new ImpersonationWorld; }
  static void TearDownTestSuite() {
    delete world_;
    world_ = nullptr;
  }

  // GetUserInfo carrying exactly `impersonate_values` as x-impersonate-user
  // headers, which Client cannot send: it sends at most one, never empty.
  static grpc::Status GetUserInfoWithImpersonateHeaders(
      const std::string& caller_key,
      const std::vector<std::string>& impersonate_values) {
    std::unique_ptr<v1::UserService::Stub> stub =
        v1::UserService::NewStub(world_->server().NewChannel());
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(30));
    context.AddMetadata("authorization", absl::StrCat("Bearer ", caller_key));
    for (const std::string& value : impersonate_values) {
      context.AddMetadata(kImpersonateUserMetadata, value);
    }
    v1::GetUserInfoResponse response;
    return stub->GetUserInfo(&context, v1::GetUserInfoRequest(), &response);
  }

  static ImpersonationWorld* world_;
};

ImpersonationWorld* ImpersonationTest::world_ = nullptr;

TEST_F(ImpersonationTest, MissingAndForbiddenTargetsGiveIdenticalErrors) {
  const std::string missing = "nobody.home";
  // An org admin is refused the super admin of its org and anyone elsewhere;
  // a plain user is refused everyone.
  const std::map<std::string, std::vector<std::string>> forbidden_by_caller = {
      {Caller("org-admin-user"),
       {Target("super-admin-user", true), Target("user", false)}},
      {Caller("user"), {Target("trial-user", true), Target("user", false)}},
  };
  for (const auto& [caller, forbidden_targets] : forbidden_by_caller) {
    const Client client = world_->ClientOf(caller);
    const absl::Status missing_status =
        client.AsUser(missing).GetUserInfo().status();
    EXPECT_THAT(missing_status, StatusIs(absl::StatusCode::kPermissionDenied));
    const std::string missing_message = absl::StrReplaceAll(
        missing_status.message(), {{missing, "<asked for>"}});
    for (const std::string& target : forbidden_targets) {
      const absl::Status forbidden_status =
          client.AsUser(target).GetUserInfo().status();
      EXPECT_EQ(forbidden_status.code(), missing_status.code())
          << caller << " as " << target << ": " << forbidden_status;
      EXPECT_EQ(absl::StrReplaceAll(forbidden_status.message(),
                                    {{target, "<asked for>"}}),
                missing_message)
          << caller << " as " << target;
    }
  }
}

TEST_F(ImpersonationTest, MalformedImpersonateHeadersAreInvalidArgument) {
  const std::string caller = Caller("org-admin-user");
  const Client client = world_->ClientOf(caller);
  const std::string allowed_target = Target("user", true);
  for (const std::string& malformed :
       {std::string("bad id!"), std::string("slash/id"),
        std::string(129, 'a')}) {
    const Client as_malformed = client.AsUser(malformed);
    const absl::Status info = as_malformed.GetUserInfo().status();
    EXPECT_THAT(info, StatusIs(absl::StatusCode::kInvalidArgument));
    EXPECT_THAT(info.message(), HasSubstr(kImpersonateUserMetadata));
    const absl::Status write =
        as_malformed.UpdateConfig(SetConfig("malformed-header", malformed))
            .status();
    EXPECT_THAT(write, StatusIs(absl::StatusCode::kInvalidArgument));
  }
  EXPECT_EQ(StringAt(world_->ConfigOf(caller), "malformed-header"), "<absent>");

  const std::string& key = world_->KeyOf(caller);
  const grpc::Status empty = GetUserInfoWithImpersonateHeaders(key, {""});
  EXPECT_THAT(FromGrpcStatus(empty),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr(kImpersonateUserMetadata)));
  // Twice, even when both name a user the caller may impersonate.
  const grpc::Status same_twice =
      GetUserInfoWithImpersonateHeaders(key, {allowed_target, allowed_target});
  EXPECT_THAT(FromGrpcStatus(same_twice),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr(kImpersonateUserMetadata)));
  const grpc::Status two_users = GetUserInfoWithImpersonateHeaders(
      key, {allowed_target, Target("api-user", true)});
  EXPECT_THAT(FromGrpcStatus(two_users),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr(kImpersonateUserMetadata)));
  // The raw stub itself is sound: one header is served.
  EXPECT_THAT(
      FromGrpcStatus(GetUserInfoWithImpersonateHeaders(key, {allowed_target})),
      IsOk());
}

TEST_F(ImpersonationTest, WritesAreAuthorizedAsTheTarget) {
  const std::string caller = Caller("org-admin-user");
  const std::string target = Target("user", true);
  const Client client = world_->ClientOf(caller);
  const std::vector<std::string> target_keys_before =
      world_->KeyNamesOf(target);
  const std::vector<std::string> caller_keys_before =
      world_->KeyNamesOf(caller);

  // `user` lacks write:access_key, which the org admin holds.
  v1::CreateAccessKeyRequest create;
  create.set_name("made-while-impersonating-user");
  const absl::Status as_target =
      client.AsUser(target).CreateAccessKey(create).status();
  EXPECT_THAT(as_target, StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_EQ(world_->KeyNamesOf(target), target_keys_before);
  EXPECT_EQ(world_->KeyNamesOf(caller), caller_keys_before);
  // Nor may the call reach what only the org admin may read.
  EXPECT_THAT(client.AsUser(target).ListUsers(),
              StatusIs(absl::StatusCode::kPermissionDenied));

  // The same request without impersonation is the org admin's, and allowed.
  absl::StatusOr<v1::AccessKey> own = client.CreateAccessKey(create);
  ASSERT_THAT(own, IsOk());
  EXPECT_EQ(own->user_id(), caller);
  EXPECT_EQ(world_->KeyNamesOf(target), target_keys_before);
}

TEST_F(ImpersonationTest, AuditEventsOfImpersonatedWritesNameBothUsers) {
  const std::string caller = Caller("org-admin-user");
  const std::string target = Target("api-user", true);
  const Client as_target = world_->ClientOf(caller).AsUser(target);

  v1::CreateAccessKeyRequest create;
  create.set_name("made-by-impersonator");
  absl::StatusOr<v1::AccessKey> key = as_target.CreateAccessKey(create);
  ASSERT_THAT(key, IsOk());
  EXPECT_EQ(key->user_id(), target);
  ASSERT_THAT(as_target.UpdateConfig(SetConfig("theme", "dark")), IsOk());
  v1::DeleteAccessKeysRequest remove;
  remove.add_names("made-by-impersonator");
  ASSERT_THAT(as_target.DeleteAccessKeys(remove), IsOk());

  v1::ListAuditEventsRequest by_impersonator;
  by_impersonator.set_actor_id(caller);
  v1::ListAuditEventsRequest by_target;
  by_target.set_actor_id(target);
  for (const v1::ListAuditEventsRequest& filter :
       {by_impersonator, by_target}) {
    std::vector<v1::AuditEvent> events = world_->AuditEvents(filter);
    ASSERT_GE(events.size(), 3u) << "actor filter " << filter.actor_id();
    struct Expected {
      std::string method;
      std::string resource_type;
      std::string resource_id;
    };
    const std::vector<Expected> newest_three = {
        {"/identity.v1.AccessKeyService/DeleteAccessKeys", "access_key",
         target},
        {"/identity.v1.UserService/UpdateConfig", "config", target},
        {"/identity.v1.AccessKeyService/CreateAccessKey", "access_key",
         absl::StrCat(target, "/made-by-impersonator")},
    };
    for (size_t i = 0; i < newest_three.size(); ++i) {
      SCOPED_TRACE(absl::StrCat("actor filter ", filter.actor_id(), ", event ",
                                newest_three[i].method));
      EXPECT_EQ(events[i].method(), newest_three[i].method);
      EXPECT_EQ(events[i].resource_type(), newest_three[i].resource_type);
      EXPECT_EQ(events[i].resource_id(), newest_three[i].resource_id);
      EXPECT_EQ(events[i].actor_id(), caller);
      EXPECT_EQ(events[i].impersonated_user_id(), target);
      EXPECT_EQ(events[i].org_id(), kHomeOrg);
      EXPECT_EQ(events[i].outcome(), "OK");
    }
  }
}

TEST_F(ImpersonationTest, EveryDeniedAttemptIsAudited) {
  // One caller lacking usage:impersonation, and one holding it asking for a
  // user above it, elsewhere, or nonexistent.
  const std::vector<std::pair<std::string, std::string>> attempts = {
      {Caller("admin-user"), Target("trial-user", true)},
      {Caller("org-admin-user"), Target("super-admin-user", true)},
      {Caller("org-admin-user"), Target("trial-user", false)},
      {Caller("org-admin-user"), "nobody.home"},
  };
  for (const auto& [caller, target] : attempts) {
    SCOPED_TRACE(absl::StrCat(caller, " as ", target));
    const int64_t before = world_->RefusalCountOf(caller, target);
    const absl::Time start = absl::Now();
    const absl::Status status =
        world_->ClientOf(caller).AsUser(target).GetUserInfo().status();
    const absl::Time end = absl::Now();
    ASSERT_THAT(status, StatusIs(absl::StatusCode::kPermissionDenied));

    ASSERT_EQ(world_->AwaitRefusalCount(caller, target, before + 1),
              before + 1);
    std::vector<v1::AuditEvent> refusals = world_->RefusalsOf(caller, target);
    ASSERT_FALSE(refusals.empty());
    const v1::AuditEvent& event = refusals.front();
    EXPECT_EQ(event.outcome(), "PERMISSION_DENIED");
    EXPECT_EQ(event.resource_type(), "impersonation");
    EXPECT_EQ(event.resource_id(), target);
    EXPECT_EQ(event.actor_id(), caller);
    EXPECT_THAT(event.impersonated_user_id(), IsEmpty());
    EXPECT_EQ(event.org_id(), kHomeOrg);
    EXPECT_EQ(event.method(), "/identity.v1.UserService/GetUserInfo");
    EXPECT_THAT(event.peer(), Not(IsEmpty()));
    const absl::Time time = absl::FromUnixSeconds(event.time().seconds()) +
                            absl::Nanoseconds(event.time().nanos());
    // The database keeps microseconds; the event is written after the call,
    // within a flush interval.
    EXPECT_GE(time, absl::FromUnixMicros(absl::ToUnixMicros(start)));
    EXPECT_LE(time, end + absl::Seconds(5));
  }
}

// --- The client's scoped guard, checked against the server ---

// Opens a scope as `user_id`, then fails the way callers' code does: by
// returning the first error from inside the scope.
absl::Status CreateKeyAs(Client& client, const std::string& user_id,
                         const std::string& key_name) {
  ImpersonationScope as_user = client.Impersonate(user_id);
  absl::StatusOr<v1::GetUserInfoResponse> info = client.GetUserInfo();
  if (!info.ok()) return info.status();
  v1::CreateAccessKeyRequest request;
  request.set_name(key_name);
  absl::StatusOr<v1::AccessKey> key = client.CreateAccessKey(request);
  if (!key.ok()) return key.status();
  return absl::OkStatus();
}

TEST_F(ImpersonationTest, ScopeImpersonatesForItsBlockOnly) {
  const std::string caller = Caller("org-admin-user");
  Client client = world_->ClientOf(caller);
  {
    ImpersonationScope as_user = client.Impersonate(Target("user", true));
    EXPECT_EQ(client.impersonated_user(), Target("user", true));
    EXPECT_EQ(IdentityOf(client), Identity(Target("user", true), caller));
  }
  EXPECT_EQ(client.impersonated_user(), "");
  EXPECT_EQ(IdentityOf(client), Identity(caller));
}

TEST_F(ImpersonationTest, ScopeRestoresWhenTheBodyReturnsAnError) {
  const std::string caller = Caller("org-admin-user");
  Client client = world_->ClientOf(caller);
  // Fails on the key: `user` lacks write:access_key.
  const absl::Status refused_key =
      CreateKeyAs(client, Target("user", true), "from-scope");
  EXPECT_THAT(refused_key, StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_EQ(IdentityOf(client), Identity(caller));
  // Fails on the first call: the impersonation itself is refused.
  const absl::Status refused_user =
      CreateKeyAs(client, Target("super-admin-user", true), "from-scope");
  EXPECT_THAT(refused_user, StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_EQ(IdentityOf(client), Identity(caller));
  // And the same body succeeding ends the same way.
  EXPECT_THAT(CreateKeyAs(client, Target("api-user", true), "from-scope"),
              IsOk());
  EXPECT_EQ(IdentityOf(client), Identity(caller));
}

TEST_F(ImpersonationTest, ScopeRestoresOnBreakAndOnException) {
  const std::string caller = Caller("org-admin-user");
  Client client = world_->ClientOf(caller);
  for (int attempt = 0; attempt < 3; ++attempt) {
    ImpersonationScope as_user = client.Impersonate(Target("user", true));
    if (IdentityOf(client) == Identity(Target("user", true), caller)) break;
  }
  EXPECT_EQ(IdentityOf(client), Identity(caller));

  try {
    ImpersonationScope as_user = client.Impersonate(Target("user", true));
    throw std::runtime_error(IdentityOf(client));
  } catch (const std::runtime_error& seen_inside) {
    EXPECT_EQ(seen_inside.what(), Identity(Target("user", true), caller));
  }
  EXPECT_EQ(IdentityOf(client), Identity(caller));
}

TEST_F(ImpersonationTest, NestedScopesRestoreInReverseOrder) {
  const std::string caller = Caller("org-admin-user");
  const std::string outer = Target("admin-user", true);
  const std::string inner = Target("trial-user", true);
  Client client = world_->ClientOf(caller);
  {
    ImpersonationScope as_outer = client.Impersonate(outer);
    EXPECT_EQ(IdentityOf(client), Identity(outer, caller));
    {
      ImpersonationScope as_inner = client.Impersonate(inner);
      EXPECT_EQ(IdentityOf(client), Identity(inner, caller));
    }
    EXPECT_EQ(IdentityOf(client), Identity(outer, caller));
  }
  EXPECT_EQ(IdentityOf(client), Identity(caller));
}

TEST_F(ImpersonationTest, ScopeRestoresWhatSetImpersonateUserChose) {
  const std::string caller = Caller("org-admin-user");
  const std::string set_user = Target("api-user", true);
  Client client = world_->ClientOf(caller);
  client.SetImpersonateUser(set_user);
  EXPECT_EQ(IdentityOf(client), Identity(set_user, caller));
  {
    // Kept in an optional and ended early, as code holding a scope in a
    // member would.
    std::optional<ImpersonationScope> as_user;
    as_user.emplace(client.Impersonate(Target("user", true)));
    EXPECT_EQ(IdentityOf(client), Identity(Target("user", true), caller));
    as_user.reset();
    EXPECT_EQ(IdentityOf(client), Identity(set_user, caller));
  }
  EXPECT_EQ(IdentityOf(client), Identity(set_user, caller));
  client.ClearImpersonation();
  EXPECT_EQ(IdentityOf(client), Identity(caller));
}

TEST_F(ImpersonationTest, AsUserViewsAreIndependentOfTheirParent) {
  const std::string caller = Caller("org-admin-user");
  Client parent = world_->ClientOf(caller);
  parent.SetImpersonateUser(Target("admin-user", true));
  Client view = parent.AsUser(Target("user", true));
  EXPECT_EQ(IdentityOf(view), Identity(Target("user", true), caller));
  parent.ClearImpersonation();
  EXPECT_EQ(IdentityOf(view), Identity(Target("user", true), caller));
  view.SetImpersonateUser(Target("trial-user", true));
  EXPECT_EQ(IdentityOf(view), Identity(Target("trial-user", true), caller));
  EXPECT_EQ(IdentityOf(parent), Identity(caller));
}

TEST_F(ImpersonationTest, AsUserViewsFromEightThreadsNeverMixIdentities) {
  const std::string caller = Caller("super-admin-user");
  const Client parent = world_->ClientOf(caller);
  std::vector<std::string> targets;
  for (const std::string& role : BuiltInRoles()) {
    targets.push_back(Target(role, true));
  }
  targets.push_back(Target("user", false));
  ASSERT_EQ(targets.size(), 8u);
  constexpr int kCallsPerThread = 300;

  // Per thread: every answer that did not match the view that asked.
  std::vector<std::vector<std::string>> mismatches(targets.size());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < targets.size(); ++i) {
    threads.emplace_back([&, i] {
      const Client view = parent.AsUser(targets[i]);
      const std::string expected_view = Identity(targets[i], caller);
      for (int call = 0; call < kCallsPerThread; ++call) {
        if (std::string seen = IdentityOf(view); seen != expected_view) {
          mismatches[i].push_back(
              absl::StrCat("view of ", targets[i], " saw ", seen));
        }
        if (call % 3 == 0) {
          if (std::string seen = IdentityOf(parent); seen != Identity(caller)) {
            mismatches[i].push_back(absl::StrCat("parent saw ", seen));
          }
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (size_t i = 0; i < targets.size(); ++i) {
    EXPECT_THAT(mismatches[i], IsEmpty()) << "thread of " << targets[i];
  }
}

// --- Revocation, seen through a second replica on the same database ---

// The second replica's cache only starts serving (and so only can go stale)
// once its change feed listens; give it time to, so that the calls below
// exercise invalidation of a warm cache rather than cold database reads.
void LetChangeFeedStartListening() { absl::SleepFor(absl::Milliseconds(200)); }

// A change reaches other replicas through LISTEN/NOTIFY, after the call that
// made it has returned: measured here at 1-11 ms, so the very first call
// after it was still served from the stale cache in a quarter to a half of
// the runs, depending on load.
// The README bounds the delay at 100 ms; the next call made after that must
// see the change.
void WaitOutReplicaPropagationBound() {
  absl::SleepFor(absl::Milliseconds(100));
}

TEST_F(ImpersonationTest, DeletedKeyStopsImpersonationOnNextCallOfOtherServer) {
  const std::string caller = "deleted-key.admin";
  const std::string key = world_->AddUser(kHomeOrg, caller, "org-admin-user");
  ServerUnderTest second(world_->server().database_url());
  LetChangeFeedStartListening();
  const Client through_second =
      second.ClientFor(key).AsUser(Target("user", true));
  // Twice: the second answer comes from the warm cache.
  ASSERT_EQ(IdentityOf(through_second), Identity(Target("user", true), caller));
  ASSERT_EQ(IdentityOf(through_second), Identity(Target("user", true), caller));

  v1::DeleteAccessKeysRequest revoke;
  revoke.set_user_id(caller);
  for (const std::string& name : world_->KeyNamesOf(caller)) {
    revoke.add_names(name);
  }
  ASSERT_THAT(world_->admin().DeleteAccessKeys(revoke), IsOk());
  WaitOutReplicaPropagationBound();

  const absl::Status next = through_second.GetUserInfo().status();
  EXPECT_THAT(next, StatusIs(absl::StatusCode::kUnauthenticated));
}

TEST_F(ImpersonationTest,
       RemovedRoleStopsImpersonationOnNextCallOfOtherServer) {
  const std::string caller = "demoted.admin";
  const std::string key = world_->AddUser(kHomeOrg, caller, "org-admin-user");
  ServerUnderTest second(world_->server().database_url());
  LetChangeFeedStartListening();
  const Client through_second =
      second.ClientFor(key).AsUser(Target("user", true));
  ASSERT_EQ(IdentityOf(through_second), Identity(Target("user", true), caller));
  ASSERT_EQ(IdentityOf(through_second), Identity(Target("user", true), caller));

  v1::User demoted;
  demoted.set_id(caller);
  demoted.add_roles("user");
  google::protobuf::FieldMask roles_only;
  roles_only.add_paths("roles");
  ASSERT_THAT(world_->admin().UpdateUser(demoted, roles_only), IsOk());
  WaitOutReplicaPropagationBound();

  const absl::Status next = through_second.GetUserInfo().status();
  EXPECT_THAT(next, StatusIs(absl::StatusCode::kPermissionDenied));
  // The key still works for the caller itself, now as a plain user.
  EXPECT_EQ(IdentityOf(second.ClientFor(key)), Identity(caller));
}

// The review's scenario, as the README describes keys and impersonation: a
// key an org admin minted for svc, once used, left its cap in the identity
// cache as svc's own permissions, and from then on the org admin could
// impersonate svc after svc became a super admin.
TEST(ImpersonationThroughCachedKeysTest, TheTargetsOwnPermissionsDecide) {
  ServerUnderTest server;
  Client admin = server.AdminClient();
  Client olga = server.ClientFor(
      server.CreateUserWithKey("acme", "acme-t", "olga", {"org-admin-user"}));
  ASSERT_THAT(olga.CreateUser(UserProto("svc", "acme-t", "acme", {"user"})),
              IsOk());
  v1::CreateAccessKeyRequest mint;
  mint.set_user_id("svc");
  mint.set_name("minted");
  absl::StatusOr<v1::AccessKey> minted = olga.CreateAccessKey(mint);
  ASSERT_THAT(minted, IsOk());
  ASSERT_THAT(
      admin.UpdateUser(UserProto("svc", "acme-t", "acme", {"super-admin-user"}),
                       MaskOf({"roles"})),
      IsOk());
  const auto refused =
      ::testing::AllOf(StatusIs(absl::StatusCode::kPermissionDenied),
                       ErrorReasonIs("IMPERSONATION_REFUSED"));
  EXPECT_THAT(olga.AsUser("svc").GetUserInfo(), refused);

  // The minted key is used once, and stays capped at what olga could give.
  absl::StatusOr<v1::GetUserInfoResponse> through_minted =
      server.ClientFor(minted->access_key()).GetUserInfo();
  ASSERT_THAT(through_minted, IsOk());
  EXPECT_THAT(through_minted->permissions(),
              Not(::testing::Contains("write:org")));

  EXPECT_THAT(olga.AsUser("svc").GetUserInfo(), refused);
  v1::ListAccessKeysRequest of_admin;
  of_admin.set_user_id("admin");
  absl::StatusOr<v1::ListAccessKeysResponse> admin_keys =
      admin.ListAccessKeys(of_admin);
  ASSERT_THAT(admin_keys, IsOk());
  ASSERT_GE(admin_keys->access_keys_size(), 1);
  v1::DeleteAccessKeysRequest remove;
  remove.set_user_id("admin");
  remove.add_names(admin_keys->access_keys(0).name());
  EXPECT_THAT(olga.AsUser("svc").DeleteAccessKeys(remove), refused);
  EXPECT_THAT(admin.ListAccessKeys(of_admin),
              IsOkAndHolds(::testing::Property(
                  &v1::ListAccessKeysResponse::access_keys_size,
                  admin_keys->access_keys_size())));

  // A super admin's own least-privilege key, once used, opens nothing
  // either.
  ASSERT_THAT(admin.CreateUser(
                  UserProto("root2", "root", "root", {"super-admin-user"})),
              IsOk());
  v1::CreateAccessKeyRequest narrow;
  narrow.set_user_id("root2");
  narrow.set_name("narrow");
  narrow.add_permissions("read:databases");
  absl::StatusOr<v1::AccessKey> narrow_key = admin.CreateAccessKey(narrow);
  ASSERT_THAT(narrow_key, IsOk());
  ASSERT_THAT(server.ClientFor(narrow_key->access_key()).GetUserInfo(), IsOk());
  Client root_org_admin = server.ClientFor(
      server.CreateUserWithKey("root", "root", "rosa", {"org-admin-user"}));
  EXPECT_THAT(root_org_admin.AsUser("root2").GetUserInfo(), refused);
}

}  // namespace
}  // namespace identity::testing
