// The audit trail, written in the same transaction as the change it records.
//
//   RETURN_IF_ERROR(tx.audit().Append(event));
#ifndef IDENTITY_STORAGE_AUDIT_LOG_H_
#define IDENTITY_STORAGE_AUDIT_LOG_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "storage/page.h"
#include "storage/resources.h"

namespace identity::storage {

// The longest peer and claimed address an event holds, in characters. The
// server, not the caller, fills both, so longer ones are cut to fit rather
// than refused: a call must not fail over how its address is spelled. Every
// other field is the caller's, validated before it gets here.
inline constexpr size_t kMaxAuditPeerLength = 256;
inline constexpr size_t kMaxAuditClaimedAddressLength = 45;

// Which events a list returns; empty fields do not filter.
struct AuditFilter {
  // The events of the org that has this id now; never those of an earlier
  // org of the same id (a forced delete frees an id for reuse).
  std::string org_id;
  std::optional<absl::Time> start_time;  // Inclusive.
  std::optional<absl::Time> end_time;    // Exclusive.
  // Matches the actor or the impersonated user.
  std::string actor_id;
  std::string resource_type;
  std::string resource_id;
};

class AuditLog {
 public:
  virtual ~AuditLog() = default;

  // Appends `event`, its peer and claimed address cut to their bounds; the
  // store sets its id and time.
  virtual absl::Status Append(const AuditEvent& event) = 0;

  // Events matching `filter`, newest first; `page.after` is the decimal id of
  // the last event of the previous page.
  virtual absl::StatusOr<std::vector<AuditEvent>> List(
      const PageRequest& page, const AuditFilter& filter) = 0;
};

}  // namespace identity::storage

#endif  // IDENTITY_STORAGE_AUDIT_LOG_H_
