// AccessKeyStore inside a PgTransaction.
#ifndef IDENTITY_STORAGE_POSTGRES_PG_ACCESS_KEY_STORE_H_
#define IDENTITY_STORAGE_POSTGRES_PG_ACCESS_KEY_STORE_H_

#include <string>
#include <string_view>
#include <vector>

#include "storage/access_key_store.h"

namespace identity::storage::postgres {

class PgTransaction;

class PgAccessKeyStore final : public AccessKeyStore {
 public:
  explicit PgAccessKeyStore(PgTransaction& tx) : tx_(tx) {}

  absl::StatusOr<AccessKey> Insert(const AccessKey& key,
                                   std::string_view key_hash) override;
  absl::StatusOr<std::vector<AccessKey>> List(
      const PageRequest& page, std::string_view user_id) override;
  absl::Status Delete(std::string_view user_id,
                      const std::vector<std::string>& names) override;

 private:
  PgTransaction& tx_;
};

}  // namespace identity::storage::postgres

#endif  // IDENTITY_STORAGE_POSTGRES_PG_ACCESS_KEY_STORE_H_
