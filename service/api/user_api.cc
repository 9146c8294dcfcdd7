#include "service/api/user_api.h"

#include "absl/strings/str_cat.h"
#include "base/error_details.h"
#include "base/status_macros.h"
#include "service/api/audit_entry.h"
#include "service/api/audit_summary.h"
#include "service/api/etag.h"
#include "service/api/field_validation.h"
#include "service/api/idempotent_create.h"
#include "service/api/in_transaction.h"
#include "service/api/json_struct.h"
#include "service/api/list_page.h"
#include "service/api/resource_conversion.h"
#include "service/api/resource_reach.h"
#include "service/api/update_mask.h"
#include "service/auth/access_policy.h"

namespace identity {
namespace {

using storage::Lock;
using storage::Transaction;

std::vector<std::string> RolesOf(const v1::User& user) {
  return {user.roles().begin(), user.roles().end()};
}

absl::Status ValidateUserFields(const v1::User& user) {
  RETURN_IF_ERROR(ValidateName("user.name", user.name()));
  RETURN_IF_ERROR(ValidateText("user.email", user.email(), kMaxEmailLength));
  return ValidateRoles("user.roles", RolesOf(user));
}

// Why a new user's tenant is refused: it must exist, match the org the
// request names (if any), and lie within the call's reach. A tenant outside
// the call's org gets the same PERMISSION_DENIED whether or not it exists;
// only callers acting in every org learn which. OK if none of these holds.
absl::Status CheckTenantOfNewUser(Transaction& tx, const CallContext& call,
                                  const v1::User& user) {
  absl::StatusOr<storage::Tenant> tenant =
      tx.tenants().Get(user.tenant_id(), Lock::kNone);
  if (!AccessPolicy::ActsInEveryOrg(call) &&
      (absl::IsNotFound(tenant.status()) ||
       (tenant.ok() && tenant->org_id != call.user().org_id))) {
    return AccessPolicy::NotVisible("tenant", user.tenant_id());
  }
  if (absl::IsNotFound(tenant.status())) {
    return WithReason(
        absl::FailedPreconditionError(absl::StrCat(
            "tenant ", user.tenant_id(), " does not exist; create it first")),
        ErrorReason::kTenantNotFound);
  }
  RETURN_IF_ERROR(tenant.status());
  if (!user.org_id().empty() && tenant->org_id != user.org_id()) {
    return WithReason(
        InvalidFieldError(
            "user.tenant_id",
            absl::StrCat("user.tenant_id: tenant ", user.tenant_id(),
                         " does not belong to org ", user.org_id())),
        ErrorReason::kTenantNotInOrg);
  }
  return AccessPolicy::RequireInOrg(call, Permission::kWriteUser,
                                    tenant->org_id);
}

}  // namespace

absl::StatusOr<v1::User> UserApi::CreateUser(
    const CallContext& call, const v1::CreateUserRequest& request) const {
  const v1::User& user = request.user();
  RETURN_IF_ERROR(ValidateId("user.id", user.id()));
  RETURN_IF_ERROR(ValidateId("user.tenant_id", user.tenant_id()));
  if (!user.org_id().empty()) {
    RETURN_IF_ERROR(ValidateId("user.org_id", user.org_id()));
  }
  if (!AccessPolicy::ActsInEveryOrg(call)) {
    RETURN_IF_ERROR(AccessPolicy::RequireInOrg(
        call, Permission::kWriteUser,
        user.org_id().empty() ? call.user().org_id : user.org_id()));
  }
  RETURN_IF_ERROR(ValidateUserFields(user));
  RETURN_IF_ERROR(ValidateRequestId(request.request_id()));
  RETURN_IF_ERROR(AccessPolicy::RequireCanGrant(call, RolesOf(user)));
  storage::User row;
  ASSIGN_OR_RETURN(row.variables_json,
                   StructToJson("user.variables", user.variables()));
  row.id = user.id();
  row.name = user.name();
  row.email = user.email();
  row.tenant_id = user.tenant_id();
  row.roles = RolesOf(user);

  // The tenant must be in this org; empty: any (a super admin's call).
  row.org_id =
      AccessPolicy::ActsInEveryOrg(call) ? user.org_id() : call.user().org_id;
  // The store sets the event's org and resource id to the new row's.
  const storage::AuditEvent audit =
      MakeAuditEvent(call, storage::kAuditUser, row.id, row.org_id,
                     AuditSummary()
                         .Set("name", row.name)
                         .Set("tenant_id", row.tenant_id)
                         .SetList("roles", row.roles)
                         .Build());

  return IdempotentCreate<v1::User>(
      *store_, call, request,
      [&](Transaction& tx) -> absl::StatusOr<v1::User> {
        // The tenant's org, the row and its audit event in one round trip;
        // only when no tenant matched is the tenant read, to say why.
        absl::StatusOr<storage::User> created = tx.users().Insert(row, audit);
        if (absl::IsFailedPrecondition(created.status())) {
          RETURN_IF_ERROR(CheckTenantOfNewUser(tx, call, user));
        }
        RETURN_IF_ERROR(created.status());
        return ToProto(*created);
      },
      [&](Transaction&, const v1::User& created) {
        return AccessPolicy::RequireInOrg(call, Permission::kReadUser,
                                          created.org_id());
      });
}

absl::StatusOr<v1::User> UserApi::GetUser(
    const CallContext& call, const v1::GetUserRequest& request) const {
  RETURN_IF_ERROR(ValidateId("id", request.id()));
  ASSIGN_OR_RETURN(
      const storage::User user,
      ReadInTransaction(*store_, call.deadline, [&](Transaction& tx) {
        if (request.id() == call.user().id) {
          return tx.users().Get(request.id(), Lock::kNone);
        }
        return LoadUserInReach(tx, call, request.id(), Permission::kReadUser,
                               Lock::kNone);
      }));
  return ToProto(user);
}

absl::StatusOr<v1::User> UserApi::UpdateUser(
    const CallContext& call, const v1::UpdateUserRequest& request) const {
  const v1::User& user = request.user();
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
    RETURN_IF_ERROR(AccessPolicy::RequireCanGrant(call, RolesOf(user)));
  }

