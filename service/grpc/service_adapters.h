// The gRPC face of the five identity.v1 services: each RPC is bound to its
// API method through the UnaryDispatcher, and nothing more happens here.
//
//   OrgServiceAdapter orgs(&dispatcher, &org_api);
//   builder.RegisterService(&orgs);
#ifndef IDENTITY_SERVICE_GRPC_SERVICE_ADAPTERS_H_
#define IDENTITY_SERVICE_GRPC_SERVICE_ADAPTERS_H_

#include "identity/v1/access_key_service.grpc.pb.h"
#include "identity/v1/audit_service.grpc.pb.h"
#include "identity/v1/org_service.grpc.pb.h"
#include "identity/v1/tenant_service.grpc.pb.h"
#include "identity/v1/user_service.grpc.pb.h"
#include "service/api/access_key_api.h"
#include "service/api/audit_api.h"
#include "service/api/config_api.h"
#include "service/api/org_api.h"
#include "service/api/tenant_api.h"
#include "service/api/user_api.h"
#include "service/api/user_info.h"
#include "service/grpc/unary_dispatcher.h"

namespace identity {

class OrgServiceAdapter final : public v1::OrgService::CallbackService {
 public:
  OrgServiceAdapter(const UnaryDispatcher* dispatcher, const OrgApi* api)
      : dispatcher_(dispatcher), api_(api) {}

  // v1::OrgService::CallbackService
  grpc::ServerUnaryReactor* CreateOrg(grpc::CallbackServerContext* context,
                                      const v1::CreateOrgRequest* request,
                                      v1::Org* response) override {
    return dispatcher_->OnExecutor(context, request, response, api_,
                                   &OrgApi::CreateOrg);
  }
  grpc::ServerUnaryReactor* GetOrg(grpc::CallbackServerContext* context,
                                   const v1::GetOrgRequest* request,
                                   v1::Org* response) override {
    return dispatcher_->OnExecutor(context, request, response, api_,
                                   &OrgApi::GetOrg);
  }
  grpc::ServerUnaryReactor* UpdateOrg(grpc::CallbackServerContext* context,
                                      const v1::UpdateOrgRequest* request,
                                      v1::Org* response) override {
    return dispatcher_->OnExecutor(context, request, response, api_,
                                   &OrgApi::UpdateOrg);
  }
  grpc::ServerUnaryReactor* DeleteOrg(
      grpc::CallbackServerContext* context, const v1::DeleteOrgRequest* request,
      google::protobuf::Empty* response) override {
    return dispatcher_->OnExecutor(context, request, response, api_,
                                   &OrgApi::DeleteOrg);
  }
  grpc::ServerUnaryReactor* ListOrgs(grpc::CallbackServerContext* context,
                                     const v1::ListOrgsRequest* request,
                                     v1::ListOrgsResponse* response) override {
    return dispatcher_->OnExecutor(context, request, response, api_,
                                   &OrgApi::ListOrgs);
  }

 private:
  const UnaryDispatcher* const dispatcher_;
  const OrgApi* const api_;
};

class TenantServiceAdapter final : public v1::TenantService::CallbackService {
 public:
  TenantServiceAdapter(const UnaryDispatcher* dispatcher, const TenantApi* api)
      : dispatcher_(dispatcher), api_(api) {}

  // v1::TenantService::CallbackService
  grpc::ServerUnaryReactor* CreateTenant(grpc::CallbackServerContext* context,
                                         const v1::CreateTenantRequest* request,
                                         v1::Tenant* response) override {
    return dispatcher_->OnExecutor(context, request, response, api_,
                                   &TenantApi::CreateTenant);
  }
  grpc::ServerUnaryReactor* GetTenant(grpc::CallbackServerContext* context,
                                      const v1::GetTenantRequest* request,
                                      v1::Tenant* response) override {
    return dispatcher_->OnExecutor(context, request, response, api_,
                                   &TenantApi::GetTenant);
  }
  grpc::ServerUnaryReactor* UpdateTenant(grpc::CallbackServerContext* context,
                                         const v1::UpdateTenantRequest* request,
                                         v1::Tenant* response) override {
    return dispatcher_->OnExecutor(context, request, response, api_,
                                   &TenantApi::UpdateTenant);
  }
  grpc::ServerUnaryReactor* DeleteTenant(
      grpc::CallbackServerContext* context,
      const v1::DeleteTenantRequest* request,
      google::protobuf::Empty* response) override {
    return dispatcher_->OnExecutor(context, request, response, api_,
                                   &TenantApi::DeleteTenant);
  }
  grpc::ServerUnaryReactor* ListTenants(
      grpc::CallbackServerContext* context,
      const v1::ListTenantsRequest* request,
      v1::ListTenantsResponse* response) override {
    return dispatcher_->OnExecutor(context, request, response, api_,
                                   &TenantApi::ListTenants);
  }

 private:
  const UnaryDispatcher* const dispatcher_;
  const TenantApi* const api_;
};

class UserServiceAdapter final : public v1::UserService::CallbackService {
 public:
  UserServiceAdapter(const UnaryDispatcher* dispatcher, const UserApi* users,
                     const ConfigApi* configs)
      : dispatcher_(dispatcher), users_(users), configs_(configs) {}

