#include "service/user_api.h"

#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "google/protobuf/util/json_util.h"
#include "service/access_policy.h"
#include "service/audit_entry.h"
#include "service/audit_summary.h"
#include "service/field_validation.h"
#include "service/json_struct.h"
#include "service/page_token.h"
#include "service/resource_conversion.h"
#include "service/resource_reach.h"
#include "service/update_mask.h"

namespace identity {
namespace {

using storage::Access;
using storage::Lock;
using storage::Transaction;

std::vector<std::string> RolesOf(const v1::User& user) {
  return {user.roles().begin(), user.roles().end()};
}

absl::Status TooManyConfigKeys() {
  return absl::InvalidArgumentError(absl::StrCat(
      "updated: a user may have at most ", kMaxConfigKeys, " config keys"));
}

absl::Status ValidateUserFields(const v1::User& user) {
  RETURN_IF_ERROR(ValidateName("user.name", user.name()));
  RETURN_IF_ERROR(ValidateText("user.email", user.email(), kMaxEmailLength));
  return ValidateRoles("user.roles", RolesOf(user));
}

}  // namespace

absl::StatusOr<v1::User> UserApi::CreateUser(
    const CallContext& call, const v1::CreateUserRequest& request) const {
  const v1::User& user = request.user();
  const Principal& caller = call.user();
  RETURN_IF_ERROR(ValidateId("user.id", user.id()));
  RETURN_IF_ERROR(ValidateId("user.tenant_id", user.tenant_id()));
  if (!user.org_id().empty()) {
    RETURN_IF_ERROR(ValidateId("user.org_id", user.org_id()));
  }
  if (!AccessPolicy::ActsInEveryOrg(caller)) {
    RETURN_IF_ERROR(AccessPolicy::RequireInOrg(
        caller, Permission::kWriteUser,
        user.org_id().empty() ? caller.org_id : user.org_id()));
  }
  RETURN_IF_ERROR(ValidateUserFields(user));
  RETURN_IF_ERROR(AccessPolicy::RequireCanGrant(caller, RolesOf(user)));
  storage::User row;
  ASSIGN_OR_RETURN(row.variables_json,
                   StructToJson("user.variables", user.variables()));
  row.id = user.id();
  row.name = user.name();
  row.email = user.email();
  row.tenant_id = user.tenant_id();
  row.roles = RolesOf(user);

  storage::User created;
  RETURN_IF_ERROR(store_->RunInTransaction(
      call.deadline, Access::kReadWrite, [&](Transaction& tx) -> absl::Status {
        absl::StatusOr<storage::Tenant> tenant =
            tx.tenants().Get(user.tenant_id(), Lock::kNone);
        if (absl::IsNotFound(tenant.status())) {
          return absl::FailedPreconditionError(absl::StrCat(
              "tenant ", user.tenant_id(), " does not exist; create it first"));
        }
        RETURN_IF_ERROR(tenant.status());
        if (!user.org_id().empty() && tenant->org_id != user.org_id()) {
          return absl::InvalidArgumentError(
              absl::StrCat("user.tenant_id: tenant ", user.tenant_id(),
                           " does not belong to org ", user.org_id()));
        }
        RETURN_IF_ERROR(AccessPolicy::RequireInOrg(
            caller, Permission::kWriteUser, tenant->org_id));
        row.org_id = tenant->org_id;
        ASSIGN_OR_RETURN(created, tx.users().Insert(row));
        return tx.audit().Append(
            MakeAuditEvent(call, kAuditUser, created.id, created.org_id,
                           AuditSummary()
                               .Set("name", created.name)
                               .Set("tenant_id", created.tenant_id)
                               .SetList("roles", created.roles)
                               .Build()));
      }));
  return ToProto(created);
}

absl::StatusOr<v1::User> UserApi::GetUser(
    const CallContext& call, const v1::GetUserRequest& request) const {
  RETURN_IF_ERROR(ValidateId("id", request.id()));
  storage::User user;
  RETURN_IF_ERROR(store_->RunInTransaction(
      call.deadline, Access::kReadOnly, [&](Transaction& tx) -> absl::Status {
        if (request.id() == call.user().id) {
          ASSIGN_OR_RETURN(user, tx.users().Get(request.id(), Lock::kNone));
          return absl::OkStatus();
        }
        ASSIGN_OR_RETURN(user,
                         LoadUserInReach(tx, call.user(), request.id(),
                                         Permission::kReadUser, Lock::kNone));
        return absl::OkStatus();
      }));
  return ToProto(user);
}

absl::StatusOr<v1::User> UserApi::UpdateUser(
    const CallContext& call, const v1::UpdateUserRequest& request) const {
  const v1::User& user = request.user();
  const Principal& caller = call.user();
  RETURN_IF_ERROR(ValidateId("user.id", user.id()));
  std::vector<absl::string_view> set_fields;
  if (!user.name().empty()) set_fields.push_back("name");
  if (!user.email().empty()) set_fields.push_back("email");
  if (user.has_variables()) set_fields.push_back("variables");
  if (!user.roles().empty()) set_fields.push_back("roles");
  ASSIGN_OR_RETURN(
      UpdatedFields fields,
      ResolveUpdateMask(request.update_mask(),
                        {"name", "email", "variables", "roles"}, set_fields));
  RETURN_IF_ERROR(ValidateUserFields(user));
  ASSIGN_OR_RETURN(std::string variables,
                   StructToJson("user.variables", user.variables()));
  if (fields.contains("roles")) {
    RETURN_IF_ERROR(AccessPolicy::RequireCanGrant(caller, RolesOf(user)));
  }

  storage::User updated;
  RETURN_IF_ERROR(store_->RunInTransaction(
      call.deadline, Access::kReadWrite, [&](Transaction& tx) -> absl::Status {
        ASSIGN_OR_RETURN(
            updated, LoadUserInReach(tx, caller, user.id(),
                                     Permission::kWriteUser, Lock::kForUpdate));
        RETURN_IF_ERROR(AccessPolicy::RequireCanManage(
            caller, Principal::FromUser(updated)));
        if (!user.tenant_id().empty() &&
            user.tenant_id() != updated.tenant_id) {
          return absl::InvalidArgumentError("user.tenant_id cannot be changed");
        }
        if (!user.org_id().empty() && user.org_id() != updated.org_id) {
          return absl::InvalidArgumentError("user.org_id cannot be changed");
        }
        if (!user.etag().empty() && user.etag() != EtagOf(updated.version)) {
          return absl::AbortedError(absl::StrCat(
              "user ", user.id(), " was changed since etag ", user.etag()));
        }
        if (fields.contains("name")) updated.name = user.name();
        if (fields.contains("email")) updated.email = user.email();
        if (fields.contains("variables")) updated.variables_json = variables;
        if (fields.contains("roles")) updated.roles = RolesOf(user);
        ASSIGN_OR_RETURN(updated, tx.users().Update(updated));
        AuditSummary summary;
        summary.SetFields(fields);
        if (fields.contains("roles")) summary.SetList("roles", updated.roles);
        return tx.audit().Append(MakeAuditEvent(
            call, kAuditUser, updated.id, updated.org_id, summary.Build()));
      }));
  cache_->OnUserChanged(updated.id);
  return ToProto(updated);
}

absl::StatusOr<google::protobuf::Empty> UserApi::DeleteUser(
    const CallContext& call, const v1::DeleteUserRequest& request) const {
  RETURN_IF_ERROR(ValidateId("id", request.id()));
  RETURN_IF_ERROR(store_->RunInTransaction(
      call.deadline, Access::kReadWrite, [&](Transaction& tx) -> absl::Status {
        ASSIGN_OR_RETURN(
            storage::User user,
            LoadUserInReach(tx, call.user(), request.id(),
                            Permission::kWriteUser, Lock::kForUpdate));
        RETURN_IF_ERROR(AccessPolicy::RequireCanManage(
            call.user(), Principal::FromUser(user)));
        RETURN_IF_ERROR(tx.users().Delete(user.id));
        return tx.audit().Append(MakeAuditEvent(
            call, kAuditUser, user.id, user.org_id,
            AuditSummary().SetList("roles", user.roles).Build()));
      }));
  cache_->OnUserChanged(request.id());
  return google::protobuf::Empty();
}

absl::StatusOr<v1::ListUsersResponse> UserApi::ListUsers(
    const CallContext& call, const v1::ListUsersRequest& request) const {
  const Principal& caller = call.user();
  storage::UserFilter filter;
  filter.org_id = request.lookup_org_id();
  filter.tenant_id = request.lookup_tenant_id();
  filter.user_id = request.lookup_user_id();
  if (!filter.tenant_id.empty()) {
    RETURN_IF_ERROR(ValidateId("lookup_tenant_id", filter.tenant_id));
  }
  if (!filter.user_id.empty()) {
    RETURN_IF_ERROR(ValidateId("lookup_user_id", filter.user_id));
  }
  const bool narrowed = !filter.tenant_id.empty() || !filter.user_id.empty();
  if (filter.org_id.empty() &&
      !(AccessPolicy::ActsInEveryOrg(caller) && narrowed)) {
    filter.org_id = caller.org_id;
  }
  if (!filter.org_id.empty()) {
    RETURN_IF_ERROR(ValidateId("lookup_org_id", filter.org_id));
  }
  RETURN_IF_ERROR(
      AccessPolicy::RequireInOrg(caller, Permission::kReadUser, filter.org_id));
  ASSIGN_OR_RETURN(PageCursor page,
                   DecodePage(request.page_size(), request.page_token()));
  std::vector<storage::User> rows;
  RETURN_IF_ERROR(store_->RunInTransaction(
      call.deadline, Access::kReadOnly, [&](Transaction& tx) -> absl::Status {
        ASSIGN_OR_RETURN(rows,
                         tx.users().List({page.after, page.size + 1}, filter));
        return absl::OkStatus();
      }));
  v1::ListUsersResponse response;
  ASSIGN_OR_RETURN(*response.mutable_next_page_token(),
                   EmitPage(
                       rows, page,
                       [&](const storage::User& row) -> absl::Status {
                         ASSIGN_OR_RETURN(*response.add_users(), ToProto(row));
                         return absl::OkStatus();
                       },
                       [](const storage::User& row) { return row.id; }));
  return response;
}

v1::GetUserInfoResponse UserApi::GetUserInfo(const CallContext& call) {
  const Principal& user = call.user();
  v1::GetUserInfoResponse info;
  info.set_id(user.id);
  info.set_name(user.name);
  info.set_email(user.email);
  info.set_tenant_id(user.tenant_id);
  info.set_org_id(user.org_id);
  for (const std::string& role : user.roles) info.add_roles(role);
  for (std::string& permission : user.permissions.Names()) {
    info.add_permissions(std::move(permission));
  }
  if (call.impersonator) info.set_impersonator_id(call.impersonator->id);
  return info;
}

absl::StatusOr<v1::UpdateConfigResponse> UserApi::UpdateConfig(
    const CallContext& call, const v1::UpdateConfigRequest& request) const {
  const auto& updated = request.updated().fields();
  if (updated.size() > kMaxConfigKeys) return TooManyConfigKeys();
  for (const auto& [key, value] : updated) {
    RETURN_IF_ERROR(ValidateText("updated", key, kMaxConfigKeyLength,
                                 /*required=*/true));
    RETURN_IF_ERROR(ValueToJson(absl::StrCat("updated.", key), value).status());
  }
  std::vector<std::string> deleted;
  for (const std::string& key : request.deleted()) {
    RETURN_IF_ERROR(ValidateText("deleted", key, kMaxConfigKeyLength,
                                 /*required=*/true));
    deleted.push_back(key);
  }
  std::string updated_json;
  if (!google::protobuf::util::MessageToJsonString(request.updated(),
                                                   &updated_json)
           .ok()) {
    return absl::InvalidArgumentError("updated cannot be written as JSON");
  }
  const bool changes = !updated.empty() || !deleted.empty();

  google::protobuf::Struct configs;
  RETURN_IF_ERROR(store_->RunInTransaction(
      call.deadline, Access::kReadWrite, [&](Transaction& tx) -> absl::Status {
        ASSIGN_OR_RETURN(
            std::string json,
            tx.users().UpdateConfig(call.user().id, updated_json, deleted));
        ASSIGN_OR_RETURN(configs, JsonToStruct(json));
        if (configs.fields_size() > static_cast<int>(kMaxConfigKeys)) {
          return TooManyConfigKeys();
        }
        if (!changes) return absl::OkStatus();
        std::vector<std::string> keys;
        for (const auto& [key, value] : updated) keys.push_back(key);
        std::sort(keys.begin(), keys.end());
        return tx.audit().Append(MakeAuditEvent(
            call, kAuditConfig, call.user().id, call.user().org_id,
            AuditSummary()
                .SetList("updated", keys)
                .SetList("deleted", deleted)
                .Build()));
      }));
  v1::UpdateConfigResponse response;
  *response.mutable_configs() = std::move(configs);
  return response;
}

}  // namespace identity
