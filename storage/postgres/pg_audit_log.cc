#include "storage/postgres/pg_audit_log.h"

#include <cstdint>
#include <limits>
#include <string>

#include "absl/strings/numbers.h"
#include "base/status_macros.h"
#include "base/utf8_prefix.h"
#include "storage/postgres/pg_transaction.h"
#include "storage/postgres/row_readers.h"

namespace identity::postgres {

absl::Status PgAuditLog::Append(const storage::AuditEvent& event) {
  return tx_
      .Exec(kAppendAuditEvent,
            {event.actor_id, event.impersonated_user_id, event.org_id,
             event.method, event.resource_type, event.resource_id,
             std::string(Utf8Prefix(event.peer, storage::kMaxAuditPeerLength)),
             event.summary_json.empty() ? "{}" : event.summary_json,
             event.outcome, event.org_key,
             std::string(Utf8Prefix(event.claimed_address,
                                    storage::kMaxAuditClaimedAddressLength))})
      .status();
}

std::vector<SqlParam> CreationAuditParams(
    const std::optional<storage::AuditEvent>& audit) {
  if (!audit.has_value()) return std::vector<SqlParam>(7, std::nullopt);
  return {audit->actor_id,
          audit->impersonated_user_id,
          audit->method,
          audit->resource_type,
          std::string(Utf8Prefix(audit->peer, storage::kMaxAuditPeerLength)),
          audit->summary_json.empty() ? "{}" : audit->summary_json,
          audit->outcome};
}

absl::StatusOr<std::vector<storage::AuditEvent>> PgAuditLog::List(
    const storage::PageRequest& page, const storage::AuditFilter& filter) {
  int64_t before = std::numeric_limits<int64_t>::max();
  if (!page.after.empty() && !absl::SimpleAtoi(page.after, &before)) {
    return absl::InvalidArgumentError("invalid audit page position");
  }
  std::vector<SqlParam> params = {
      before,          filter.start_time,    filter.end_time,
      filter.actor_id, filter.resource_type, filter.resource_id,
      page.limit};
  // An org's events come through its own index.
  if (!filter.org_id.empty()) params.push_back(filter.org_id);
  ASSIGN_OR_RETURN(
      pqxx::result rows,
      tx_.Exec(filter.org_id.empty() ? kListAuditEvents : kListAuditEventsOfOrg,
               params));
  std::vector<storage::AuditEvent> events;
  events.reserve(rows.size());
  for (const pqxx::row& row : rows) events.push_back(ReadAuditEvent(row));
  return events;
}

}  // namespace identity::postgres
