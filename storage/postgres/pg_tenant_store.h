// TenantStore inside a PgTransaction.
#ifndef IDENTITY_STORAGE_POSTGRES_PG_TENANT_STORE_H_
#define IDENTITY_STORAGE_POSTGRES_PG_TENANT_STORE_H_

#include <optional>
#include <string_view>
#include <vector>

#include "storage/tenant_store.h"

namespace identity::postgres {

class PgTransaction;

class PgTenantStore final : public storage::TenantStore {
 public:
  explicit PgTenantStore(PgTransaction& tx) : tx_(tx) {}

  using storage::TenantStore::Insert;
  absl::StatusOr<storage::Tenant> Insert(
      const storage::Tenant& tenant,
      const std::optional<storage::AuditEvent>& audit) override;
  absl::StatusOr<storage::Tenant> Get(std::string_view id,
                                      storage::Lock lock) override;
  absl::StatusOr<storage::Tenant> Update(
      const storage::Tenant& tenant) override;
  absl::Status Delete(std::string_view id, bool force) override;
  absl::StatusOr<std::vector<storage::Tenant>> List(
      const storage::PageRequest& page, std::string_view org_id) override;

 private:
  PgTransaction& tx_;
};

}  // namespace identity::postgres

#endif  // IDENTITY_STORAGE_POSTGRES_PG_TENANT_STORE_H_
