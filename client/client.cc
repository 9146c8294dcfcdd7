#include "client/client.h"

#include <grpcpp/create_channel.h>

#include <utility>

#include "absl/strings/str_cat.h"
#include "base/call_metadata.h"
#include "client/status_conversion.h"
#include "google/protobuf/empty.pb.h"
#include "identity/v1/access_key_service.grpc.pb.h"
#include "identity/v1/audit_service.grpc.pb.h"
#include "identity/v1/org_service.grpc.pb.h"
#include "identity/v1/tenant_service.grpc.pb.h"
#include "identity/v1/user_service.grpc.pb.h"

namespace identity {

struct Client::Stubs {
  explicit Stubs(const std::shared_ptr<grpc::Channel>& channel)
      : orgs(channel),
        tenants(channel),
        users(channel),
        access_keys(channel),
        audit(channel) {}

  v1::OrgService::Stub orgs;
  v1::TenantService::Stub tenants;
  v1::UserService::Stub users;
  v1::AccessKeyService::Stub access_keys;
  v1::AuditService::Stub audit;
};

absl::StatusOr<Client> Client::Create(ClientOptions options) {
  if (options.endpoint.empty()) {
    return absl::InvalidArgumentError("client options: endpoint is empty");
  }
  if (options.timeout <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError(
        "client options: timeout must be positive");
  }
  if (options.credentials == nullptr) {
    return absl::InvalidArgumentError("client options: credentials are null");
  }
  return Client(grpc::CreateChannel(options.endpoint, options.credentials),
                std::move(options.access_key), options.timeout);
}

Client::Client(std::shared_ptr<grpc::Channel> channel, std::string access_key,
               absl::Duration timeout)
    : Client(std::make_shared<Stubs>(channel), std::move(access_key), timeout,
             /*impersonated_user=*/"") {}

Client::Client(std::shared_ptr<Stubs> stubs, std::string access_key,
               absl::Duration timeout, std::string impersonated_user)
    : stubs_(std::move(stubs)),
      access_key_(std::move(access_key)),
      timeout_(timeout),
      impersonated_user_(
          std::make_shared<ImpersonatedUser>(std::move(impersonated_user))) {}

void Client::SetImpersonateUser(std::string user_id) {
  impersonated_user_->SetShared(std::move(user_id));
}

void Client::ClearImpersonation() { impersonated_user_->SetShared(""); }

std::string Client::impersonated_user() const {
  return impersonated_user_->Get();
}

ImpersonationScope Client::Impersonate(std::string user_id) {
  return ImpersonationScope(impersonated_user_, std::move(user_id));
}

Client Client::AsUser(std::string user_id) const {
  return Client(stubs_, access_key_, timeout_, std::move(user_id));
}

template <typename Stub, typename Request, typename Response>
absl::StatusOr<Response> Client::Call(
    Stub& stub,
    grpc::Status (Stub::*rpc)(grpc::ClientContext*, const Request&, Response*),
    const Request& request) const {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + timeout_));
  if (!access_key_.empty()) {
    context.AddMetadata(kAuthorizationMetadata,
                        absl::StrCat(kBearerPrefix, access_key_));
  }
  if (std::string user_id = impersonated_user_->Get(); !user_id.empty()) {
    context.AddMetadata(kImpersonateUserMetadata, user_id);
  }
  Response response;
  grpc::Status status = (stub.*rpc)(&context, request, &response);
  if (!status.ok()) {
    return FromGrpcStatus(status);
  }
  return response;
}

// --- OrgService ---

absl::StatusOr<v1::Org> Client::CreateOrg(const v1::Org& org,
                                          std::string_view request_id) const {
  v1::CreateOrgRequest request;
  *request.mutable_org() = org;
  request.set_request_id(std::string(request_id));
  return Call(stubs_->orgs, &v1::OrgService::Stub::CreateOrg, request);
}

absl::StatusOr<v1::Org> Client::GetOrg(std::string_view id) const {
  v1::GetOrgRequest request;
  request.set_id(std::string(id));
  return Call(stubs_->orgs, &v1::OrgService::Stub::GetOrg, request);
}

absl::StatusOr<v1::Org> Client::UpdateOrg(
    const v1::Org& org, const google::protobuf::FieldMask& update_mask) const {
  v1::UpdateOrgRequest request;
  *request.mutable_org() = org;
  *request.mutable_update_mask() = update_mask;
  return Call(stubs_->orgs, &v1::OrgService::Stub::UpdateOrg, request);
}

absl::Status Client::DeleteOrg(std::string_view id, bool force) const {
  v1::DeleteOrgRequest request;
  request.set_id(std::string(id));
  request.set_force(force);
  return Call(stubs_->orgs, &v1::OrgService::Stub::DeleteOrg, request).status();
}

absl::StatusOr<v1::ListOrgsResponse> Client::ListOrgs(
    const v1::ListOrgsRequest& request) const {
  return Call(stubs_->orgs, &v1::OrgService::Stub::ListOrgs, request);
}

