#include "service/grpc_services.h"

namespace identity {

grpc::ServerUnaryReactor* OrgGrpcService::CreateOrg(
    grpc::CallbackServerContext* context, const v1::CreateOrgRequest* request,
    v1::Org* response) {
  return dispatcher_->Serve(
      context, request, response, Run::kOnExecutor,
      [api = api_](const CallContext& call, const v1::CreateOrgRequest& r) {
        return api->CreateOrg(call, r);
      });
}

grpc::ServerUnaryReactor* OrgGrpcService::GetOrg(
    grpc::CallbackServerContext* context, const v1::GetOrgRequest* request,
    v1::Org* response) {
  return dispatcher_->Serve(
      context, request, response, Run::kOnExecutor,
      [api = api_](const CallContext& call, const v1::GetOrgRequest& r) {
        return api->GetOrg(call, r);
      });
}

grpc::ServerUnaryReactor* OrgGrpcService::UpdateOrg(
    grpc::CallbackServerContext* context, const v1::UpdateOrgRequest* request,
    v1::Org* response) {
  return dispatcher_->Serve(
      context, request, response, Run::kOnExecutor,
      [api = api_](const CallContext& call, const v1::UpdateOrgRequest& r) {
        return api->UpdateOrg(call, r);
      });
}

grpc::ServerUnaryReactor* OrgGrpcService::DeleteOrg(
    grpc::CallbackServerContext* context, const v1::DeleteOrgRequest* request,
    google::protobuf::Empty* response) {
  return dispatcher_->Serve(
      context, request, response, Run::kOnExecutor,
      [api = api_](const CallContext& call, const v1::DeleteOrgRequest& r) {
        return api->DeleteOrg(call, r);
      });
}

grpc::ServerUnaryReactor* OrgGrpcService::ListOrgs(
    grpc::CallbackServerContext* context, const v1::ListOrgsRequest* request,
    v1::ListOrgsResponse* response) {
  return dispatcher_->Serve(
      context, request, response, Run::kOnExecutor,
      [api = api_](const CallContext& call, const v1::ListOrgsRequest& r) {
        return api->ListOrgs(call, r);
      });
}

grpc::ServerUnaryReactor* TenantGrpcService::CreateTenant(
    grpc::CallbackServerContext* context,
    const v1::CreateTenantRequest* request, v1::Tenant* response) {
  return dispatcher_->Serve(
      context, request, response, Run::kOnExecutor,
      [api = api_](const CallContext& call, const v1::CreateTenantRequest& r) {
        return api->CreateTenant(call, r);
      });
}

grpc::ServerUnaryReactor* TenantGrpcService::GetTenant(
    grpc::CallbackServerContext* context, const v1::GetTenantRequest* request,
    v1::Tenant* response) {
  return dispatcher_->Serve(
      context, request, response, Run::kOnExecutor,
      [api = api_](const CallContext& call, const v1::GetTenantRequest& r) {
        return api->GetTenant(call, r);
      });
}

grpc::ServerUnaryReactor* TenantGrpcService::UpdateTenant(
    grpc::CallbackServerContext* context,
    const v1::UpdateTenantRequest* request, v1::Tenant* response) {
  return dispatcher_->Serve(
      context, request, response, Run::kOnExecutor,
      [api = api_](const CallContext& call, const v1::UpdateTenantRequest& r) {
        return api->UpdateTenant(call, r);
      });
}

grpc::ServerUnaryReactor* TenantGrpcService::DeleteTenant(
    grpc::CallbackServerContext* context,
    const v1::DeleteTenantRequest* request, google::protobuf::Empty* response) {
  return dispatcher_->Serve(
      context, request, response, Run::kOnExecutor,
      [api = api_](const CallContext& call, const v1::DeleteTenantRequest& r) {
        return api->DeleteTenant(call, r);
      });
}

grpc::ServerUnaryReactor* TenantGrpcService::ListTenants(
    grpc::CallbackServerContext* context, const v1::ListTenantsRequest* request,
    v1::ListTenantsResponse* response) {
  return dispatcher_->Serve(
      context, request, response, Run::kOnExecutor,
      [api = api_](const CallContext& call, const v1::ListTenantsRequest& r) {
        return api->ListTenants(call, r);
      });
}

grpc::ServerUnaryReactor* UserGrpcService::CreateUser(
    grpc::CallbackServerContext* context, const v1::CreateUserRequest* request,
    v1::User* response) {
  return dispatcher_->Serve(
      context, request, response, Run::kOnExecutor,
      [api = api_](const CallContext& call, const v1::CreateUserRequest& r) {
        return api->CreateUser(call, r);
      });
}

grpc::ServerUnaryReactor* UserGrpcService::GetUser(
    grpc::CallbackServerContext* context, const v1::GetUserRequest* request,
    v1::User* response) {
  return dispatcher_->Serve(
      context, request, response, Run::kOnExecutor,
      [api = api_](const CallContext& call, const v1::GetUserRequest& r) {
        return api->GetUser(call, r);
      });
}

grpc::ServerUnaryReactor* UserGrpcService::UpdateUser(
    grpc::CallbackServerContext* context, const v1::UpdateUserRequest* request,
    v1::User* response) {
  return dispatcher_->Serve(
      context, request, response, Run::kOnExecutor,
      [api = api_](const CallContext& call, const v1::UpdateUserRequest& r) {
        return api->UpdateUser(call, r);
      });
}

grpc::ServerUnaryReactor* UserGrpcService::DeleteUser(
    grpc::CallbackServerContext* context, const v1::DeleteUserRequest* request,
    google::protobuf::Empty* response) {
  return dispatcher_->Serve(
      context, request, response, Run::kOnExecutor,
      [api = api_](const CallContext& call, const v1::DeleteUserRequest& r) {
        return api->DeleteUser(call, r);
      });
}

grpc::ServerUnaryReactor* UserGrpcService::ListUsers(
    grpc::CallbackServerContext* context, const v1::ListUsersRequest* request,
    v1::ListUsersResponse* response) {
  return dispatcher_->Serve(
      context, request, response, Run::kOnExecutor,
      [api = api_](const CallContext& call, const v1::ListUsersRequest& r) {
        return api->ListUsers(call, r);
      });
}

grpc::ServerUnaryReactor* UserGrpcService::UpdateConfig(
    grpc::CallbackServerContext* context,
    const v1::UpdateConfigRequest* request,
    v1::UpdateConfigResponse* response) {
  return dispatcher_->Serve(
      context, request, response, Run::kOnExecutor,
      [api = api_](const CallContext& call, const v1::UpdateConfigRequest& r) {
        return api->UpdateConfig(call, r);
      });
}

grpc::ServerUnaryReactor* AccessKeyGrpcService::CreateAccessKey(
    grpc::CallbackServerContext* context,
    const v1::CreateAccessKeyRequest* request, v1::AccessKey* response) {
  return dispatcher_->Serve(context, request, response, Run::kOnExecutor,
                            [api = api_](const CallContext& call,
                                         const v1::CreateAccessKeyRequest& r) {
                              return api->CreateAccessKey(call, r);
                            });
}

grpc::ServerUnaryReactor* AccessKeyGrpcService::ListAccessKeys(
    grpc::CallbackServerContext* context,
    const v1::ListAccessKeysRequest* request,
    v1::ListAccessKeysResponse* response) {
  return dispatcher_->Serve(context, request, response, Run::kOnExecutor,
                            [api = api_](const CallContext& call,
                                         const v1::ListAccessKeysRequest& r) {
                              return api->ListAccessKeys(call, r);
                            });
}

grpc::ServerUnaryReactor* AccessKeyGrpcService::DeleteAccessKeys(
    grpc::CallbackServerContext* context,
    const v1::DeleteAccessKeysRequest* request,
    google::protobuf::Empty* response) {
  return dispatcher_->Serve(context, request, response, Run::kOnExecutor,
                            [api = api_](const CallContext& call,
                                         const v1::DeleteAccessKeysRequest& r) {
                              return api->DeleteAccessKeys(call, r);
                            });
}

grpc::ServerUnaryReactor* AuditGrpcService::ListAuditEvents(
    grpc::CallbackServerContext* context,
    const v1::ListAuditEventsRequest* request,
    v1::ListAuditEventsResponse* response) {
  return dispatcher_->Serve(context, request, response, Run::kOnExecutor,
                            [api = api_](const CallContext& call,
                                         const v1::ListAuditEventsRequest& r) {
                              return api->ListAuditEvents(call, r);
                            });
}

// The hot path: answered inline from the interceptor's cached identity,
// without a thread hop or the database.
grpc::ServerUnaryReactor* UserGrpcService::GetUserInfo(
    grpc::CallbackServerContext* context, const v1::GetUserInfoRequest* request,
    v1::GetUserInfoResponse* response) {
  return dispatcher_->Serve(
      context, request, response, Run::kInline,
      [](const CallContext& call, const v1::GetUserInfoRequest&)
          -> absl::StatusOr<v1::GetUserInfoResponse> {
        return UserApi::GetUserInfo(call);
      });
}

}  // namespace identity
