// Builds the audit event of a change from the call that made it.
//
//   RETURN_IF_ERROR(tx.audit().Append(MakeAuditEvent(
//       call, storage::kAuditOrg, org.id, org.id,
//       AuditSummary().Set("name", org.name).Build())));
#ifndef IDENTITY_SERVICE_API_AUDIT_ENTRY_H_
#define IDENTITY_SERVICE_API_AUDIT_ENTRY_H_

#include "absl/strings/string_view.h"
#include "google/protobuf/struct.pb.h"
#include "service/auth/call_context.h"
#include "storage/resources.h"

namespace identity {

// Makes the event for `call` changing resource `resource_type`/`resource_id`
// of org `org_id`. `summary` says what changed and must hold no secret.
storage::AuditEvent MakeAuditEvent(const CallContext& call,
                                   absl::string_view resource_type,
                                   absl::string_view resource_id,
                                   absl::string_view org_id,
                                   const google::protobuf::Struct& summary);

}  // namespace identity

#endif  // IDENTITY_SERVICE_API_AUDIT_ENTRY_H_