  ASSIGN_OR_RETURN(
      const storage::User updated,
      WriteInTransaction(
          *store_, call.deadline,
          [&](Transaction& tx) -> absl::StatusOr<storage::User> {
            ASSIGN_OR_RETURN(
                storage::User row,
                LoadUserInReach(tx, call, user.id(), Permission::kWriteUser,
                                Lock::kForUpdate));
            RETURN_IF_ERROR(AccessPolicy::RequireCanManage(
                call, UserPrincipal::FromUser(row)));
            if (!user.tenant_id().empty() &&
                user.tenant_id() != row.tenant_id) {
              return InvalidFieldError("user.tenant_id",
                                       "user.tenant_id cannot be changed");
            }
            if (!user.org_id().empty() && user.org_id() != row.org_id) {
              return InvalidFieldError("user.org_id",
                                       "user.org_id cannot be changed");
            }
            RETURN_IF_ERROR(
                CheckEtag("user", user.id(), user.etag(), row.version));
            if (fields.contains("name")) row.name = user.name();
            if (fields.contains("email")) row.email = user.email();
            if (fields.contains("variables")) row.variables_json = variables;
            if (fields.contains("roles")) row.roles = RolesOf(user);
            ASSIGN_OR_RETURN(row, tx.users().Update(row));
            AuditSummary summary;
            summary.SetFields(fields);
            if (fields.contains("roles")) summary.SetList("roles", row.roles);
            RETURN_IF_ERROR(tx.audit().Append(
                MakeAuditEvent(call, storage::kAuditUser, row.id, row.org_id,
                               summary.Build())));
            return row;
          }));
  cache_->OnUserChanged(updated.id);
  return ToProto(updated);
}

absl::StatusOr<google::protobuf::Empty> UserApi::DeleteUser(
    const CallContext& call, const v1::DeleteUserRequest& request) const {
  RETURN_IF_ERROR(ValidateId("id", request.id()));
  RETURN_IF_ERROR(store_->RunInTransaction(
      call.deadline, storage::Access::kReadWrite,
      [&](Transaction& tx) -> absl::Status {
        ASSIGN_OR_RETURN(
            storage::User user,
            LoadUserInReach(tx, call, request.id(), Permission::kWriteUser,
                            Lock::kForUpdate));
        RETURN_IF_ERROR(AccessPolicy::RequireCanManage(
            call, UserPrincipal::FromUser(user)));
        RETURN_IF_ERROR(tx.users().Delete(user.id));
        return tx.audit().Append(MakeAuditEvent(
            call, storage::kAuditUser, user.id, user.org_id,
            AuditSummary().SetList("roles", user.roles).Build()));
      }));
  cache_->OnUserChanged(request.id());
  return google::protobuf::Empty();
}

absl::StatusOr<v1::ListUsersResponse> UserApi::ListUsers(
    const CallContext& call, const v1::ListUsersRequest& request) const {
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
      !(AccessPolicy::ActsInEveryOrg(call) && narrowed)) {
    filter.org_id = call.user().org_id;
  }
  if (!filter.org_id.empty()) {
    RETURN_IF_ERROR(ValidateId("lookup_org_id", filter.org_id));
  }
  RETURN_IF_ERROR(
      AccessPolicy::RequireInOrg(call, Permission::kReadUser, filter.org_id));
  return ListPage(
      *store_, call.deadline, request,
      [&](Transaction& tx, const storage::PageRequest& page) {
        return tx.users().List(page, filter);
      },
      &v1::ListUsersResponse::add_users,
      [](const storage::User& row) { return row.id; });
}

}  // namespace identity
