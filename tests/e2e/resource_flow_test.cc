// The flows of the original SDK and every RPC's success path and documented
// errors, end to end: real server, real socket, real client, real database.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/e2e/server_under_test.h"

namespace identity::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

class ResourceFlowTest : public ::testing::Test {
 protected:
  ResourceFlowTest() : admin_(server_.AdminClient()) {}

  static v1::Org Org(const std::string& id, const std::string& name = "") {
    v1::Org org;
    org.set_id(id);
    org.set_name(name);
    return org;
  }
  static v1::Tenant Tenant(const std::string& id, const std::string& org_id) {
    v1::Tenant tenant;
    tenant.set_id(id);
    tenant.set_org_id(org_id);
    return tenant;
  }
  static v1::User User(const std::string& id, const std::string& tenant_id,
                       const std::string& org_id = "") {
    v1::User user;
    user.set_id(id);
    user.set_tenant_id(tenant_id);
    user.set_org_id(org_id);
    return user;
  }

  ServerUnderTest server_;
  Client admin_;
};

TEST_F(ResourceFlowTest, AdminSeesItselfInUserInfo) {
  absl::StatusOr<v1::GetUserInfoResponse> info = admin_.GetUserInfo();
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_EQ(info->id(), "admin");
  EXPECT_EQ(info->org_id(), "root");
  EXPECT_EQ(info->tenant_id(), "root");
  EXPECT_THAT(info->roles(), ElementsAre("super-admin-user"));
  EXPECT_EQ(info->permissions_size(), 22);
  EXPECT_THAT(info->impersonator_id(), IsEmpty());
}

}  // namespace
}  // namespace identity::testing
