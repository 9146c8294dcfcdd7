#include "service/tenant_api.h"

#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
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

// Refuses a forced delete that would take a user the caller could not delete
// on its own.
absl::Status RequireCanDeleteUsersOf(Transaction& tx, const Principal& caller,
                                     absl::string_view tenant_id) {
  if (AccessPolicy::ActsInEveryOrg(caller)) return absl::OkStatus();
  storage::UserFilter filter;
  filter.tenant_id = std::string(tenant_id);
  storage::PageRequest page{"", kMaxPageSize};
  while (true) {
    ASSIGN_OR_RETURN(std::vector<storage::User> users,
                     tx.users().List(page, filter));
    for (const storage::User& user : users) {
      RETURN_IF_ERROR(
          AccessPolicy::RequireCanManage(caller, Principal::FromUser(user)));
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
  RETURN_IF_ERROR(AccessPolicy::RequireInOrg(
      call.user(), Permission::kWriteTenant, tenant.org_id()));
  RETURN_IF_ERROR(ValidateName("tenant.name", tenant.name()));
  ASSIGN_OR_RETURN(row.variables_json,
                   StructToJson("tenant.variables", tenant.variables()));
  row.id = tenant.id();
  row.name = tenant.name();
  row.org_id = tenant.org_id();

  storage::Tenant created;
  RETURN_IF_ERROR(store_->RunInTransaction(
      call.deadline, Access::kReadWrite, [&](Transaction& tx) -> absl::Status {
        ASSIGN_OR_RETURN(created, tx.tenants().Insert(row));
        return tx.audit().Append(
            MakeAuditEvent(call, kAuditTenant, created.id, created.org_id,
                           AuditSummary().Set("name", created.name).Build()));
      }));
  return ToProto(created);
}

absl::StatusOr<v1::Tenant> TenantApi::GetTenant(
    const CallContext& call, const v1::GetTenantRequest& request) const {
  RETURN_IF_ERROR(ValidateId("id", request.id()));
  storage::Tenant tenant;
  RETURN_IF_ERROR(store_->RunInTransaction(
      call.deadline, Access::kReadOnly, [&](Transaction& tx) -> absl::Status {
        ASSIGN_OR_RETURN(
            tenant, LoadTenantInReach(tx, call.user(), request.id(),
                                      Permission::kReadTenant, Lock::kNone));
        return absl::OkStatus();
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

  storage::Tenant updated;
  RETURN_IF_ERROR(store_->RunInTransaction(
      call.deadline, Access::kReadWrite, [&](Transaction& tx) -> absl::Status {
        ASSIGN_OR_RETURN(
            updated,
            LoadTenantInReach(tx, call.user(), tenant.id(),
                              Permission::kWriteTenant, Lock::kForUpdate));
        if (!tenant.org_id().empty() && tenant.org_id() != updated.org_id) {
          return absl::InvalidArgumentError("tenant.org_id cannot be changed");
        }
        if (!tenant.etag().empty() &&
            tenant.etag() != EtagOf(updated.version)) {
          return absl::AbortedError(absl::StrCat("tenant ", tenant.id(),
                                                 " was changed since etag ",
                                                 tenant.etag()));
        }
        if (fields.contains("name")) updated.name = tenant.name();
        if (fields.contains("variables")) updated.variables_json = variables;
        ASSIGN_OR_RETURN(updated, tx.tenants().Update(updated));
        return tx.audit().Append(
            MakeAuditEvent(call, kAuditTenant, updated.id, updated.org_id,
                           AuditSummary().SetFields(fields).Build()));
      }));
  return ToProto(updated);
}

absl::StatusOr<google::protobuf::Empty> TenantApi::DeleteTenant(
    const CallContext& call, const v1::DeleteTenantRequest& request) const {
  RETURN_IF_ERROR(ValidateId("id", request.id()));
  RETURN_IF_ERROR(store_->RunInTransaction(
      call.deadline, Access::kReadWrite, [&](Transaction& tx) -> absl::Status {
        ASSIGN_OR_RETURN(
            storage::Tenant tenant,
            LoadTenantInReach(tx, call.user(), request.id(),
                              Permission::kWriteTenant, Lock::kForUpdate));
        if (request.force()) {
          RETURN_IF_ERROR(RequireCanDeleteUsersOf(tx, call.user(), tenant.id));
        }
        RETURN_IF_ERROR(tx.tenants().Delete(tenant.id, request.force()));
        return tx.audit().Append(MakeAuditEvent(
            call, kAuditTenant, tenant.id, tenant.org_id,
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
      AccessPolicy::RequireInOrg(call.user(), Permission::kReadTenant, org_id));
  ASSIGN_OR_RETURN(PageCursor page,
                   DecodePage(request.page_size(), request.page_token()));
  std::vector<storage::Tenant> rows;
  RETURN_IF_ERROR(store_->RunInTransaction(
      call.deadline, Access::kReadOnly, [&](Transaction& tx) -> absl::Status {
        ASSIGN_OR_RETURN(
            rows, tx.tenants().List({page.after, page.size + 1}, org_id));
        return absl::OkStatus();
      }));
  v1::ListTenantsResponse response;
  ASSIGN_OR_RETURN(*response.mutable_next_page_token(),
                   EmitPage(
                       rows, page,
                       [&](const storage::Tenant& row) -> absl::Status {
                         ASSIGN_OR_RETURN(*response.add_tenants(),
                                          ToProto(row));
                         return absl::OkStatus();
                       },
                       [](const storage::Tenant& row) { return row.id; }));
  return response;
}

}  // namespace identity
