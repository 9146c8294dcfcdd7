#include "service/api/audit_api.h"

#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/error_details.h"
#include "base/quoted_input.h"
#include "base/status_macros.h"
#include "service/api/field_validation.h"
#include "service/api/list_page.h"
#include "service/api/resource_conversion.h"
#include "service/auth/access_policy.h"
#include "storage/resources.h"

namespace identity {
namespace {

// A type no event can have would match nothing: an empty page that hides
// the caller's typo ("keys" for "access_key"). Empty: any type.
absl::Status ValidateResourceType(const std::string& type) {
  if (type.empty()) return absl::OkStatus();
  for (const char* known : storage::kAuditResourceTypes) {
    if (type == known) return absl::OkStatus();
  }
  return InvalidFieldError(
      "resource_type",
      absl::StrCat("resource_type: unknown resource type ", QuotedInput(type),
                   "; one of ",
                   absl::StrJoin(storage::kAuditResourceTypes, ", ")));
}

}  // namespace

absl::StatusOr<v1::ListAuditEventsResponse> AuditApi::ListAuditEvents(
    const CallContext& call, const v1::ListAuditEventsRequest& request) const {
  storage::AuditFilter filter;
  filter.org_id = request.lookup_org_id().empty() ? call.user().org_id
                                                  : request.lookup_org_id();
  if (filter.org_id == kEveryOrg) {
    RETURN_IF_ERROR(AccessPolicy::Require(call, Permission::kWriteOrg));
    filter.org_id.clear();
  } else {
    RETURN_IF_ERROR(ValidateId("lookup_org_id", filter.org_id));
    RETURN_IF_ERROR(
        AccessPolicy::RequireInOrg(call, Permission::kReadOrg, filter.org_id));
  }
  if (!request.actor_id().empty()) {
    RETURN_IF_ERROR(ValidateId("actor_id", request.actor_id()));
    filter.actor_id = request.actor_id();
  }
  RETURN_IF_ERROR(ValidateResourceType(request.resource_type()));
  RETURN_IF_ERROR(
      ValidateText("resource_id", request.resource_id(), 2 * kMaxIdLength + 1));
  filter.resource_type = request.resource_type();
  filter.resource_id = request.resource_id();
  if (request.has_start_time()) {
    filter.start_time = FromTimestamp(request.start_time());
  }
  if (request.has_end_time())
    filter.end_time = FromTimestamp(request.end_time());

  return ListPage(
      *store_, call.deadline, request,
      [&](storage::Transaction& tx, const storage::PageRequest& page)
          -> absl::StatusOr<std::vector<storage::AuditEvent>> {
        int64_t after_id;
        if (!page.after.empty() && !absl::SimpleAtoi(page.after, &after_id)) {
          return InvalidFieldError("page_token",
                                   "page_token is not a valid page token");
        }
        return tx.audit().List(page, filter);
      },
      &v1::ListAuditEventsResponse::add_events,
      [](const storage::AuditEvent& row) { return std::to_string(row.id); });
}

}  // namespace identity
