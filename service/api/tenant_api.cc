#include "service/api/tenant_api.h"

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
#include "service/api/page_token.h"
#include "service/api/resource_conversion.h"
#include "service/api/resource_reach.h"
#include "service/api/update_mask.h"
#include "service/auth/access_policy.h"

namespace identity {
namespace {

using storage::Lock;
using storage::Transaction;

// Refuses a forced delete that would take a user the call could not delete
// on its own. The users are locked as they are checked, so that a promotion
// committed between this check and the delete cannot slip through.
absl::Status RequireCanDeleteUsersOf(Transaction& tx, const CallContext& call,
                                     const std::string& tenant_id) {
  if (AccessPolicy::ActsInEveryOrg(call)) return absl::OkStatus();
  storage::PageRequest page{"", kMaxPageSize};
  while (true) {
    ASSIGN_OR_RETURN(std::vector<storage::User> users,
                     tx.users().ListOfTenantForUpdate(page, tenant_id));
    for (const storage::User& user : users) {
      RETURN_IF_ERROR(
          AccessPolicy::RequireCanManage(call, UserPrincipal::FromUser(user)));
    }
    if (users.size() < static_cast<size_t>(page.limit)) return absl::OkStatus();
    page.after = users.back().id;
  }
}

}  // namespace

absl::StatusOr<v1::Tenant> TenantApi::CreateTenant(
    const CallContext& call, const v1::CreateTenantRequest& request) const {
  const v1::Tenant& tenant = request.tenant();
  storage::Tenant row;
  RETURN_IF_ERROR(ValidateId("tenant.id", tenant.id()));
  RETURN_IF_ERROR(ValidateId("tenant.org_id", tenant.org_id()));
  RETURN_IF_ERROR(AccessPolicy::RequireInOrg(call, Permission::kWriteTenant,
                                             tenant.org_id()));
  RETURN_IF_ERROR(ValidateName("tenant.name", tenant.name()));
  RETURN_IF_ERROR(ValidateRequestId(request.request_id()));
  ASSIGN_OR_RETURN(row.variables_json,
                   StructToJson("tenant.variables", tenant.variables()));
  row.id = tenant.id();
  row.name = tenant.name();
  row.org_id = tenant.org_id();

  const storage::AuditEvent audit =
      MakeAuditEvent(call, storage::kAuditTenant, row.id, row.org_id,
                     AuditSummary().Set("name", row.name).Build());

  return IdempotentCreate<v1::Tenant>(
      *store_, call, request,
      [&](Transaction& tx) -> absl::StatusOr<v1::Tenant> {
        // The row and its audit event in one round trip.
        ASSIGN_OR_RETURN(storage::Tenant created,
                         tx.tenants().Insert(row, audit));
        return ToProto(created);
      },
      [&](Transaction&, const v1::Tenant& created) {
        return AccessPolicy::RequireInOrg(call, Permission::kReadTenant,
                                          created.org_id());
      });
}

absl::StatusOr<v1::Tenant> TenantApi::GetTenant(
    const CallContext& call, const v1::GetTenantRequest& request) const {
  RETURN_IF_ERROR(ValidateId("id", request.id()));
  ASSIGN_OR_RETURN(
      const storage::Tenant tenant,
      ReadInTransaction(*store_, call.deadline, [&](Transaction& tx) {
        return LoadTenantInReach(tx, call, request.id(),
                                 Permission::kReadTenant, Lock::kNone);
      }));
  return ToProto(tenant);
}

absl::StatusOr<v1::Tenant> TenantApi::UpdateTenant(
    const CallContext& call, const v1::UpdateTenantRequest& request) const {
  const v1::Tenant& tenant = request.tenant();
  RETURN_IF_ERROR(ValidateId("tenant.id", tenant.id()));
  std::vector<absl::string_view> set_fields;
  if (!tenant.name().empty()) set_fields.push_back("name");
  if (tenant.has_variables()) set_fields.push_back("variables");
  ASSIGN_OR_RETURN(UpdatedFields fields,
                   ResolveUpdateMask(request.update_mask(),
                                     {"name", "variables"}, set_fields));
  RETURN_IF_ERROR(ValidateName("tenant.name", tenant.name()));
  ASSIGN_OR_RETURN(std::string variables,
                   StructToJson("tenant.variables", tenant.variables()));

  ASSIGN_OR_RETURN(
      const storage::Tenant updated,
      WriteInTransaction(
          *store_, call.deadline,
          [&](Transaction& tx) -> absl::StatusOr<storage::Tenant> {
            ASSIGN_OR_RETURN(
                storage::Tenant row,
                LoadTenantInReach(tx, call, tenant.id(),
                                  Permission::kWriteTenant, Lock::kForUpdate));
            if (!tenant.org_id().empty() && tenant.org_id() != row.org_id) {
              return InvalidFieldError("tenant.org_id",
                                       "tenant.org_id cannot be changed");
            }
            RETURN_IF_ERROR(
                CheckEtag("tenant", tenant.id(), tenant.etag(), row.version));
            if (fields.contains("name")) row.name = tenant.name();
            if (fields.contains("variables")) row.variables_json = variables;
            ASSIGN_OR_RETURN(row, tx.tenants().Update(row));
            RETURN_IF_ERROR(tx.audit().Append(
                MakeAuditEvent(call, storage::kAuditTenant, row.id, row.org_id,
                               AuditSummary().SetFields(fields).Build())));
            return row;
          }));
  return ToProto(updated);
}

absl::StatusOr<google::protobuf::Empty> TenantApi::DeleteTenant(
    const CallContext& call, const v1::DeleteTenantRequest& request) const {
  RETURN_IF_ERROR(ValidateId("id", request.id()));
  RETURN_IF_ERROR(store_->RunInTransaction(
      call.deadline, storage::Access::kReadWrite,
      [&](Transaction& tx) -> absl::Status {
        ASSIGN_OR_RETURN(
            storage::Tenant tenant,
            LoadTenantInReach(tx, call, request.id(), Permission::kWriteTenant,
                              Lock::kForUpdate));
        if (request.force()) {
          RETURN_IF_ERROR(RequireCanDeleteUsersOf(tx, call, tenant.id));
        }
        RETURN_IF_ERROR(tx.tenants().Delete(tenant.id, request.force()));
        return tx.audit().Append(MakeAuditEvent(
            call, storage::kAuditTenant, tenant.id, tenant.org_id,
            AuditSummary().SetBool("force", request.force()).Build()));
      }));
  if (request.force()) cache_->Forget();
  return google::protobuf::Empty();
}

absl::StatusOr<v1::ListTenantsResponse> TenantApi::ListTenants(
    const CallContext& call, const v1::ListTenantsRequest& request) const {
  const std::string& org_id = request.lookup_org_id().empty()
                                  ? call.user().org_id
                                  : request.lookup_org_id();
  RETURN_IF_ERROR(ValidateId("lookup_org_id", org_id));
  RETURN_IF_ERROR(
      AccessPolicy::RequireInOrg(call, Permission::kReadTenant, org_id));
  return ListPage(
      *store_, call.deadline, request,
      [&](Transaction& tx, const storage::PageRequest& page) {
        return tx.tenants().List(page, org_id);
      },
      &v1::ListTenantsResponse::add_tenants,
      [](const storage::Tenant& row) { return row.id; });
}

}  // namespace identity
