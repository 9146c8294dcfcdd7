// The audit trail end to end: every mutating RPC leaves exactly one
// event when it succeeds and none when it fails, wherever it fails; and
// ListAuditEvents orders, pages, filters and restricts what it returns.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "base/status_matchers.h"
#include "google/protobuf/util/json_util.h"
#include "tests/e2e/resource_builders.h"
#include "tests/e2e/server_under_test.h"
#include "tests/harness/shared_postgres.h"

namespace identity::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::IsEmpty;
using ::testing::Not;

google::protobuf::FieldMask Mask(const std::string& path) {
  google::protobuf::FieldMask mask;
  mask.add_paths(path);
  return mask;
}

// A name past the 256-character limit: refused before any transaction.
std::string TooLongName() { return std::string(257, 'n'); }

absl::Time TimeOf(const v1::AuditEvent& event) {
  return absl::FromUnixSeconds(event.time().seconds()) +
         absl::Nanoseconds(event.time().nanos());
}

google::protobuf::Timestamp ToTimestamp(absl::Time time) {
  google::protobuf::Timestamp timestamp;
  const int64_t micros = absl::ToUnixMicros(time);
  timestamp.set_seconds(micros / 1'000'000);
  timestamp.set_nanos(static_cast<int32_t>(micros % 1'000'000) * 1000);
  return timestamp;
}

std::string SummaryJson(const v1::AuditEvent& event) {
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(event.summary(), &json);
  return json;
}

// The string under `key` in the event's summary, or "<absent>".
std::string StringAt(const v1::AuditEvent& event, const std::string& key) {
  auto it = event.summary().fields().find(key);
  return it == event.summary().fields().end() ? "<absent>"
                                              : it->second.string_value();
}

// The strings listed under `key` in the event's summary.
std::vector<std::string> ListAt(const v1::AuditEvent& event,
                                const std::string& key) {
  std::vector<std::string> values;
  auto it = event.summary().fields().find(key);
  if (it == event.summary().fields().end()) return {"<absent>"};
  for (const google::protobuf::Value& value :
       it->second.list_value().values()) {
    values.push_back(value.string_value());
  }
  return values;
}

std::vector<int64_t> IdsOf(const std::vector<v1::AuditEvent>& events) {
  std::vector<int64_t> ids;
  for (const v1::AuditEvent& event : events) ids.push_back(event.id());
  return ids;
}

std::vector<std::string> MethodsOf(const std::vector<v1::AuditEvent>& events) {
  std::vector<std::string> methods;
  for (const v1::AuditEvent& event : events) methods.push_back(event.method());
  return methods;
}

// For failure messages: protobuf messages print poorly in gtest.
std::string Describe(const std::vector<v1::AuditEvent>& events) {
  std::string text;
  for (const v1::AuditEvent& event : events) {
    absl::StrAppend(&text, "\n  ", event.ShortDebugString());
  }
  return text;
}

// One call, when it ran, and every audit event written meanwhile.
struct TracedCall {
  absl::Status status;
  absl::Time start;
  absl::Time end;
  // Oldest first.
  std::vector<v1::AuditEvent> events;
};

class AuditTrailTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerUnderTest;
    secrets_ = new std::vector<std::string>{server_->admin_key()};
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
    delete secrets_;
    secrets_ = nullptr;
  }

  AuditTrailTest() : admin_(server_->AdminClient()) {}

  // Creates the user (and its org and tenant) through the admin and returns a
  // client calling with its own key.
  Client UserWithKey(const std::string& org_id, const std::string& tenant_id,
                     const std::string& user_id, const std::string& role) {
    std::string key =
        server_->CreateUserWithKey(org_id, tenant_id, user_id, {role});
    secrets_->push_back(key);
    return server_->ClientFor(key);
  }

  // Every event matching `request`, newest first, page by page.
  std::vector<v1::AuditEvent> ListAll(const Client& reader,
                                      v1::ListAuditEventsRequest request) {
    std::vector<v1::AuditEvent> events;
    do {
      absl::StatusOr<v1::ListAuditEventsResponse> page =
          reader.ListAuditEvents(request);
      EXPECT_THAT(page, IsOk());
      if (!page.ok()) break;
      events.insert(events.end(), page->events().begin(), page->events().end());
      request.set_page_token(page->next_page_token());
    } while (!request.page_token().empty());
    return events;
  }

  std::vector<v1::AuditEvent> EventsOfOrg(const std::string& org_id) {
    v1::ListAuditEventsRequest request;
    request.set_lookup_org_id(org_id);
    return ListAll(admin_, request);
  }

  // The id of the newest event of any org, 0 when there is none.
  int64_t NewestEventId() {
    v1::ListAuditEventsRequest request;
    request.set_lookup_org_id("*");
    request.set_page_size(1);
    absl::StatusOr<v1::ListAuditEventsResponse> page =
        admin_.ListAuditEvents(request);
    EXPECT_THAT(page, IsOk());
    return page.ok() && !page->events().empty() ? page->events(0).id() : 0;
  }

  // Runs `call`; the events newer than the newest before it are its own, as
  // nothing else writes to this suite's database meanwhile.
  TracedCall Trace(const std::function<absl::Status()>& call) {
    const int64_t newest_before = NewestEventId();
    TracedCall traced;
    traced.start = absl::Now();
    traced.status = call();
    traced.end = absl::Now();
    v1::ListAuditEventsRequest request;
    request.set_lookup_org_id("*");
    for (const v1::AuditEvent& event : ListAll(admin_, request)) {
      if (event.id() <= newest_before) break;
      traced.events.insert(traced.events.begin(), event);
    }
    return traced;
  }

  // Checks that `call` succeeded and left exactly one event, by `actor_id`
  // without impersonation, with these fields; returns it.
  v1::AuditEvent ExpectOneEvent(const TracedCall& call,
                                const std::string& method,
                                const std::string& resource_type,
                                const std::string& resource_id,
                                const std::string& org_id,
                                const std::string& actor_id) {
    SCOPED_TRACE(method);
    EXPECT_THAT(call.status, IsOk());
    EXPECT_EQ(call.events.size(), 1u) << Describe(call.events);
    if (call.events.empty()) return v1::AuditEvent();
    const v1::AuditEvent& event = call.events.front();
    EXPECT_EQ(event.method(), method);
    EXPECT_EQ(event.resource_type(), resource_type);
    EXPECT_EQ(event.resource_id(), resource_id);
    EXPECT_EQ(event.org_id(), org_id);
    EXPECT_EQ(event.actor_id(), actor_id);
    EXPECT_THAT(event.impersonated_user_id(), IsEmpty());
    EXPECT_THAT(event.peer(), Not(IsEmpty()));
    EXPECT_EQ(event.outcome(), "OK");
    // The database keeps microseconds.
    EXPECT_GE(TimeOf(event),
              absl::FromUnixMicros(absl::ToUnixMicros(call.start)));
    EXPECT_LE(TimeOf(event), call.end);
    const std::string summary = SummaryJson(event);
    for (const std::string& secret : *secrets_) {
      EXPECT_EQ(summary.find(secret), std::string::npos) << summary;
    }
    return event;
  }

  static void ExpectNoEvent(const TracedCall& call, absl::StatusCode code) {
    EXPECT_EQ(call.status.code(), code) << call.status;
    EXPECT_EQ(call.events.size(), 0u) << Describe(call.events);
  }

  static ServerUnderTest* server_;
  // Every access key this suite has seen; no event may show one.
  static std::vector<std::string>* secrets_;
  Client admin_;
};

ServerUnderTest* AuditTrailTest::server_ = nullptr;
std::vector<std::string>* AuditTrailTest::secrets_ = nullptr;

// --- Every mutating RPC: one event after success, none after failure ---

