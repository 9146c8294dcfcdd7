// Bootstrap: only root/root/admin is ever made
// super admin by IDENTITY_BOOTSTRAP_ADMIN_KEY, anything else stops the start
// with a clear error and writes nothing, and a bootstrap is audited.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "base/status_matchers.h"
#include "service/auth/access_key_secret.h"
#include "tests/e2e/resource_builders.h"
#include "tests/e2e/server_under_test.h"

namespace identity::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::SizeIs;

TEST(BootstrapTest, TheBootstrapIsInTheAuditTrailOfRoot) {
  ServerUnderTest server;
  v1::ListAuditEventsRequest request;
  request.set_lookup_org_id("root");
  request.set_resource_type("user");
  request.set_resource_id("admin");
  absl::StatusOr<v1::ListAuditEventsResponse> events =
      server.AdminClient().ListAuditEvents(request);
  ASSERT_THAT(events, IsOk());
  ASSERT_THAT(events->events(), SizeIs(1));
  EXPECT_EQ(events->events(0).method(), "bootstrap");
  EXPECT_EQ(events->events(0).actor_id(), "(bootstrap)");
}

TEST(BootstrapTest, AnAdminOutsideRootIsAStartUpErrorAndGetsNothing) {
  ServerUnderTest server;
  // A second super admin moves "admin" to another org, then steps down, so
  // that no super admin is left and the next start would bootstrap.
  Client deputy = server.ClientFor(
      server.CreateUserWithKey("root", "root", "deputy", {"super-admin-user"}));
  ASSERT_THAT(deputy.DeleteUser("admin"), IsOk());
  ASSERT_THAT(deputy.CreateOrg(OrgProto("acme")), IsOk());
  ASSERT_THAT(deputy.CreateTenant(TenantProto("acme-t", "acme")), IsOk());
  ASSERT_THAT(deputy.CreateUser(UserProto("admin", "acme-t", "acme", {"user"})),
              IsOk());
  ASSERT_THAT(deputy.UpdateUser(UserProto("deputy", "root", "root", {"user"}),
                                MaskOf({"roles"})),
              IsOk());

  PostgresBackedServer::Options options;
  options.server.listen_address = "127.0.0.1:0";
  options.database_url = server.database_url();
  options.database_pool_size = 2;
  options.bootstrap_admin_key = AccessKeySecret::Generate().value();
  EXPECT_THAT(PostgresBackedServer::Start(options),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("user admin exists in tenant acme-t")));

  // Nothing was written: the new key opens nothing.
  EXPECT_THAT(server.ClientFor(options.bootstrap_admin_key).GetUserInfo(),
              StatusIs(absl::StatusCode::kUnauthenticated));
}

}  // namespace
}  // namespace identity::testing
