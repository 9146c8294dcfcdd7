// Creates with a request_id are safe to retry (AIP-155): a retry returns the
// original result, not ALREADY_EXISTS, and has no second effect; the
// request_id belongs to its caller's immutable identity, in its org, and to
// one request.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "base/status_matchers.h"
#include "tests/e2e/resource_builders.h"
#include "tests/e2e/server_under_test.h"
#include "tests/harness/sql_session.h"

namespace identity::testing {
namespace {

using ::testing::AllOf;
using ::testing::IsEmpty;

class IdempotentCreateTest : public ::testing::Test {
 protected:
  IdempotentCreateTest() { server_.CreateOrgAndTenant("o1", "t1"); }

  // Rows of `table` matching `where`, counted from the database itself.
  int64_t Count(const std::string& table, const std::string& where) {
    return sql_.QueryInt("SELECT count(*) FROM " + table + " WHERE " + where);
  }

  ServerUnderTest server_;
  Client admin_ = server_.AdminClient();
  SqlSession sql_{server_.database_url()};
};

TEST_F(IdempotentCreateTest, RetriedCreateUserReturnsTheOriginalUser) {
  absl::StatusOr<v1::User> first =
      admin_.CreateUser(UserProto("jack", "t1", "o1", {"user"}), "req-1");
  ASSERT_THAT(first, IsOk());
  absl::StatusOr<v1::User> retry =
      admin_.CreateUser(UserProto("jack", "t1", "o1", {"user"}), "req-1");
  ASSERT_THAT(retry, IsOk());
  EXPECT_EQ(retry->SerializeAsString(), first->SerializeAsString());
  EXPECT_EQ(
      Count("audit_events", "resource_type = 'user' AND resource_id = 'jack'"),
      1);
  // Without the request_id, or with another one, the id is taken.
  EXPECT_THAT(admin_.CreateUser(UserProto("jack", "t1", "o1", {"user"})),
              StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(
      admin_.CreateUser(UserProto("jack", "t1", "o1", {"user"}), "req-2"),
      StatusIs(absl::StatusCode::kAlreadyExists));
}

TEST_F(IdempotentCreateTest, TheSameRequestIdWithAnotherRequestIsRefused) {
  ASSERT_THAT(admin_.CreateUser(UserProto("jack", "t1", "o1"), "req-1"),
              IsOk());
  v1::User changed = UserProto("jack", "t1", "o1");
  changed.set_name("a different name");
  EXPECT_THAT(admin_.CreateUser(changed, "req-1"),
              AllOf(StatusIs(absl::StatusCode::kInvalidArgument),
                    ErrorReasonIs("REQUEST_ID_REUSED")));
  // Nor does another user go in under it.
  EXPECT_THAT(admin_.CreateUser(UserProto("jill", "t1", "o1"), "req-1"),
              AllOf(StatusIs(absl::StatusCode::kInvalidArgument),
                    ErrorReasonIs("REQUEST_ID_REUSED")));
  EXPECT_EQ(admin_.GetUser("jack")->name(), "");
  EXPECT_EQ(Count("users", "id = 'jill'"), 0);
  EXPECT_EQ(Count("idempotent_requests", "request_id = 'req-1'"), 1);
}

// The review's scenario: org A's admin creates carol, with an ssn, under a
// request_id and is deleted; org B makes a user of the same id, whose
// create of dave under that request_id used to get carol back, ssn and
// all, while dave was never written.
TEST_F(IdempotentCreateTest, ARecreatedCallerInheritsNoRequestIds) {
  server_.CreateOrgAndTenant("o2", "t2");
  Client adm_a = server_.ClientFor(
      server_.CreateUserWithKey("o1", "t1", "adm", {"org-admin-user"}));
  v1::User carol = UserProto("carol", "t1", "o1");
  (*carol.mutable_variables()->mutable_fields())["ssn"].set_string_value(
      "078-05-1120");
  ASSERT_THAT(adm_a.CreateUser(carol, "provision-1"), IsOk());
  EXPECT_EQ(Count("idempotent_requests", "request_id = 'provision-1'"), 1);

  ASSERT_THAT(admin_.DeleteUser("adm"), IsOk());
  // The record went with its user.
  EXPECT_EQ(Count("idempotent_requests", "request_id = 'provision-1'"), 0);

  Client adm_b = server_.ClientFor(
      server_.CreateUserWithKey("o2", "t2", "adm", {"org-admin-user"}));
  absl::StatusOr<v1::User> dave =
      adm_b.CreateUser(UserProto("dave", "t2", "o2"), "provision-1");
  ASSERT_THAT(dave, IsOk());
  EXPECT_EQ(dave->id(), "dave");
  EXPECT_EQ(dave->org_id(), "o2");
  EXPECT_FALSE(dave->variables().fields().contains("ssn"));
  EXPECT_EQ(Count("users", "id = 'dave' AND org_id = 'o2'"), 1);
}

// A key that may write users but not read them creates one; its retry would
// hand back what the key may not read, and is refused instead.
TEST_F(IdempotentCreateTest, AReplayChecksThatTheCallerMayReadWhatItGets) {
  ASSERT_THAT(
      admin_.CreateUser(UserProto("boss", "t1", "o1", {"org-admin-user"})),
      IsOk());
  v1::CreateAccessKeyRequest mint;
  mint.set_user_id("boss");
  mint.set_name("writer");
  mint.add_permissions("write:user");
  absl::StatusOr<v1::AccessKey> writer_key = admin_.CreateAccessKey(mint);
  ASSERT_THAT(writer_key, IsOk());
  Client writer = server_.ClientFor(writer_key->access_key());

  ASSERT_THAT(writer.CreateUser(UserProto("jill", "t1", "o1"), "req-w"),
              IsOk());
  EXPECT_THAT(writer.GetUser("jill"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(writer.CreateUser(UserProto("jill", "t1", "o1"), "req-w"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_EQ(Count("users", "id = 'jill'"), 1);
}

TEST_F(IdempotentCreateTest, RetriedCreateOrgAndTenantReturnTheOriginals) {
  absl::StatusOr<v1::Org> org = admin_.CreateOrg(OrgProto("o2"), "org-req");
  ASSERT_THAT(org, IsOk());
  absl::StatusOr<v1::Org> org_retry =
      admin_.CreateOrg(OrgProto("o2"), "org-req");
  ASSERT_THAT(org_retry, IsOk());
  EXPECT_EQ(org_retry->etag(), org->etag());

  absl::StatusOr<v1::Tenant> tenant =
      admin_.CreateTenant(TenantProto("t2", "o2"), "tenant-req");
  ASSERT_THAT(tenant, IsOk());
  absl::StatusOr<v1::Tenant> tenant_retry =
      admin_.CreateTenant(TenantProto("t2", "o2"), "tenant-req");
  ASSERT_THAT(tenant_retry, IsOk());
  EXPECT_EQ(tenant_retry->SerializeAsString(), tenant->SerializeAsString());
  EXPECT_EQ(Count("orgs", "id = 'o2'"), 1);
  EXPECT_EQ(Count("tenants", "id = 't2'"), 1);
}

TEST_F(IdempotentCreateTest, RetriedCreateAccessKeyReturnsTheKeyWithoutSecret) {
  ASSERT_THAT(admin_.CreateUser(UserProto("jack", "t1", "o1", {"api-user"})),
              IsOk());
  v1::CreateAccessKeyRequest request;
  request.set_user_id("jack");
  request.set_name("ci");
  request.set_request_id("key-req");
  absl::StatusOr<v1::AccessKey> first = admin_.CreateAccessKey(request);
  ASSERT_THAT(first, IsOk());
  ASSERT_FALSE(first->access_key().empty());

  absl::StatusOr<v1::AccessKey> retry = admin_.CreateAccessKey(request);
  ASSERT_THAT(retry, IsOk());
  EXPECT_THAT(retry->access_key(), IsEmpty());
  EXPECT_EQ(retry->key_prefix(), first->key_prefix());
  EXPECT_EQ(retry->name(), "ci");
  EXPECT_EQ(Count("access_keys", "user_id = 'jack'"), 1);
  // The secret is stored nowhere, the remembered response included.
  EXPECT_EQ(Count("idempotent_requests", "position(convert_to('" +
                                             first->access_key() +
                                             "', 'UTF8') in response) > 0"),
            0);
  // The first response's key works.
  EXPECT_THAT(server_.ClientFor(first->access_key()).GetUserInfo(), IsOk());
}

TEST_F(IdempotentCreateTest, RequestIdBelongsToItsCaller) {
  const std::string key =
      server_.CreateUserWithKey("o1", "t1", "boss", {"org-admin-user"});
  Client boss = server_.ClientFor(key);
  ASSERT_THAT(admin_.CreateUser(UserProto("jack", "t1", "o1"), "shared-id"),
              IsOk());
  // Another caller's request_id is not a retry of the admin's create.
  EXPECT_THAT(boss.CreateUser(UserProto("jack", "t1", "o1"), "shared-id"),
              StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(boss.CreateUser(UserProto("jill", "t1", "o1"), "shared-id"),
              IsOk());
}

TEST_F(IdempotentCreateTest, BadRequestIdIsInvalidAndWritesNothing) {
  EXPECT_THAT(
      admin_.CreateUser(UserProto("jack", "t1", "o1"), std::string(129, 'r')),
      StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(admin_.CreateOrg(OrgProto("o3"), "has space"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(Count("users", "id = 'jack'"), 0);
  EXPECT_EQ(Count("orgs", "id = 'o3'"), 0);
  EXPECT_EQ(Count("idempotent_requests", "true"), 0);
  EXPECT_THAT(
      admin_.CreateUser(UserProto("jack", "t1", "o1"), std::string(128, 'r')),
      IsOk());
}

TEST_F(IdempotentCreateTest, ExpiredRequestIdIsForgotten) {
  ASSERT_THAT(admin_.CreateOrg(OrgProto("o2"), "old-req"), IsOk());
  sql_.Execute(
      "UPDATE idempotent_requests SET created_at = now() - interval '25 "
      "hours'");
  // Past the window the request_id means nothing: the id is taken.
  EXPECT_THAT(admin_.CreateOrg(OrgProto("o2"), "old-req"),
              StatusIs(absl::StatusCode::kAlreadyExists));
  // The next create with a request_id deletes the expired row.
  ASSERT_THAT(admin_.CreateOrg(OrgProto("o3"), "new-req"), IsOk());
  // And an expired request_id can name a new request.
  sql_.Execute(
      "UPDATE idempotent_requests SET created_at = now() - interval '25 "
      "hours' WHERE request_id = 'new-req'");
  EXPECT_THAT(admin_.CreateOrg(OrgProto("o4"), "new-req"), IsOk());
  EXPECT_EQ(Count("idempotent_requests", "request_id = 'new-req'"), 1);
  EXPECT_EQ(Count("idempotent_requests", "request_id = 'old-req'"), 0);
  EXPECT_EQ(Count("idempotent_requests", "request_id = 'new-req'"), 1);
}

}  // namespace
}  // namespace identity::testing