// --- TenantService ---

absl::StatusOr<v1::Tenant> Client::CreateTenant(
    const v1::Tenant& tenant, std::string_view request_id) const {
  v1::CreateTenantRequest request;
  *request.mutable_tenant() = tenant;
  request.set_request_id(std::string(request_id));
  return Call(stubs_->tenants, &v1::TenantService::Stub::CreateTenant, request);
}

absl::StatusOr<v1::Tenant> Client::GetTenant(std::string_view id) const {
  v1::GetTenantRequest request;
  request.set_id(std::string(id));
  return Call(stubs_->tenants, &v1::TenantService::Stub::GetTenant, request);
}

absl::StatusOr<v1::Tenant> Client::UpdateTenant(
    const v1::Tenant& tenant,
    const google::protobuf::FieldMask& update_mask) const {
  v1::UpdateTenantRequest request;
  *request.mutable_tenant() = tenant;
  *request.mutable_update_mask() = update_mask;
  return Call(stubs_->tenants, &v1::TenantService::Stub::UpdateTenant, request);
}

absl::Status Client::DeleteTenant(std::string_view id, bool force) const {
  v1::DeleteTenantRequest request;
  request.set_id(std::string(id));
  request.set_force(force);
  return Call(stubs_->tenants, &v1::TenantService::Stub::DeleteTenant, request)
      .status();
}

absl::StatusOr<v1::ListTenantsResponse> Client::ListTenants(
    const v1::ListTenantsRequest& request) const {
  return Call(stubs_->tenants, &v1::TenantService::Stub::ListTenants, request);
}

// --- UserService ---

absl::StatusOr<v1::User> Client::CreateUser(const v1::User& user,
                                            std::string_view request_id) const {
  v1::CreateUserRequest request;
  *request.mutable_user() = user;
  request.set_request_id(std::string(request_id));
  return Call(stubs_->users, &v1::UserService::Stub::CreateUser, request);
}

absl::StatusOr<v1::User> Client::GetUser(std::string_view id) const {
  v1::GetUserRequest request;
  request.set_id(std::string(id));
  return Call(stubs_->users, &v1::UserService::Stub::GetUser, request);
}

absl::StatusOr<v1::User> Client::UpdateUser(
    const v1::User& user,
    const google::protobuf::FieldMask& update_mask) const {
  v1::UpdateUserRequest request;
  *request.mutable_user() = user;
  *request.mutable_update_mask() = update_mask;
  return Call(stubs_->users, &v1::UserService::Stub::UpdateUser, request);
}

absl::Status Client::DeleteUser(std::string_view id) const {
  v1::DeleteUserRequest request;
  request.set_id(std::string(id));
  return Call(stubs_->users, &v1::UserService::Stub::DeleteUser, request)
      .status();
}

absl::StatusOr<v1::ListUsersResponse> Client::ListUsers(
    const v1::ListUsersRequest& request) const {
  return Call(stubs_->users, &v1::UserService::Stub::ListUsers, request);
}

absl::StatusOr<v1::GetUserInfoResponse> Client::GetUserInfo() const {
  return Call(stubs_->users, &v1::UserService::Stub::GetUserInfo,
              v1::GetUserInfoRequest());
}

absl::StatusOr<v1::UpdateConfigResponse> Client::UpdateConfig(
    const v1::UpdateConfigRequest& request) const {
  return Call(stubs_->users, &v1::UserService::Stub::UpdateConfig, request);
}

// --- AccessKeyService ---

absl::StatusOr<v1::AccessKey> Client::CreateAccessKey(
    const v1::CreateAccessKeyRequest& request) const {
  return Call(stubs_->access_keys, &v1::AccessKeyService::Stub::CreateAccessKey,
              request);
}

absl::StatusOr<v1::ListAccessKeysResponse> Client::ListAccessKeys(
    const v1::ListAccessKeysRequest& request) const {
  return Call(stubs_->access_keys, &v1::AccessKeyService::Stub::ListAccessKeys,
              request);
}

absl::Status Client::DeleteAccessKeys(
    const v1::DeleteAccessKeysRequest& request) const {
  return Call(stubs_->access_keys,
              &v1::AccessKeyService::Stub::DeleteAccessKeys, request)
      .status();
}

absl::StatusOr<v1::AccessKey> Client::RotateAccessKey(
    const v1::RotateAccessKeyRequest& request) const {
  return Call(stubs_->access_keys, &v1::AccessKeyService::Stub::RotateAccessKey,
              request);
}

// --- AuditService ---

absl::StatusOr<v1::ListAuditEventsResponse> Client::ListAuditEvents(
    const v1::ListAuditEventsRequest& request) const {
  return Call(stubs_->audit, &v1::AuditService::Stub::ListAuditEvents, request);
}

}  // namespace identity
