// The audit trail, written in the same transaction as the change it records.
//
//   RETURN_IF_ERROR(tx.audit().Append(event));
#ifndef IDENTITY_STORAGE_AUDIT_LOG_H_
#define IDENTITY_STORAGE_AUDIT_LOG_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "storage/page.h"
#include "storage/resources.h"

namespace identity::storage {

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

  // Appends `event`; the store sets its id and time.
  virtual absl::Status Append(const AuditEvent& event) = 0;

  // Events matching `filter`, newest first; `page.after` is the decimal id of
  // the last event of the previous page.
  virtual absl::StatusOr<std::vector<AuditEvent>> List(
      const PageRequest& page, const AuditFilter& filter) = 0;
};

}  // namespace identity::storage

#endif  // IDENTITY_STORAGE_AUDIT_LOG_H_