TEST_F(AuditTrailTest, CreateOrgRecordsOneEventOnlyWhenItSucceeds) {
  TracedCall created = Trace(
      [&] { return admin_.CreateOrg(OrgProto("a-co", "first")).status(); });
  v1::AuditEvent event =
      ExpectOneEvent(created, "/identity.v1.OrgService/CreateOrg", "org",
                     "a-co", "a-co", "admin");
  EXPECT_EQ(StringAt(event, "name"), "first");

  ExpectNoEvent(
      Trace([&] {
        return admin_.CreateOrg(OrgProto("a-co-long", TooLongName())).status();
      }),
      absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(admin_.GetOrg("a-co-long"),
              StatusIs(absl::StatusCode::kNotFound));

  ExpectNoEvent(Trace([&] {
                  return admin_.CreateOrg(OrgProto("a-co", "second")).status();
                }),
                absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(admin_.GetOrg("a-co")->name(), "first");
}

TEST_F(AuditTrailTest, UpdateOrgRecordsOneEventOnlyWhenItSucceeds) {
  absl::StatusOr<v1::Org> org = admin_.CreateOrg(OrgProto("a-uo", "first"));
  ASSERT_THAT(org, IsOk());

  v1::AuditEvent event = ExpectOneEvent(
      Trace([&] {
        return admin_.UpdateOrg(OrgProto("a-uo", "second")).status();
      }),
      "/identity.v1.OrgService/UpdateOrg", "org", "a-uo", "a-uo", "admin");
  EXPECT_EQ(SummaryJson(event), R"({"fields":["name"]})");

  ExpectNoEvent(
      Trace([&] {
        return admin_.UpdateOrg(OrgProto("a-uo", TooLongName())).status();
      }),
      absl::StatusCode::kInvalidArgument);
  v1::Org stale = OrgProto("a-uo", "third");
  stale.set_etag(org->etag());
  ExpectNoEvent(Trace([&] { return admin_.UpdateOrg(stale).status(); }),
                absl::StatusCode::kAborted);
  EXPECT_EQ(admin_.GetOrg("a-uo")->name(), "second");
}

TEST_F(AuditTrailTest, DeleteOrgRecordsOneEventOnlyWhenItSucceeds) {
  ASSERT_THAT(admin_.CreateOrg(OrgProto("a-do")), IsOk());
  ASSERT_THAT(admin_.CreateTenant(TenantProto("a-do-t", "a-do")), IsOk());

  ExpectNoEvent(Trace([&] { return admin_.DeleteOrg("bad id!"); }),
                absl::StatusCode::kInvalidArgument);
  ExpectNoEvent(Trace([&] { return admin_.DeleteOrg("a-do"); }),
                absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(admin_.GetTenant("a-do-t"), IsOk());

  // One event for the org, none for the tenant that went with it.
  v1::AuditEvent event = ExpectOneEvent(
      Trace([&] { return admin_.DeleteOrg("a-do", /*force=*/true); }),
      "/identity.v1.OrgService/DeleteOrg", "org", "a-do", "a-do", "admin");
  EXPECT_EQ(SummaryJson(event), R"({"force":true})");
  EXPECT_THAT(admin_.GetOrg("a-do"), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(AuditTrailTest, CreateTenantRecordsOneEventOnlyWhenItSucceeds) {
  Client org_admin =
      UserWithKey("a-ct", "a-ct-home", "a-ct.admin", "org-admin-user");
  v1::AuditEvent event = ExpectOneEvent(
      Trace([&] {
        return org_admin.CreateTenant(TenantProto("a-ct-t", "a-ct", "first"))
            .status();
      }),
      "/identity.v1.TenantService/CreateTenant", "tenant", "a-ct-t", "a-ct",
      "a-ct.admin");
  EXPECT_EQ(StringAt(event, "name"), "first");

  ExpectNoEvent(
      Trace([&] {
        return org_admin
            .CreateTenant(TenantProto("a-ct-long", "a-ct", TooLongName()))
            .status();
      }),
      absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(admin_.GetTenant("a-ct-long"),
              StatusIs(absl::StatusCode::kNotFound));

  ExpectNoEvent(Trace([&] {
                  return org_admin
                      .CreateTenant(TenantProto("a-ct-t", "a-ct", "second"))
                      .status();
                }),
                absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(admin_.GetTenant("a-ct-t")->name(), "first");
}

TEST_F(AuditTrailTest, UpdateTenantRecordsOneEventOnlyWhenItSucceeds) {
  Client org_admin =
      UserWithKey("a-ut", "a-ut-home", "a-ut.admin", "org-admin-user");
  absl::StatusOr<v1::Tenant> tenant =
      org_admin.CreateTenant(TenantProto("a-ut-t", "a-ut", "first"));
  ASSERT_THAT(tenant, IsOk());

  v1::AuditEvent event = ExpectOneEvent(
      Trace([&] {
        return org_admin.UpdateTenant(TenantProto("a-ut-t", "", "second"))
            .status();
      }),
      "/identity.v1.TenantService/UpdateTenant", "tenant", "a-ut-t", "a-ut",
      "a-ut.admin");
  EXPECT_EQ(SummaryJson(event), R"({"fields":["name"]})");

  ExpectNoEvent(Trace([&] {
                  return org_admin
                      .UpdateTenant(TenantProto("a-ut-t", "", "x"),
                                    Mask("no_such_field"))
                      .status();
                }),
                absl::StatusCode::kInvalidArgument);
  v1::Tenant stale = TenantProto("a-ut-t", "", "third");
  stale.set_etag(tenant->etag());
  ExpectNoEvent(Trace([&] { return org_admin.UpdateTenant(stale).status(); }),
                absl::StatusCode::kAborted);
  EXPECT_EQ(admin_.GetTenant("a-ut-t")->name(), "second");
}

TEST_F(AuditTrailTest, DeleteTenantRecordsOneEventOnlyWhenItSucceeds) {
  Client org_admin =
      UserWithKey("a-dt", "a-dt-home", "a-dt.admin", "org-admin-user");
  ASSERT_THAT(org_admin.CreateTenant(TenantProto("a-dt-t", "a-dt")), IsOk());
  ASSERT_THAT(
      org_admin.CreateUser(UserProto("a-dt.user", "a-dt-t", "", {"user"})),
      IsOk());

  ExpectNoEvent(Trace([&] { return org_admin.DeleteTenant("bad id!"); }),
                absl::StatusCode::kInvalidArgument);
  ExpectNoEvent(Trace([&] { return org_admin.DeleteTenant("a-dt-t"); }),
                absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(admin_.GetUser("a-dt.user"), IsOk());

  v1::AuditEvent event = ExpectOneEvent(
      Trace([&] { return org_admin.DeleteTenant("a-dt-t", /*force=*/true); }),
      "/identity.v1.TenantService/DeleteTenant", "tenant", "a-dt-t", "a-dt",
      "a-dt.admin");
  EXPECT_EQ(SummaryJson(event), R"({"force":true})");
  EXPECT_THAT(admin_.GetUser("a-dt.user"),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(AuditTrailTest, CreateUserRecordsOneEventOnlyWhenItSucceeds) {
  Client org_admin =
      UserWithKey("a-cu", "a-cu-home", "a-cu.admin", "org-admin-user");
  v1::AuditEvent event = ExpectOneEvent(
      Trace([&] {
        return org_admin
            .CreateUser(UserProto("a-cu.user", "a-cu-home", "", {"user"}))
            .status();
      }),
      "/identity.v1.UserService/CreateUser", "user", "a-cu.user", "a-cu",
      "a-cu.admin");
  EXPECT_THAT(ListAt(event, "roles"), ElementsAre("user"));
  EXPECT_EQ(StringAt(event, "tenant_id"), "a-cu-home");

  ExpectNoEvent(
      Trace([&] {
        return org_admin
            .CreateUser(UserProto("a-cu.wizard", "a-cu-home", "", {"wizard"}))
            .status();
      }),
      absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(admin_.GetUser("a-cu.wizard"),
              StatusIs(absl::StatusCode::kNotFound));

  ExpectNoEvent(
      Trace([&] {
        return org_admin
            .CreateUser(UserProto("a-cu.user", "a-cu-home", "", {"api-user"}))
            .status();
      }),
      absl::StatusCode::kAlreadyExists);
  EXPECT_THAT(admin_.GetUser("a-cu.user")->roles(), ElementsAre("user"));
}

TEST_F(AuditTrailTest, UpdateUserRecordsOneEventOnlyWhenItSucceeds) {
  Client org_admin =
      UserWithKey("a-uu", "a-uu-home", "a-uu.admin", "org-admin-user");
  absl::StatusOr<v1::User> user =
      org_admin.CreateUser(UserProto("a-uu.user", "a-uu-home", "", {"user"}));
  ASSERT_THAT(user, IsOk());

  v1::AuditEvent event = ExpectOneEvent(
      Trace([&] {
        return org_admin
            .UpdateUser(UserProto("a-uu.user", "", "", {"api-user"}),
                        Mask("roles"))
            .status();
      }),
      "/identity.v1.UserService/UpdateUser", "user", "a-uu.user", "a-uu",
      "a-uu.admin");
  EXPECT_THAT(ListAt(event, "fields"), ElementsAre("roles"));
  EXPECT_THAT(ListAt(event, "roles"), ElementsAre("api-user"));

  ExpectNoEvent(Trace([&] {
                  return org_admin
                      .UpdateUser(UserProto("a-uu.user", "", "", {"wizard"}),
                                  Mask("roles"))
                      .status();
                }),
                absl::StatusCode::kInvalidArgument);
  v1::User stale = UserProto("a-uu.user", "", "", {"trial-user"});
  stale.set_etag(user->etag());
  ExpectNoEvent(Trace([&] {
                  return org_admin.UpdateUser(stale, Mask("roles")).status();
                }),
                absl::StatusCode::kAborted);
  EXPECT_THAT(admin_.GetUser("a-uu.user")->roles(), ElementsAre("api-user"));
}

TEST_F(AuditTrailTest, DeleteUserRecordsOneEventOnlyWhenItSucceeds) {
  Client org_admin =
      UserWithKey("a-du", "a-du-home", "a-du.admin", "org-admin-user");
  ASSERT_THAT(
      org_admin.CreateUser(UserProto("a-du.user", "a-du-home", "", {"user"})),
      IsOk());

  ExpectNoEvent(Trace([&] { return org_admin.DeleteUser("bad id!"); }),
                absl::StatusCode::kInvalidArgument);
  // Found missing inside the transaction.
  ExpectNoEvent(Trace([&] { return admin_.DeleteUser("a-du.nobody"); }),
                absl::StatusCode::kNotFound);

  v1::AuditEvent event =
      ExpectOneEvent(Trace([&] { return org_admin.DeleteUser("a-du.user"); }),
                     "/identity.v1.UserService/DeleteUser", "user", "a-du.user",
                     "a-du", "a-du.admin");
  EXPECT_EQ(SummaryJson(event), R"({"roles":["user"]})");
  EXPECT_THAT(admin_.GetUser("a-du.user"),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(AuditTrailTest, UpdateConfigRecordsOneEventOnlyWhenItSucceeds) {
  Client user = UserWithKey("a-uc", "a-uc-home", "a-uc.user", "user");
  v1::UpdateConfigRequest set_theme;
  (*set_theme.mutable_updated()->mutable_fields())["theme"].set_string_value(
      "dark");
  v1::AuditEvent event = ExpectOneEvent(
      Trace([&] { return user.UpdateConfig(set_theme).status(); }),
      "/identity.v1.UserService/UpdateConfig", "config", "a-uc.user", "a-uc",
      "a-uc.user");
  EXPECT_THAT(ListAt(event, "updated"), ElementsAre("theme"));
  EXPECT_THAT(ListAt(event, "deleted"), IsEmpty());

  v1::UpdateConfigRequest empty_key;
  (*empty_key.mutable_updated()->mutable_fields())[""].set_string_value("x");
  ExpectNoEvent(Trace([&] { return user.UpdateConfig(empty_key).status(); }),
                absl::StatusCode::kInvalidArgument);

  // Each request is within the 1,000-key limit; only the merged result,
  // computed inside the transaction, is past it.
  v1::UpdateConfigRequest fill;
  for (int i = 0; i < 999; ++i) {
    (*fill.mutable_updated()->mutable_fields())[absl::StrCat("k", i)]
        .set_number_value(i);
  }
  ASSERT_THAT(user.UpdateConfig(fill), IsOk());
  v1::UpdateConfigRequest one_too_many;
  (*one_too_many.mutable_updated()->mutable_fields())["overflow"]
      .set_bool_value(true);
  ExpectNoEvent(Trace([&] { return user.UpdateConfig(one_too_many).status(); }),
                absl::StatusCode::kInvalidArgument);
  absl::StatusOr<v1::UpdateConfigResponse> config = user.UpdateConfig();
  ASSERT_THAT(config, IsOk());
  EXPECT_EQ(config->configs().fields_size(), 1000);
  EXPECT_EQ(config->configs().fields().count("overflow"), 0u);
}

TEST_F(AuditTrailTest, UpdateConfigWithEmptyRequestWritesNoEvent) {
  Client user = UserWithKey("a-ue", "a-ue-home", "a-ue.user", "user");
  v1::UpdateConfigRequest set_theme;
  (*set_theme.mutable_updated()->mutable_fields())["theme"].set_string_value(
      "light");
  ASSERT_THAT(user.UpdateConfig(set_theme), IsOk());

  absl::StatusOr<v1::UpdateConfigResponse> read;
  TracedCall traced = Trace([&] {
    read = user.UpdateConfig();
    return read.status();
  });
  ExpectNoEvent(traced, absl::StatusCode::kOk);
  ASSERT_THAT(read, IsOk());
  EXPECT_EQ(read->configs().fields().at("theme").string_value(), "light");
}

TEST_F(AuditTrailTest, CreateAccessKeyRecordsOneEventOnlyWhenItSucceeds) {
  Client user = UserWithKey("a-ck", "a-ck-home", "a-ck.user", "api-user");
  v1::CreateAccessKeyRequest request;
  request.set_name("ci");
  absl::StatusOr<v1::AccessKey> key;
  TracedCall created = Trace([&] {
    key = user.CreateAccessKey(request);
    return key.status();
  });
  ASSERT_THAT(key, IsOk());
  secrets_->push_back(key->access_key());
  v1::AuditEvent event =
      ExpectOneEvent(created, "/identity.v1.AccessKeyService/CreateAccessKey",
                     "access_key", "a-ck.user/ci", "a-ck", "a-ck.user");
  EXPECT_EQ(StringAt(event, "key_prefix"), key->key_prefix());
  // Nor any part of the secret beyond its published prefix.
  EXPECT_EQ(SummaryJson(event).find(
                key->access_key().substr(key->key_prefix().size())),
            std::string::npos);

  v1::CreateAccessKeyRequest unnamed;
  ExpectNoEvent(Trace([&] { return user.CreateAccessKey(unnamed).status(); }),
                absl::StatusCode::kInvalidArgument);
  ExpectNoEvent(Trace([&] { return user.CreateAccessKey(request).status(); }),
                absl::StatusCode::kAlreadyExists);
  absl::StatusOr<v1::ListAccessKeysResponse> keys = user.ListAccessKeys();
  ASSERT_THAT(keys, IsOk());
  EXPECT_EQ(keys->access_keys_size(), 2);  // The fixture's key and "ci".
}

TEST_F(AuditTrailTest, DeleteAccessKeysRecordsOneEventOnlyWhenItSucceeds) {
  Client user = UserWithKey("a-dk", "a-dk-home", "a-dk.user", "api-user");
  v1::CreateAccessKeyRequest create;
  create.set_name("ci");
  absl::StatusOr<v1::AccessKey> key = user.CreateAccessKey(create);
  ASSERT_THAT(key, IsOk());
  secrets_->push_back(key->access_key());

  v1::DeleteAccessKeysRequest no_names;
  ExpectNoEvent(Trace([&] { return user.DeleteAccessKeys(no_names); }),
                absl::StatusCode::kInvalidArgument);
  // All or nothing: the unknown name is found inside the transaction.
  v1::DeleteAccessKeysRequest with_unknown;
  with_unknown.add_names("ci");
  with_unknown.add_names("no-such-key");
  ExpectNoEvent(Trace([&] { return user.DeleteAccessKeys(with_unknown); }),
                absl::StatusCode::kNotFound);
  ASSERT_EQ(user.ListAccessKeys()->access_keys_size(), 2);

  v1::DeleteAccessKeysRequest remove;
  remove.add_names("ci");
  v1::AuditEvent event =
      ExpectOneEvent(Trace([&] { return user.DeleteAccessKeys(remove); }),
                     "/identity.v1.AccessKeyService/DeleteAccessKeys",
                     "access_key", "a-dk.user", "a-dk", "a-dk.user");
  EXPECT_EQ(SummaryJson(event), R"({"names":["ci"]})");
  EXPECT_EQ(user.ListAccessKeys()->access_keys_size(), 1);
}

TEST_F(AuditTrailTest, RotateAccessKeyRecordsOneEventOnlyWhenItSucceeds) {
  Client user = UserWithKey("a-rk", "a-rk-home", "a-rk.user", "api-user");
  v1::CreateAccessKeyRequest create;
  create.set_name("ci");
  absl::StatusOr<v1::AccessKey> key = user.CreateAccessKey(create);
  ASSERT_THAT(key, IsOk());
  secrets_->push_back(key->access_key());

  v1::RotateAccessKeyRequest rotate;
  rotate.set_name("ci");
  rotate.mutable_grace_period()->set_seconds(3600);
  absl::StatusOr<v1::AccessKey> rotated;
  TracedCall traced = Trace([&] {
    rotated = user.RotateAccessKey(rotate);
    return rotated.status();
  });
  ASSERT_THAT(rotated, IsOk());
  secrets_->push_back(rotated->access_key());
  v1::AuditEvent event =
      ExpectOneEvent(traced, "/identity.v1.AccessKeyService/RotateAccessKey",
                     "access_key", "a-rk.user/ci", "a-rk", "a-rk.user");
  EXPECT_EQ(StringAt(event, "key_prefix"), rotated->key_prefix());
  EXPECT_EQ(StringAt(event, "previous_key_prefix"), key->key_prefix());
  EXPECT_EQ(StringAt(event, "grace_period"), "1h");

  v1::RotateAccessKeyRequest unknown = rotate;
  unknown.set_name("no-such-key");
  ExpectNoEvent(Trace([&] { return user.RotateAccessKey(unknown).status(); }),
                absl::StatusCode::kNotFound);
  v1::RotateAccessKeyRequest too_long = rotate;
  too_long.mutable_grace_period()->set_seconds(31 * 24 * 3600);
  ExpectNoEvent(Trace([&] { return user.RotateAccessKey(too_long).status(); }),
                absl::StatusCode::kInvalidArgument);
}

// --- ListAuditEvents ---

// A filter value that no event can have is the caller's mistake, not an
// empty page: `--resource-type keys` (for access_key) must say so.
TEST_F(AuditTrailTest, UnknownResourceTypeIsInvalidArgumentNamingTheField) {
  for (const char* unknown : {"keys", "ORG", "access-key"}) {
    SCOPED_TRACE(unknown);
    v1::ListAuditEventsRequest request;
    request.set_lookup_org_id("*");
    request.set_resource_type(unknown);
    const absl::Status status = admin_.ListAuditEvents(request).status();
    EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
    EXPECT_THAT(status, ErrorReasonIs("INVALID_FIELD"));
    EXPECT_THAT(status, HasFieldViolation("resource_type"));
  }
  for (const char* known :
       {"org", "tenant", "user", "access_key", "config", "impersonation"}) {
    SCOPED_TRACE(known);
    v1::ListAuditEventsRequest request;
    request.set_lookup_org_id("*");
    request.set_resource_type(known);
    absl::StatusOr<v1::ListAuditEventsResponse> page =
        admin_.ListAuditEvents(request);
    ASSERT_THAT(page, IsOk());
    for (const v1::AuditEvent& event : page->events()) {
      EXPECT_EQ(event.resource_type(), known);
    }
  }
}

TEST_F(AuditTrailTest, ListsNewestFirst) {
  ASSERT_THAT(admin_.CreateOrg(OrgProto("l-order")), IsOk());
  ASSERT_THAT(admin_.CreateTenant(TenantProto("l-order-t", "l-order")), IsOk());
  ASSERT_THAT(admin_.UpdateTenant(TenantProto("l-order-t", "", "renamed")),
              IsOk());
  ASSERT_THAT(admin_.DeleteTenant("l-order-t"), IsOk());

  std::vector<v1::AuditEvent> events = EventsOfOrg("l-order");
  EXPECT_THAT(MethodsOf(events),
              ElementsAre("/identity.v1.TenantService/DeleteTenant",
                          "/identity.v1.TenantService/UpdateTenant",
                          "/identity.v1.TenantService/CreateTenant",
                          "/identity.v1.OrgService/CreateOrg"));
  for (size_t i = 1; i < events.size(); ++i) {
    EXPECT_GT(events[i - 1].id(), events[i].id());
    EXPECT_GE(TimeOf(events[i - 1]), TimeOf(events[i]));
  }
}

TEST_F(AuditTrailTest, PagesReturnEveryEventExactlyOnce) {
  ASSERT_THAT(admin_.CreateOrg(OrgProto("l-pages")), IsOk());
  ASSERT_THAT(admin_.CreateTenant(TenantProto("l-pages-t", "l-pages")), IsOk());
  for (int i = 0; i < 23; ++i) {
    ASSERT_THAT(admin_.UpdateTenant(
                    TenantProto("l-pages-t", "", absl::StrCat("name-", i))),
                IsOk());
  }
  v1::ListAuditEventsRequest whole;
  whole.set_lookup_org_id("l-pages");
  absl::StatusOr<v1::ListAuditEventsResponse> one_page =
      admin_.ListAuditEvents(whole);
  ASSERT_THAT(one_page, IsOk());
  ASSERT_EQ(one_page->events_size(), 25);
  EXPECT_THAT(one_page->next_page_token(), IsEmpty());
  const std::vector<v1::AuditEvent> expected(one_page->events().begin(),
                                             one_page->events().end());

  v1::ListAuditEventsRequest paged = whole;
  paged.set_page_size(7);
  std::vector<v1::AuditEvent> seen;
  std::vector<int> page_sizes;
  do {
    absl::StatusOr<v1::ListAuditEventsResponse> page =
        admin_.ListAuditEvents(paged);
    ASSERT_THAT(page, IsOk());
    page_sizes.push_back(page->events_size());
    seen.insert(seen.end(), page->events().begin(), page->events().end());
    paged.set_page_token(page->next_page_token());
    // A change between pages is newer than the cursor: it neither shifts
    // nor repeats what the next pages hold.
    if (page_sizes.size() == 1) {
      ASSERT_THAT(
          admin_.UpdateTenant(TenantProto("l-pages-t", "", "between-pages")),
          IsOk());
    }
  } while (!paged.page_token().empty());

  EXPECT_THAT(page_sizes, ElementsAre(7, 7, 7, 4));
  const std::vector<int64_t> seen_ids = IdsOf(seen);
  EXPECT_THAT(seen_ids, ElementsAreArray(IdsOf(expected)));
  EXPECT_EQ(std::set<int64_t>(seen_ids.begin(), seen_ids.end()).size(),
            seen_ids.size());
  EXPECT_EQ(EventsOfOrg("l-pages").size(), 26u);
}

TEST_F(AuditTrailTest, TimeRangeIncludesStartAndExcludesEnd) {
  ASSERT_THAT(admin_.CreateOrg(OrgProto("l-times")), IsOk());
  ASSERT_THAT(admin_.CreateTenant(TenantProto("l-times-t", "l-times")), IsOk());
  ASSERT_THAT(admin_.UpdateTenant(TenantProto("l-times-t", "", "renamed")),
              IsOk());
  // Newest first: updated, created tenant, created org.
  const std::vector<v1::AuditEvent> events = EventsOfOrg("l-times");
  ASSERT_EQ(events.size(), 3u);
  const absl::Time org_time = TimeOf(events[2]);
  const absl::Time tenant_time = TimeOf(events[1]);
  const absl::Time update_time = TimeOf(events[0]);
  ASSERT_LT(org_time, tenant_time);
  ASSERT_LT(tenant_time, update_time);

  auto ids_between = [&](std::optional<absl::Time> start,
                         std::optional<absl::Time> end) {
    v1::ListAuditEventsRequest request;
    request.set_lookup_org_id("l-times");
    if (start) *request.mutable_start_time() = ToTimestamp(*start);
    if (end) *request.mutable_end_time() = ToTimestamp(*end);
    return IdsOf(ListAll(admin_, request));
  };
  EXPECT_THAT(ids_between(tenant_time, update_time),
              ElementsAre(events[1].id()));
  EXPECT_THAT(ids_between(tenant_time, std::nullopt),
              ElementsAre(events[0].id(), events[1].id()));
  EXPECT_THAT(ids_between(std::nullopt, tenant_time),
              ElementsAre(events[2].id()));
  EXPECT_THAT(ids_between(update_time, update_time), IsEmpty());
}

TEST_F(AuditTrailTest, FiltersByActorIncludingTheImpersonatedUser) {
  Client org_admin =
      UserWithKey("l-actor", "l-actor-t", "l-actor.admin", "org-admin-user");
  Client user = UserWithKey("l-actor", "l-actor-t", "l-actor.user", "user");
  ASSERT_THAT(
      org_admin.UpdateTenant(TenantProto("l-actor-t", "", "by-org-admin")),
      IsOk());
  v1::UpdateConfigRequest set_theme;
  (*set_theme.mutable_updated()->mutable_fields())["theme"].set_string_value(
      "dark");
  ASSERT_THAT(user.UpdateConfig(set_theme), IsOk());
  ASSERT_THAT(org_admin.AsUser("l-actor.user").UpdateConfig(set_theme), IsOk());

  v1::ListAuditEventsRequest by_user;
  by_user.set_lookup_org_id("l-actor");
  by_user.set_actor_id("l-actor.user");
  std::vector<v1::AuditEvent> user_events = ListAll(admin_, by_user);
  ASSERT_EQ(user_events.size(), 2u) << Describe(user_events);
  EXPECT_EQ(user_events[0].actor_id(), "l-actor.admin");
  EXPECT_EQ(user_events[0].impersonated_user_id(), "l-actor.user");
  EXPECT_EQ(user_events[1].actor_id(), "l-actor.user");
  EXPECT_THAT(user_events[1].impersonated_user_id(), IsEmpty());

  v1::ListAuditEventsRequest by_org_admin = by_user;
  by_org_admin.set_actor_id("l-actor.admin");
  std::vector<v1::AuditEvent> admin_events = ListAll(admin_, by_org_admin);
  EXPECT_THAT(MethodsOf(admin_events),
              ElementsAre("/identity.v1.UserService/UpdateConfig",
                          "/identity.v1.TenantService/UpdateTenant"))
      << Describe(admin_events);
  for (const v1::AuditEvent& event : admin_events) {
    EXPECT_EQ(event.actor_id(), "l-actor.admin");
  }
}

TEST_F(AuditTrailTest, FiltersByResource) {
  ASSERT_THAT(admin_.CreateOrg(OrgProto("l-res")), IsOk());
  ASSERT_THAT(admin_.CreateTenant(TenantProto("l-res-a", "l-res")), IsOk());
  ASSERT_THAT(admin_.CreateTenant(TenantProto("l-res-b", "l-res")), IsOk());
  ASSERT_THAT(admin_.UpdateTenant(TenantProto("l-res-a", "", "renamed")),
              IsOk());
  ASSERT_THAT(admin_.UpdateOrg(OrgProto("l-res", "renamed")), IsOk());

  v1::ListAuditEventsRequest tenants;
  tenants.set_lookup_org_id("l-res");
  tenants.set_resource_type("tenant");
  std::vector<v1::AuditEvent> tenant_events = ListAll(admin_, tenants);
  EXPECT_EQ(tenant_events.size(), 3u) << Describe(tenant_events);
  for (const v1::AuditEvent& event : tenant_events) {
    EXPECT_EQ(event.resource_type(), "tenant");
  }

  v1::ListAuditEventsRequest tenant_a = tenants;
  tenant_a.set_resource_id("l-res-a");
  EXPECT_THAT(MethodsOf(ListAll(admin_, tenant_a)),
              ElementsAre("/identity.v1.TenantService/UpdateTenant",
                          "/identity.v1.TenantService/CreateTenant"));

  v1::ListAuditEventsRequest org = tenants;
  org.set_resource_type("org");
  EXPECT_THAT(MethodsOf(ListAll(admin_, org)),
              ElementsAre("/identity.v1.OrgService/UpdateOrg",
                          "/identity.v1.OrgService/CreateOrg"));
}

TEST_F(AuditTrailTest, OrgAdminSeesOnlyItsOwnOrg) {
  Client org_admin =
      UserWithKey("l-own", "l-own-t", "l-own.admin", "org-admin-user");
  ASSERT_THAT(org_admin.UpdateTenant(TenantProto("l-own-t", "", "mine")),
              IsOk());
  ASSERT_THAT(admin_.CreateOrg(OrgProto("l-other")), IsOk());
  ASSERT_THAT(admin_.CreateTenant(TenantProto("l-other-t", "l-other")), IsOk());

  std::vector<v1::AuditEvent> own = ListAll(org_admin, {});
  ASSERT_THAT(own, Not(IsEmpty()));
  for (const v1::AuditEvent& event : own) {
    EXPECT_EQ(event.org_id(), "l-own") << event.ShortDebugString();
  }
  EXPECT_EQ(own.front().method(), "/identity.v1.TenantService/UpdateTenant");
  EXPECT_EQ(IdsOf(own), IdsOf(EventsOfOrg("l-own")));
  v1::ListAuditEventsRequest own_by_name;
  own_by_name.set_lookup_org_id("l-own");
  EXPECT_EQ(IdsOf(ListAll(org_admin, own_by_name)), IdsOf(own));

  for (const char* elsewhere : {"l-other", "*"}) {
    v1::ListAuditEventsRequest request;
    request.set_lookup_org_id(elsewhere);
    EXPECT_THAT(org_admin.ListAuditEvents(request),
                StatusIs(absl::StatusCode::kPermissionDenied))
        << elsewhere;
  }
}

TEST_F(AuditTrailTest, SuperAdminSeesEveryOrgWithStar) {
  ASSERT_THAT(admin_.CreateOrg(OrgProto("l-all-a")), IsOk());
  ASSERT_THAT(admin_.CreateOrg(OrgProto("l-all-b")), IsOk());

  v1::ListAuditEventsRequest every_org;
  every_org.set_lookup_org_id("*");
  std::set<std::string> orgs;
  for (const v1::AuditEvent& event : ListAll(admin_, every_org)) {
    orgs.insert(event.org_id());
  }
  EXPECT_TRUE(orgs.count("l-all-a") && orgs.count("l-all-b"))
      << ::testing::PrintToString(orgs);

  std::vector<v1::AuditEvent> only_b = EventsOfOrg("l-all-b");
  ASSERT_EQ(only_b.size(), 1u);
  EXPECT_EQ(only_b[0].org_id(), "l-all-b");
}

TEST_F(AuditTrailTest, RolesBelowOrgAdminAreDenied) {
  for (const char* role :
       {"trial-user", "trial-api-user", "user", "api-user", "admin-user"}) {
    Client reader =
        UserWithKey("l-deny", "l-deny-t", absl::StrCat("l-deny.", role), role);
    for (const char* org_id : {"", "l-deny", "*"}) {
      v1::ListAuditEventsRequest request;
      request.set_lookup_org_id(org_id);
      EXPECT_THAT(reader.ListAuditEvents(request),
                  StatusIs(absl::StatusCode::kPermissionDenied))
          << role << " reading org \"" << org_id << "\"";
    }
  }
}

// A refused impersonation is written up to a flush interval later. Its org
// is resolved when it happens: if the org is deleted meanwhile and its id
// taken by a new org, the event is not the new org's.
TEST(AuditTrailOfDeletedOrgsTest, PendingRefusalsStayWithTheOrgTheyHappenedIn) {
  const std::string database_url = FreshDatabaseUrl();
  {
    PostgresBackedServer::Options options;
    // Written only when the server stops, after the org has changed hands.
    options.server.impersonation_refusal_flush_interval = absl::Hours(1);
    ServerUnderTest server(database_url, options);
    Client admin = server.AdminClient();
    Client olga = server.ClientFor(
        server.CreateUserWithKey("gone", "gone-t", "olga", {"org-admin-user"}));
    ASSERT_THAT(olga.AsUser("admin").GetUserInfo(),
                StatusIs(absl::StatusCode::kPermissionDenied));
    ASSERT_THAT(admin.DeleteOrg("gone", /*force=*/true), IsOk());
    server.CreateOrgAndTenant("gone", "gone-t2");
  }
  ServerUnderTest server(database_url);
  Client admin = server.AdminClient();

  v1::ListAuditEventsRequest of_new_org;
  of_new_org.set_lookup_org_id("gone");
  of_new_org.set_resource_type("impersonation");
  absl::StatusOr<v1::ListAuditEventsResponse> new_org_events =
      admin.ListAuditEvents(of_new_org);
  ASSERT_THAT(new_org_events, IsOk());
  EXPECT_THAT(new_org_events->events(), IsEmpty());

  v1::ListAuditEventsRequest everywhere;
  everywhere.set_lookup_org_id("*");
  everywhere.set_resource_type("impersonation");
  absl::StatusOr<v1::ListAuditEventsResponse> all_events =
      admin.ListAuditEvents(everywhere);
  ASSERT_THAT(all_events, IsOk());
  ASSERT_EQ(all_events->events_size(), 1);
  EXPECT_EQ(all_events->events(0).actor_id(), "olga");
  EXPECT_EQ(all_events->events(0).org_id(), "gone");
}

}  // namespace
}  // namespace identity::testing
