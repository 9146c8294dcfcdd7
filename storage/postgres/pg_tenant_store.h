// TenantStore inside a PgTransaction.
#ifndef IDENTITY_STORAGE_POSTGRES_PG_TENANT_STORE_H_
#define IDENTITY_STORAGE_POSTGRES_PG_TENANT_STORE_H_

#include <string_view>
#include <vector>

#include "storage/tenant_store.h"

namespace identity::storage::postgres {

class PgTransaction;

class PgTenantStore final : public TenantStore {
 public:
  explicit PgTenantStore(PgTransaction& tx) : tx_(tx) {}

  absl::StatusOr<Tenant> Insert(const Tenant& tenant) override;
  absl::StatusOr<Tenant> Get(std::string_view id, Lock lock) override;
  absl::StatusOr<Tenant> Update(const Tenant& tenant) override;
  absl::Status Delete(std::string_view id, bool force) override;
  absl::StatusOr<std::vector<Tenant>> List(const PageRequest& page,
                                           std::string_view org_id) override;

 private:
  PgTransaction& tx_;
};

}  // namespace identity::storage::postgres

#endif  // IDENTITY_STORAGE_POSTGRES_PG_TENANT_STORE_H_
