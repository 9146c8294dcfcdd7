// UserStore inside a PgTransaction.
#ifndef IDENTITY_STORAGE_POSTGRES_PG_USER_STORE_H_
#define IDENTITY_STORAGE_POSTGRES_PG_USER_STORE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/user_store.h"

namespace identity::postgres {

class PgTransaction;

class PgUserStore final : public storage::UserStore {
 public:
  explicit PgUserStore(PgTransaction& tx) : tx_(tx) {}

  using storage::UserStore::Insert;
  absl::StatusOr<storage::User> Insert(
      const storage::User& user,
      const std::optional<storage::AuditEvent>& audit) override;
  absl::StatusOr<storage::User> Get(std::string_view id,
                                    storage::Lock lock) override;
  absl::StatusOr<storage::User> Update(const storage::User& user) override;
  absl::Status Delete(std::string_view id) override;
  absl::StatusOr<std::vector<storage::User>> List(
      const storage::PageRequest& page,
      const storage::UserFilter& filter) override;
  absl::StatusOr<std::vector<storage::User>> ListOfTenantForUpdate(
      const storage::PageRequest& page, std::string_view tenant_id) override;
  absl::StatusOr<std::string> UpdateConfig(
      std::string_view user_id, std::string_view updated_json,
      const std::vector<std::string>& deleted,
      const storage::ConfigLimits& limits) override;

 private:
  PgTransaction& tx_;
};

}  // namespace identity::postgres

#endif  // IDENTITY_STORAGE_POSTGRES_PG_USER_STORE_H_
