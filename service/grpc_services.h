// The gRPC face of the five identity.v1 services: each method hands its call
// to the UnaryDispatcher and the matching *Api, nothing more.
//
//   OrgGrpcService orgs(&dispatcher, &org_api);
//   builder.RegisterService(&orgs);
#ifndef IDENTITY_SERVICE_GRPC_SERVICES_H_
#define IDENTITY_SERVICE_GRPC_SERVICES_H_

#include "identity/v1/access_key_service.grpc.pb.h"
#include "identity/v1/audit_service.grpc.pb.h"
#include "identity/v1/org_service.grpc.pb.h"
#include "identity/v1/tenant_service.grpc.pb.h"
#include "identity/v1/user_service.grpc.pb.h"
#include "service/access_key_api.h"
#include "service/audit_api.h"
#include "service/org_api.h"
#include "service/tenant_api.h"
#include "service/unary_dispatcher.h"
#include "service/user_api.h"

namespace identity {

class OrgGrpcService : public v1::OrgService::CallbackService {
 public:
  OrgGrpcService(const UnaryDispatcher* dispatcher, const OrgApi* api)
      : dispatcher_(dispatcher), api_(api) {}

  grpc::ServerUnaryReactor* CreateOrg(grpc::CallbackServerContext* context,
                                      const v1::CreateOrgRequest* request,
                                      v1::Org* response) override;
  grpc::ServerUnaryReactor* GetOrg(grpc::CallbackServerContext* context,
                                   const v1::GetOrgRequest* request,
                                   v1::Org* response) override;
  grpc::ServerUnaryReactor* UpdateOrg(grpc::CallbackServerContext* context,
                                      const v1::UpdateOrgRequest* request,
                                      v1::Org* response) override;
  grpc::ServerUnaryReactor* DeleteOrg(
      grpc::CallbackServerContext* context, const v1::DeleteOrgRequest* request,
      google::protobuf::Empty* response) override;
  grpc::ServerUnaryReactor* ListOrgs(grpc::CallbackServerContext* context,
                                     const v1::ListOrgsRequest* request,
                                     v1::ListOrgsResponse* response) override;

 private:
  const UnaryDispatcher* const dispatcher_;
  const OrgApi* const api_;
};

class TenantGrpcService : public v1::TenantService::CallbackService {
 public:
  TenantGrpcService(const UnaryDispatcher* dispatcher, const TenantApi* api)
      : dispatcher_(dispatcher), api_(api) {}

  grpc::ServerUnaryReactor* CreateTenant(grpc::CallbackServerContext* context,
                                         const v1::CreateTenantRequest* request,
                                         v1::Tenant* response) override;
  grpc::ServerUnaryReactor* GetTenant(grpc::CallbackServerContext* context,
                                      const v1::GetTenantRequest* request,
                                      v1::Tenant* response) override;
  grpc::ServerUnaryReactor* UpdateTenant(grpc::CallbackServerContext* context,
                                         const v1::UpdateTenantRequest* request,
                                         v1::Tenant* response) override;
  grpc::ServerUnaryReactor* DeleteTenant(
      grpc::CallbackServerContext* context,
      const v1::DeleteTenantRequest* request,
      google::protobuf::Empty* response) override;
  grpc::ServerUnaryReactor* ListTenants(
      grpc::CallbackServerContext* context,
      const v1::ListTenantsRequest* request,
      v1::ListTenantsResponse* response) override;

 private:
  const UnaryDispatcher* const dispatcher_;
  const TenantApi* const api_;
};

class UserGrpcService : public v1::UserService::CallbackService {
 public:
  UserGrpcService(const UnaryDispatcher* dispatcher, const UserApi* api)
      : dispatcher_(dispatcher), api_(api) {}

  grpc::ServerUnaryReactor* CreateUser(grpc::CallbackServerContext* context,
                                       const v1::CreateUserRequest* request,
                                       v1::User* response) override;
  grpc::ServerUnaryReactor* GetUser(grpc::CallbackServerContext* context,
                                    const v1::GetUserRequest* request,
                                    v1::User* response) override;
  grpc::ServerUnaryReactor* UpdateUser(grpc::CallbackServerContext* context,
                                       const v1::UpdateUserRequest* request,
                                       v1::User* response) override;
  grpc::ServerUnaryReactor* DeleteUser(
      grpc::CallbackServerContext* context,
      const v1::DeleteUserRequest* request,
      google::protobuf::Empty* response) override;
  grpc::ServerUnaryReactor* ListUsers(grpc::CallbackServerContext* context,
                                      const v1::ListUsersRequest* request,
                                      v1::ListUsersResponse* response) override;
  grpc::ServerUnaryReactor* GetUserInfo(
      grpc::CallbackServerContext* context,
      const v1::GetUserInfoRequest* request,
      v1::GetUserInfoResponse* response) override;
  grpc::ServerUnaryReactor* UpdateConfig(
      grpc::CallbackServerContext* context,
      const v1::UpdateConfigRequest* request,
      v1::UpdateConfigResponse* response) override;

 private:
  const UnaryDispatcher* const dispatcher_;
  const UserApi* const api_;
};

class AccessKeyGrpcService : public v1::AccessKeyService::CallbackService {
 public:
  AccessKeyGrpcService(const UnaryDispatcher* dispatcher,
                       const AccessKeyApi* api)
      : dispatcher_(dispatcher), api_(api) {}

  grpc::ServerUnaryReactor* CreateAccessKey(
      grpc::CallbackServerContext* context,
      const v1::CreateAccessKeyRequest* request,
      v1::AccessKey* response) override;
  grpc::ServerUnaryReactor* ListAccessKeys(
      grpc::CallbackServerContext* context,
      const v1::ListAccessKeysRequest* request,
      v1::ListAccessKeysResponse* response) override;
  grpc::ServerUnaryReactor* DeleteAccessKeys(
      grpc::CallbackServerContext* context,
      const v1::DeleteAccessKeysRequest* request,
      google::protobuf::Empty* response) override;

 private:
  const UnaryDispatcher* const dispatcher_;
  const AccessKeyApi* const api_;
};

class AuditGrpcService : public v1::AuditService::CallbackService {
 public:
  AuditGrpcService(const UnaryDispatcher* dispatcher, const AuditApi* api)
      : dispatcher_(dispatcher), api_(api) {}

  grpc::ServerUnaryReactor* ListAuditEvents(
      grpc::CallbackServerContext* context,
      const v1::ListAuditEventsRequest* request,
      v1::ListAuditEventsResponse* response) override;

 private:
  const UnaryDispatcher* const dispatcher_;
  const AuditApi* const api_;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_GRPC_SERVICES_H_
