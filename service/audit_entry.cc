#include "service/audit_entry.h"

#include "google/protobuf/util/json_util.h"

namespace identity {

storage::AuditEvent MakeAuditEvent(const CallContext& call,
                                   absl::string_view resource_type,
                                   absl::string_view resource_id,
                                   absl::string_view org_id,
                                   const google::protobuf::Struct& summary) {
  storage::AuditEvent event;
  event.actor_id = call.actor().id;
  if (call.impersonator) event.impersonated_user_id = call.user().id;
  event.org_id = std::string(org_id);
  event.method = call.method;
  event.resource_type = std::string(resource_type);
  event.resource_id = std::string(resource_id);
  event.peer = call.peer;
  // MessageToJsonString appends, so start from nothing. A summary is built
  // from already validated values, so it always prints.
  event.summary_json.clear();
  (void)google::protobuf::util::MessageToJsonString(summary,
                                                    &event.summary_json);
  return event;
}

}  // namespace identity
