// Short builders for the identity.v1 messages tests send.
//
//   admin.CreateUser(UserProto("jack", "t1", "o1", {"user"}));
//   admin.UpdateOrg(OrgProto("o1"), MaskOf({"variables"}));
#ifndef IDENTITY_TESTS_E2E_RESOURCE_BUILDERS_H_
#define IDENTITY_TESTS_E2E_RESOURCE_BUILDERS_H_

#include <string>
#include <vector>

#include "google/protobuf/field_mask.pb.h"
#include "identity/v1/resources.pb.h"

namespace identity::testing {

inline v1::Org OrgProto(const std::string& id, const std::string& name = "") {
  v1::Org org;
  org.set_id(id);
  org.set_name(name);
  return org;
}

inline v1::Tenant TenantProto(const std::string& id, const std::string& org_id,
                              const std::string& name = "") {
  v1::Tenant tenant;
  tenant.set_id(id);
  tenant.set_org_id(org_id);
  tenant.set_name(name);
  return tenant;
}

inline v1::User UserProto(const std::string& id, const std::string& tenant_id,
                          const std::string& org_id = "",
                          const std::vector<std::string>& roles = {}) {
  v1::User user;
  user.set_id(id);
  user.set_tenant_id(tenant_id);
  user.set_org_id(org_id);
  for (const std::string& role : roles) user.add_roles(role);
  return user;
}

inline google::protobuf::FieldMask MaskOf(
    const std::vector<std::string>& paths) {
  google::protobuf::FieldMask mask;
  for (const std::string& path : paths) mask.add_paths(path);
  return mask;
}

}  // namespace identity::testing

#endif  // IDENTITY_TESTS_E2E_RESOURCE_BUILDERS_H_
