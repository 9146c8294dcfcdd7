#include "service/api/audit_entry.h"

#include "google/protobuf/util/json_util.h"

namespace identity {

storage::AuditEvent MakeAuditEvent(const CallContext& call,
                                   absl::string_view resource_type,
                                   absl::string_view resource_id,
                                   absl::string_view org_id,
                                   const google::protobuf::Struct& summary) {
  storage::AuditEvent event =
      AuditEventOf(call, resource_type, resource_id, org_id);
  // MessageToJsonString appends, so start from nothing. A summary is built
  // from already validated values, so it always prints.
  event.summary_json.clear();
  (void)google::protobuf::util::MessageToJsonString(summary,
                                                    &event.summary_json);
  return event;
}

}  // namespace identity
