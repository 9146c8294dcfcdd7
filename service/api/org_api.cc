#include "service/api/org_api.h"

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
#include "service/api/update_mask.h"
#include "service/auth/access_policy.h"

namespace identity {

using storage::Lock;
using storage::Transaction;

absl::StatusOr<v1::Org> OrgApi::CreateOrg(
    const CallContext& call, const v1::CreateOrgRequest& request) const {
  RETURN_IF_ERROR(AccessPolicy::Require(call, Permission::kWriteOrg));
  const v1::Org& org = request.org();
  storage::Org row;
  RETURN_IF_ERROR(ValidateId("org.id", org.id()));
  RETURN_IF_ERROR(ValidateName("org.name", org.name()));
  RETURN_IF_ERROR(ValidateRequestId(request.request_id()));
  ASSIGN_OR_RETURN(row.variables_json,
                   StructToJson("org.variables", org.variables()));
  row.id = org.id();
  row.name = org.name();

  const storage::AuditEvent audit =
      MakeAuditEvent(call, storage::kAuditOrg, row.id, row.id,
                     AuditSummary().Set("name", row.name).Build());

  return IdempotentCreate<v1::Org>(
      *store_, call, request,
      [&](Transaction& tx) -> absl::StatusOr<v1::Org> {
        // The row and its audit event in one round trip.
        ASSIGN_OR_RETURN(storage::Org created, tx.orgs().Insert(row, audit));
        return ToProto(created);
      },
      [&](Transaction&, const v1::Org& created) {
        return AccessPolicy::RequireInOrg(call, Permission::kReadOrg,
                                          created.id());
      });
}

absl::StatusOr<v1::Org> OrgApi::GetOrg(const CallContext& call,
                                       const v1::GetOrgRequest& request) const {
  RETURN_IF_ERROR(ValidateId("id", request.id()));
  RETURN_IF_ERROR(
      AccessPolicy::RequireInOrg(call, Permission::kReadOrg, request.id()));
  ASSIGN_OR_RETURN(
      const storage::Org org,
      ReadInTransaction(*store_, call.deadline, [&](Transaction& tx) {
        return tx.orgs().Get(request.id(), Lock::kNone);
      }));
  return ToProto(org);
}

absl::StatusOr<v1::Org> OrgApi::UpdateOrg(
    const CallContext& call, const v1::UpdateOrgRequest& request) const {
  RETURN_IF_ERROR(AccessPolicy::Require(call, Permission::kWriteOrg));
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

  ASSIGN_OR_RETURN(
      const storage::Org updated,
      WriteInTransaction(*store_, call.deadline,
                         [&](Transaction& tx) -> absl::StatusOr<storage::Org> {
                           ASSIGN_OR_RETURN(
                               storage::Org row,
                               tx.orgs().Get(org.id(), Lock::kForUpdate));
                           RETURN_IF_ERROR(CheckEtag("org", org.id(),
                                                     org.etag(), row.version));
                           if (fields.contains("name")) row.name = org.name();
                           if (fields.contains("variables"))
                             row.variables_json = variables;
                           ASSIGN_OR_RETURN(row, tx.orgs().Update(row));
                           RETURN_IF_ERROR(tx.audit().Append(MakeAuditEvent(
                               call, storage::kAuditOrg, row.id, row.id,
                               AuditSummary().SetFields(fields).Build())));
                           return row;
                         }));
  return ToProto(updated);
}

absl::StatusOr<google::protobuf::Empty> OrgApi::DeleteOrg(
    const CallContext& call, const v1::DeleteOrgRequest& request) const {
  RETURN_IF_ERROR(AccessPolicy::Require(call, Permission::kWriteOrg));
  RETURN_IF_ERROR(ValidateId("id", request.id()));
  RETURN_IF_ERROR(store_->RunInTransaction(
      call.deadline, storage::Access::kReadWrite,
      [&](Transaction& tx) -> absl::Status {
        RETURN_IF_ERROR(tx.orgs().Delete(request.id(), request.force()));
        return tx.audit().Append(MakeAuditEvent(
            call, storage::kAuditOrg, request.id(), request.id(),
            AuditSummary().SetBool("force", request.force()).Build()));
      }));
  // A forced delete removed users and keys this server may have cached.
  if (request.force()) cache_->Forget();
  return google::protobuf::Empty();
}

absl::StatusOr<v1::ListOrgsResponse> OrgApi::ListOrgs(
    const CallContext& call, const v1::ListOrgsRequest& request) const {
  std::string only_id;
  if (!AccessPolicy::ActsInEveryOrg(call)) {
    RETURN_IF_ERROR(AccessPolicy::Require(call, Permission::kReadOrg));
    only_id = call.user().org_id;
  }
  return ListPage(
      *store_, call.deadline, request,
      [&](Transaction& tx, const storage::PageRequest& page) {
        return tx.orgs().List(page, only_id);
      },
      &v1::ListOrgsResponse::add_orgs,
      [](const storage::Org& row) { return row.id; });
}

}  // namespace identity
