#include "service/auth/call_context.h"

namespace identity {

storage::AuditEvent AuditEventOf(const CallContext& call,
                                 absl::string_view resource_type,
                                 absl::string_view resource_id,
                                 absl::string_view org_id) {
  storage::AuditEvent event;
  event.actor_id = call.actor().id;
  if (call.impersonating()) event.impersonated_user_id = call.user().id;
  event.org_id = std::string(org_id);
  event.method = call.method;
  event.resource_type = std::string(resource_type);
  event.resource_id = std::string(resource_id);
  event.peer = call.peer;
  event.claimed_address = call.claimed_address;
  return event;
}

}  // namespace identity