  // v1::UserService::CallbackService
  grpc::ServerUnaryReactor* CreateUser(grpc::CallbackServerContext* context,
                                       const v1::CreateUserRequest* request,
                                       v1::User* response) override {
    return dispatcher_->OnExecutor(context, request, response, users_,
                                   &UserApi::CreateUser);
  }
  grpc::ServerUnaryReactor* GetUser(grpc::CallbackServerContext* context,
                                    const v1::GetUserRequest* request,
                                    v1::User* response) override {
    return dispatcher_->OnExecutor(context, request, response, users_,
                                   &UserApi::GetUser);
  }
  grpc::ServerUnaryReactor* UpdateUser(grpc::CallbackServerContext* context,
                                       const v1::UpdateUserRequest* request,
                                       v1::User* response) override {
    return dispatcher_->OnExecutor(context, request, response, users_,
                                   &UserApi::UpdateUser);
  }
  grpc::ServerUnaryReactor* DeleteUser(
      grpc::CallbackServerContext* context,
      const v1::DeleteUserRequest* request,
      google::protobuf::Empty* response) override {
    return dispatcher_->OnExecutor(context, request, response, users_,
                                   &UserApi::DeleteUser);
  }
  grpc::ServerUnaryReactor* ListUsers(
      grpc::CallbackServerContext* context, const v1::ListUsersRequest* request,
      v1::ListUsersResponse* response) override {
    return dispatcher_->OnExecutor(context, request, response, users_,
                                   &UserApi::ListUsers);
  }
  // The hot path: answered inline from the interceptor's cached identity,
  // without a thread hop or the database.
  grpc::ServerUnaryReactor* GetUserInfo(
      grpc::CallbackServerContext* context,
      const v1::GetUserInfoRequest* request,
      v1::GetUserInfoResponse* response) override {
    return dispatcher_->Inline(context, request, response, &UserInfoOf);
  }
  grpc::ServerUnaryReactor* UpdateConfig(
      grpc::CallbackServerContext* context,
      const v1::UpdateConfigRequest* request,
      v1::UpdateConfigResponse* response) override {
    return dispatcher_->OnExecutor(context, request, response, configs_,
                                   &ConfigApi::UpdateConfig);
  }

 private:
  const UnaryDispatcher* const dispatcher_;
  const UserApi* const users_;
  const ConfigApi* const configs_;
};

class AccessKeyServiceAdapter final
    : public v1::AccessKeyService::CallbackService {
 public:
  AccessKeyServiceAdapter(const UnaryDispatcher* dispatcher,
                          const AccessKeyApi* api)
      : dispatcher_(dispatcher), api_(api) {}

  // v1::AccessKeyService::CallbackService
  grpc::ServerUnaryReactor* CreateAccessKey(
      grpc::CallbackServerContext* context,
      const v1::CreateAccessKeyRequest* request,
      v1::AccessKey* response) override {
    return dispatcher_->OnExecutor(context, request, response, api_,
                                   &AccessKeyApi::CreateAccessKey);
  }
  grpc::ServerUnaryReactor* ListAccessKeys(
      grpc::CallbackServerContext* context,
      const v1::ListAccessKeysRequest* request,
      v1::ListAccessKeysResponse* response) override {
    return dispatcher_->OnExecutor(context, request, response, api_,
                                   &AccessKeyApi::ListAccessKeys);
  }
  grpc::ServerUnaryReactor* DeleteAccessKeys(
      grpc::CallbackServerContext* context,
      const v1::DeleteAccessKeysRequest* request,
      google::protobuf::Empty* response) override {
    return dispatcher_->OnExecutor(context, request, response, api_,
                                   &AccessKeyApi::DeleteAccessKeys);
  }
  grpc::ServerUnaryReactor* RotateAccessKey(
      grpc::CallbackServerContext* context,
      const v1::RotateAccessKeyRequest* request,
      v1::AccessKey* response) override {
    return dispatcher_->OnExecutor(context, request, response, api_,
                                   &AccessKeyApi::RotateAccessKey);
  }

 private:
  const UnaryDispatcher* const dispatcher_;
  const AccessKeyApi* const api_;
};

class AuditServiceAdapter final : public v1::AuditService::CallbackService {
 public:
  AuditServiceAdapter(const UnaryDispatcher* dispatcher, const AuditApi* api)
      : dispatcher_(dispatcher), api_(api) {}

  // v1::AuditService::CallbackService
  grpc::ServerUnaryReactor* ListAuditEvents(
      grpc::CallbackServerContext* context,
      const v1::ListAuditEventsRequest* request,
      v1::ListAuditEventsResponse* response) override {
    return dispatcher_->OnExecutor(context, request, response, api_,
                                   &AuditApi::ListAuditEvents);
  }

 private:
  const UnaryDispatcher* const dispatcher_;
  const AuditApi* const api_;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_GRPC_SERVICE_ADAPTERS_H_
