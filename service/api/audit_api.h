// AuditService's logic, free of gRPC: reading the trail.
//
//   AuditApi api(&store);
//   absl::StatusOr<v1::ListAuditEventsResponse> page =
//       api.ListAuditEvents(call, request);
#ifndef IDENTITY_SERVICE_API_AUDIT_API_H_
#define IDENTITY_SERVICE_API_AUDIT_API_H_

#include "absl/status/statusor.h"
#include "identity/v1/audit_service.pb.h"
#include "service/auth/call_context.h"
#include "storage/store.h"

namespace identity {

// lookup_org_id meaning every org; only for holders of write:org.
inline constexpr absl::string_view kEveryOrg = "*";

class AuditApi {
 public:
  explicit AuditApi(storage::Store* store) : store_(store) {}

  // Org admins (read:org) read their own org's events; holders of write:org
  // any org's, or every org's with lookup_org_id "*"; others get
  // PERMISSION_DENIED. INVALID_ARGUMENT naming a bad filter, page_size or
  // page_token; UNAVAILABLE or DEADLINE_EXCEEDED from the database.
  absl::StatusOr<v1::ListAuditEventsResponse> ListAuditEvents(
      const CallContext& call, const v1::ListAuditEventsRequest& request) const;

 private:
  storage::Store* const store_;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_API_AUDIT_API_H_
