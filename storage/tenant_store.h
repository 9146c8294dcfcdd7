// Tenants inside one transaction.
//
//   Tenant tenant;
//   tenant.id = "t1";
//   tenant.org_id = "o1";
//   ASSIGN_OR_RETURN(tenant, tx.tenants().Insert(tenant));
#ifndef IDENTITY_STORAGE_TENANT_STORE_H_
#define IDENTITY_STORAGE_TENANT_STORE_H_

#include <optional>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/lock.h"
#include "storage/page.h"
#include "storage/resources.h"

namespace identity::storage {

class TenantStore {
 public:
  virtual ~TenantStore() = default;

  // Inserts `tenant` and, in the same statement (one round trip), appends
  // `audit` with its org_id and resource_id set to the tenant's.
  // ALREADY_EXISTS when the id is taken; FAILED_PRECONDITION when the org
  // does not exist (enforced by a foreign key, so no race can slip by);
  // nothing is written then.
  virtual absl::StatusOr<Tenant> Insert(
      const Tenant& tenant, const std::optional<AuditEvent>& audit) = 0;
  // As above, with no audit event (bootstrap, tests).
  absl::StatusOr<Tenant> Insert(const Tenant& tenant) {
    return Insert(tenant, std::nullopt);
  }

  // NOT_FOUND when there is no such tenant.
  virtual absl::StatusOr<Tenant> Get(std::string_view id, Lock lock) = 0;

  // Writes name and variables if the version is still `tenant.version`.
  // NOT_FOUND when gone, ABORTED when the version moved.
  virtual absl::StatusOr<Tenant> Update(const Tenant& tenant) = 0;

  // Without `force`, FAILED_PRECONDITION while the tenant has users; with it,
  // its users, configs and access keys go first. NOT_FOUND when absent.
  virtual absl::Status Delete(std::string_view id, bool force) = 0;

  // Tenants of `org_id` in id order after `page.after`.
  virtual absl::StatusOr<std::vector<Tenant>> List(const PageRequest& page,
                                                   std::string_view org_id) = 0;
};

}  // namespace identity::storage

#endif  // IDENTITY_STORAGE_TENANT_STORE_H_
