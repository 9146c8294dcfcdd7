#include "service/api/user_info.h"

#include <string>
#include <utility>

namespace identity {

v1::GetUserInfoResponse UserInfoOf(const CallContext& call) {
  const UserPrincipal& user = call.user();
  v1::GetUserInfoResponse info;
  info.set_id(user.id);
  info.set_name(user.name);
  info.set_email(user.email);
  info.set_tenant_id(user.tenant_id);
  info.set_org_id(user.org_id);
  for (const std::string& role : user.roles) info.add_roles(role);
  for (std::string& permission : call.permissions().Names()) {
    info.add_permissions(std::move(permission));
  }
  if (call.impersonating()) info.set_impersonator_id(call.actor().id);
  return info;
}

}  // namespace identity
