// Organizations inside one transaction.
//
//   ASSIGN_OR_RETURN(Org org, tx.orgs().Get("o1", Lock::kForUpdate));
//   org.name = "Renamed";
//   ASSIGN_OR_RETURN(org, tx.orgs().Update(org));
#ifndef IDENTITY_STORAGE_ORG_STORE_H_
#define IDENTITY_STORAGE_ORG_STORE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/lock.h"
#include "storage/page.h"
#include "storage/resources.h"

namespace identity::storage {

class OrgStore {
 public:
  virtual ~OrgStore() = default;

  // Inserts `org` (id, name, variables) and, in the same statement (one
  // round trip), appends `audit` with its org_id and resource_id set to the
  // org's id; returns the org as stored, with times and version 1.
  // ALREADY_EXISTS when the id is taken; nothing is written then.
  virtual absl::StatusOr<Org> Insert(
      const Org& org, const std::optional<AuditEvent>& audit) = 0;
  // As above, with no audit event (bootstrap, tests).
  absl::StatusOr<Org> Insert(const Org& org) {
    return Insert(org, std::nullopt);
  }

  // NOT_FOUND when there is no such org.
  virtual absl::StatusOr<Org> Get(std::string_view id, Lock lock) = 0;

  // Writes name and variables of `org.id` if its version is still
  // `org.version`, and returns the row with the next version. NOT_FOUND when
  // the org is gone, ABORTED when its version moved.
  virtual absl::StatusOr<Org> Update(const Org& org) = 0;

  // Deletes the org. Without `force`, FAILED_PRECONDITION while it has
  // tenants; with it, its tenants, users, configs and access keys go first.
  // NOT_FOUND when there is no such org.
  virtual absl::Status Delete(std::string_view id, bool force) = 0;

  // Orgs in id order after `page.after`; only `only_id` when it is set.
  virtual absl::StatusOr<std::vector<Org>> List(const PageRequest& page,
                                                std::string_view only_id) = 0;
};

}  // namespace identity::storage

#endif  // IDENTITY_STORAGE_ORG_STORE_H_
