// OrgStore inside a PgTransaction.
#ifndef IDENTITY_STORAGE_POSTGRES_PG_ORG_STORE_H_
#define IDENTITY_STORAGE_POSTGRES_PG_ORG_STORE_H_

#include <optional>
#include <string_view>
#include <vector>

#include "storage/org_store.h"

namespace identity::postgres {

class PgTransaction;

class PgOrgStore final : public storage::OrgStore {
 public:
  explicit PgOrgStore(PgTransaction& tx) : tx_(tx) {}

  using storage::OrgStore::Insert;
  absl::StatusOr<storage::Org> Insert(
      const storage::Org& org,
      const std::optional<storage::AuditEvent>& audit) override;
  absl::StatusOr<storage::Org> Get(std::string_view id,
                                   storage::Lock lock) override;
  absl::StatusOr<storage::Org> Update(const storage::Org& org) override;
  absl::Status Delete(std::string_view id, bool force) override;
  absl::StatusOr<std::vector<storage::Org>> List(
      const storage::PageRequest& page, std::string_view only_id) override;

 private:
  PgTransaction& tx_;
};

}  // namespace identity::postgres

#endif  // IDENTITY_STORAGE_POSTGRES_PG_ORG_STORE_H_
