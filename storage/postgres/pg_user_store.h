// UserStore inside a PgTransaction.
#ifndef IDENTITY_STORAGE_POSTGRES_PG_USER_STORE_H_
#define IDENTITY_STORAGE_POSTGRES_PG_USER_STORE_H_

#include <string>
#include <string_view>
#include <vector>

#include "storage/user_store.h"

namespace identity::storage::postgres {

class PgTransaction;

class PgUserStore final : public UserStore {
 public:
  explicit PgUserStore(PgTransaction& tx) : tx_(tx) {}

  absl::StatusOr<User> Insert(const User& user) override;
  absl::StatusOr<User> Get(std::string_view id, Lock lock) override;
  absl::StatusOr<User> Update(const User& user) override;
  absl::Status Delete(std::string_view id) override;
  absl::StatusOr<std::vector<User>> List(const PageRequest& page,
                                         const UserFilter& filter) override;
  absl::StatusOr<std::string> UpdateConfig(
      std::string_view user_id, std::string_view updated_json,
      const std::vector<std::string>& deleted) override;

 private:
  PgTransaction& tx_;
};

}  // namespace identity::storage::postgres

#endif  // IDENTITY_STORAGE_POSTGRES_PG_USER_STORE_H_
