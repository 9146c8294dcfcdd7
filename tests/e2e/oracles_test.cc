// No existence oracles and no inherited audit trails: a
// tenant or org outside the caller's reach gets the same code and message
// whether it exists or not (super admins still learn which), and a new org
// that takes the id of a force-deleted one does not read the old trail.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "base/status_matchers.h"
#include "tests/e2e/resource_builders.h"
#include "tests/e2e/server_under_test.h"

namespace identity::testing {
namespace {

using ::testing::IsEmpty;
using ::testing::SizeIs;

class OraclesTest : public ::testing::Test {
 protected:
  OraclesTest()
      : admin_(server_.AdminClient()),
        org_admin_(server_.ClientFor(server_.CreateUserWithKey(
            "home", "home-t", "olga", {"org-admin-user"}))) {}

  // The status of `call` while org "away" and its tenant "away-t" do not
  // exist, then once they do: the two must be identical.
  void ExpectSameAnswerBeforeAndAfter(
      const std::string& what, const std::function<absl::Status()>& call) {
    SCOPED_TRACE(what);
    const absl::Status before = call();
    server_.CreateOrgAndTenant("away", "away-t");
    const absl::Status after = call();
    EXPECT_THAT(before, StatusIs(absl::StatusCode::kPermissionDenied));
    EXPECT_EQ(before, after);
    ASSERT_THAT(admin_.DeleteOrg("away", /*force=*/true), IsOk());
  }

  ServerUnderTest server_;
  Client admin_;
  Client org_admin_;
};

TEST_F(OraclesTest, CreateUserInAnotherOrgsTenantTellsNothing) {
  ExpectSameAnswerBeforeAndAfter("org_id omitted", [&] {
    return org_admin_.CreateUser(UserProto("u1", "away-t")).status();
  });
  ExpectSameAnswerBeforeAndAfter("own org_id", [&] {
    return org_admin_.CreateUser(UserProto("u1", "away-t", "home")).status();
  });
  ExpectSameAnswerBeforeAndAfter("other org_id", [&] {
    return org_admin_.CreateUser(UserProto("u1", "away-t", "away")).status();
  });
  EXPECT_THAT(admin_.GetUser("u1"), StatusIs(absl::StatusCode::kNotFound));
  // A super admin still gets the precise code.
  EXPECT_THAT(admin_.CreateUser(UserProto("u1", "away-t")),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_F(OraclesTest, LookupsOfAnotherOrgTellNothing) {
  ExpectSameAnswerBeforeAndAfter("CreateTenant", [&] {
    return org_admin_.CreateTenant(TenantProto("t-new", "away")).status();
  });
  ExpectSameAnswerBeforeAndAfter(
      "GetTenant", [&] { return org_admin_.GetTenant("away-t").status(); });
  ExpectSameAnswerBeforeAndAfter(
      "GetOrg", [&] { return org_admin_.GetOrg("away").status(); });
  ExpectSameAnswerBeforeAndAfter("ListTenants", [&] {
    v1::ListTenantsRequest request;
    request.set_lookup_org_id("away");
    return org_admin_.ListTenants(request).status();
  });
  ExpectSameAnswerBeforeAndAfter("ListUsers by org", [&] {
    v1::ListUsersRequest request;
    request.set_lookup_org_id("away");
    return org_admin_.ListUsers(request).status();
  });
  ExpectSameAnswerBeforeAndAfter("ListAuditEvents", [&] {
    v1::ListAuditEventsRequest request;
    request.set_lookup_org_id("away");
    return org_admin_.ListAuditEvents(request).status();
  });
  // By tenant, within the caller's own org: an empty page either way.
  server_.CreateOrgAndTenant("away", "away-t");
  ASSERT_THAT(admin_.CreateUser(UserProto("away-user", "away-t")), IsOk());
  v1::ListUsersRequest by_tenant;
  by_tenant.set_lookup_tenant_id("away-t");
  absl::StatusOr<v1::ListUsersResponse> users = org_admin_.ListUsers(by_tenant);
  ASSERT_THAT(users, IsOk());
  EXPECT_THAT(users->users(), IsEmpty());
}

int EventCount(const Client& client, const std::string& org_id) {
  v1::ListAuditEventsRequest request;
  request.set_lookup_org_id(org_id);
  request.set_page_size(1000);
  absl::StatusOr<v1::ListAuditEventsResponse> events =
      client.ListAuditEvents(request);
  EXPECT_THAT(events, IsOk());
  return events.ok() ? events->events_size() : -1;
}

TEST_F(OraclesTest, ANewOrgOfAReusedIdDoesNotInheritTheOldTrail) {
  server_.CreateOrgAndTenant("acme", "acme-t");
  ASSERT_THAT(admin_.CreateUser(UserProto("wile", "acme-t", "acme", {"user"})),
              IsOk());
  ASSERT_THAT(admin_.DeleteOrg("acme", /*force=*/true), IsOk());
  EXPECT_EQ(EventCount(admin_, "acme"), 0);

  // A new org takes the id; its admin and the super admin see only its own
  // events.
  const std::string key =
      server_.CreateUserWithKey("acme", "acme-t2", "road", {"org-admin-user"});
  Client new_admin = server_.ClientFor(key);
  v1::ListAuditEventsRequest request;
  request.set_resource_id("wile");
  absl::StatusOr<v1::ListAuditEventsResponse> inherited =
      new_admin.ListAuditEvents(request);
  ASSERT_THAT(inherited, IsOk());
  EXPECT_THAT(inherited->events(), IsEmpty());
  // org, tenant, user and key of the new org.
  EXPECT_EQ(EventCount(new_admin, "acme"), 4);
  EXPECT_EQ(EventCount(admin_, "acme"), 4);

  // The old trail is still there for super admins, across every org.
  request.set_lookup_org_id("*");
  absl::StatusOr<v1::ListAuditEventsResponse> kept =
      admin_.ListAuditEvents(request);
  ASSERT_THAT(kept, IsOk());
  EXPECT_THAT(kept->events(), SizeIs(1));
}

}  // namespace
}  // namespace identity::testing
