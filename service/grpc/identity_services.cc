#include "service/grpc/identity_services.h"

#include "base/status_macros.h"
#include "identity/v1/access_key_service.grpc.pb.h"
#include "identity/v1/audit_service.grpc.pb.h"
#include "identity/v1/org_service.grpc.pb.h"
#include "identity/v1/tenant_service.grpc.pb.h"
#include "identity/v1/user_service.grpc.pb.h"
#include "service/api/user_info.h"

namespace identity {

IdentityServices::IdentityServices(const UnaryDispatcher* dispatcher,
                                   const IdentityApis& apis)
    : orgs_(dispatcher, v1::OrgService::service_full_name()),
      tenants_(dispatcher, v1::TenantService::service_full_name()),
      users_(dispatcher, v1::UserService::service_full_name()),
      access_keys_(dispatcher, v1::AccessKeyService::service_full_name()),
      audit_(dispatcher, v1::AuditService::service_full_name()) {
  orgs_.OnExecutor("CreateOrg", apis.orgs, &OrgApi::CreateOrg)
      .OnExecutor("GetOrg", apis.orgs, &OrgApi::GetOrg)
      .OnExecutor("UpdateOrg", apis.orgs, &OrgApi::UpdateOrg)
      .OnExecutor("DeleteOrg", apis.orgs, &OrgApi::DeleteOrg)
      .OnExecutor("ListOrgs", apis.orgs, &OrgApi::ListOrgs);
  tenants_.OnExecutor("CreateTenant", apis.tenants, &TenantApi::CreateTenant)
      .OnExecutor("GetTenant", apis.tenants, &TenantApi::GetTenant)
      .OnExecutor("UpdateTenant", apis.tenants, &TenantApi::UpdateTenant)
      .OnExecutor("DeleteTenant", apis.tenants, &TenantApi::DeleteTenant)
      .OnExecutor("ListTenants", apis.tenants, &TenantApi::ListTenants);
  // GetUserInfo is the hot path: answered inline from the interceptor's
  // cached identity, without a thread hop or the database.
  users_.Inline<v1::GetUserInfoRequest>("GetUserInfo", &UserInfoOf)
      .OnExecutor("CreateUser", apis.users, &UserApi::CreateUser)
      .OnExecutor("GetUser", apis.users, &UserApi::GetUser)
      .OnExecutor("UpdateUser", apis.users, &UserApi::UpdateUser)
      .OnExecutor("DeleteUser", apis.users, &UserApi::DeleteUser)
      .OnExecutor("ListUsers", apis.users, &UserApi::ListUsers)
      .OnExecutor("UpdateConfig", apis.configs, &ConfigApi::UpdateConfig);
  access_keys_
      .OnExecutor("CreateAccessKey", apis.access_keys,
                  &AccessKeyApi::CreateAccessKey)
      .OnExecutor("ListAccessKeys", apis.access_keys,
                  &AccessKeyApi::ListAccessKeys)
      .OnExecutor("DeleteAccessKeys", apis.access_keys,
                  &AccessKeyApi::DeleteAccessKeys)
      .OnExecutor("RotateAccessKey", apis.access_keys,
                  &AccessKeyApi::RotateAccessKey);
  audit_.OnExecutor("ListAuditEvents", apis.audit, &AuditApi::ListAuditEvents);
}

absl::Status IdentityServices::RequireEveryMethodBound() const {
  for (const BoundService* service :
       {&orgs_, &tenants_, &users_, &access_keys_, &audit_}) {
    RETURN_IF_ERROR(service->RequireEveryMethodBound());
  }
  return absl::OkStatus();
}

std::vector<grpc::Service*> IdentityServices::All() {
  return {&orgs_, &tenants_, &users_, &access_keys_, &audit_};
}

}  // namespace identity
