#include "service/org_api.h"

#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "service/access_policy.h"
#include "service/audit_entry.h"
#include "service/audit_summary.h"
#include "service/field_validation.h"
#include "service/json_struct.h"
#include "service/page_token.h"
#include "service/resource_conversion.h"
#include "service/update_mask.h"

namespace identity {

using storage::Access;
using storage::Lock;
using storage::Transaction;

absl::StatusOr<v1::Org> OrgApi::CreateOrg(
    const CallContext& call, const v1::CreateOrgRequest& request) const {
  RETURN_IF_ERROR(AccessPolicy::Require(call.user(), Permission::kWriteOrg));
  const v1::Org& org = request.org();
  storage::Org row;
  RETURN_IF_ERROR(ValidateId("org.id", org.id()));
  RETURN_IF_ERROR(ValidateName("org.name", org.name()));
  ASSIGN_OR_RETURN(row.variables_json,
                   StructToJson("org.variables", org.variables()));
  row.id = org.id();
  row.name = org.name();

  storage::Org created;
  RETURN_IF_ERROR(store_->RunInTransaction(
      call.deadline, Access::kReadWrite, [&](Transaction& tx) -> absl::Status {
        ASSIGN_OR_RETURN(created, tx.orgs().Insert(row));
        return tx.audit().Append(
            MakeAuditEvent(call, kAuditOrg, created.id, created.id,
                           AuditSummary().Set("name", created.name).Build()));
      }));
  return ToProto(created);
}

absl::StatusOr<v1::Org> OrgApi::GetOrg(const CallContext& call,
                                       const v1::GetOrgRequest& request) const {
  RETURN_IF_ERROR(ValidateId("id", request.id()));
  RETURN_IF_ERROR(AccessPolicy::RequireInOrg(call.user(), Permission::kReadOrg,
                                             request.id()));
  storage::Org org;
  RETURN_IF_ERROR(store_->RunInTransaction(
      call.deadline, Access::kReadOnly, [&](Transaction& tx) -> absl::Status {
        ASSIGN_OR_RETURN(org, tx.orgs().Get(request.id(), Lock::kNone));
        return absl::OkStatus();
      }));
  return ToProto(org);
}

absl::StatusOr<v1::Org> OrgApi::UpdateOrg(
    const CallContext& call, const v1::UpdateOrgRequest& request) const {
  RETURN_IF_ERROR(AccessPolicy::Require(call.user(), Permission::kWriteOrg));
  const v1::Org& org = request.org();
  RETURN_IF_ERROR(ValidateId("org.id", org.id()));
  std::vector<absl::string_view> set_fields;
  if (!org.name().empty()) set_fields.push_back("name");
  if (org.has_variables()) set_fields.push_back("variables");
  ASSIGN_OR_RETURN(UpdatedFields fields,
                   ResolveUpdateMask(request.update_mask(),
                                     {"name", "variables"}, set_fields));
  RETURN_IF_ERROR(ValidateName("org.name", org.name()));
  ASSIGN_OR_RETURN(std::string variables,
                   StructToJson("org.variables", org.variables()));

  storage::Org updated;
  RETURN_IF_ERROR(store_->RunInTransaction(
      call.deadline, Access::kReadWrite, [&](Transaction& tx) -> absl::Status {
        ASSIGN_OR_RETURN(updated, tx.orgs().Get(org.id(), Lock::kForUpdate));
        if (!org.etag().empty() && org.etag() != EtagOf(updated.version)) {
          return absl::AbortedError(absl::StrCat(
              "org ", org.id(), " was changed since etag ", org.etag()));
        }
        if (fields.contains("name")) updated.name = org.name();
        if (fields.contains("variables")) updated.variables_json = variables;
        ASSIGN_OR_RETURN(updated, tx.orgs().Update(updated));
        return tx.audit().Append(
            MakeAuditEvent(call, kAuditOrg, updated.id, updated.id,
                           AuditSummary().SetFields(fields).Build()));
      }));
  return ToProto(updated);
}

absl::StatusOr<google::protobuf::Empty> OrgApi::DeleteOrg(
    const CallContext& call, const v1::DeleteOrgRequest& request) const {
  RETURN_IF_ERROR(AccessPolicy::Require(call.user(), Permission::kWriteOrg));
  RETURN_IF_ERROR(ValidateId("id", request.id()));
  RETURN_IF_ERROR(store_->RunInTransaction(
      call.deadline, Access::kReadWrite, [&](Transaction& tx) -> absl::Status {
        RETURN_IF_ERROR(tx.orgs().Delete(request.id(), request.force()));
        return tx.audit().Append(MakeAuditEvent(
            call, kAuditOrg, request.id(), request.id(),
            AuditSummary().SetBool("force", request.force()).Build()));
      }));
  // A forced delete removed users and keys this server may have cached.
  if (request.force()) cache_->Forget();
  return google::protobuf::Empty();
}

absl::StatusOr<v1::ListOrgsResponse> OrgApi::ListOrgs(
    const CallContext& call, const v1::ListOrgsRequest& request) const {
  std::string only_id;
  if (!AccessPolicy::ActsInEveryOrg(call.user())) {
    RETURN_IF_ERROR(AccessPolicy::Require(call.user(), Permission::kReadOrg));
    only_id = call.user().org_id;
  }
  ASSIGN_OR_RETURN(PageCursor page,
                   DecodePage(request.page_size(), request.page_token()));
  std::vector<storage::Org> rows;
  RETURN_IF_ERROR(store_->RunInTransaction(
      call.deadline, Access::kReadOnly, [&](Transaction& tx) -> absl::Status {
        ASSIGN_OR_RETURN(rows,
                         tx.orgs().List({page.after, page.size + 1}, only_id));
        return absl::OkStatus();
      }));
  v1::ListOrgsResponse response;
  ASSIGN_OR_RETURN(*response.mutable_next_page_token(),
                   EmitPage(
                       rows, page,
                       [&](const storage::Org& row) -> absl::Status {
                         ASSIGN_OR_RETURN(*response.add_orgs(), ToProto(row));
                         return absl::OkStatus();
                       },
                       [](const storage::Org& row) { return row.id; }));
  return response;
}

}  // namespace identity
