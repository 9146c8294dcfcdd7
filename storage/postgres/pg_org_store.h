// OrgStore inside a PgTransaction.
#ifndef IDENTITY_STORAGE_POSTGRES_PG_ORG_STORE_H_
#define IDENTITY_STORAGE_POSTGRES_PG_ORG_STORE_H_

#include <string_view>
#include <vector>

#include "storage/org_store.h"

namespace identity::storage::postgres {

class PgTransaction;

class PgOrgStore final : public OrgStore {
 public:
  explicit PgOrgStore(PgTransaction& tx) : tx_(tx) {}

  absl::StatusOr<Org> Insert(const Org& org) override;
  absl::StatusOr<Org> Get(std::string_view id, Lock lock) override;
  absl::StatusOr<Org> Update(const Org& org) override;
  absl::Status Delete(std::string_view id, bool force) override;
  absl::StatusOr<std::vector<Org>> List(const PageRequest& page,
                                        std::string_view only_id) override;

 private:
  PgTransaction& tx_;
};

}  // namespace identity::storage::postgres

#endif  // IDENTITY_STORAGE_POSTGRES_PG_ORG_STORE_H_
