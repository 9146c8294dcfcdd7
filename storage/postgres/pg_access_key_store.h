// AccessKeyStore inside a PgTransaction.
#ifndef IDENTITY_STORAGE_POSTGRES_PG_ACCESS_KEY_STORE_H_
#define IDENTITY_STORAGE_POSTGRES_PG_ACCESS_KEY_STORE_H_

#include <string>
#include <string_view>
#include <vector>

#include "storage/access_key_store.h"

namespace identity::postgres {

class PgTransaction;

class PgAccessKeyStore final : public storage::AccessKeyStore {
 public:
  explicit PgAccessKeyStore(PgTransaction& tx) : tx_(tx) {}

  absl::StatusOr<storage::AccessKey> Insert(const storage::AccessKey& key,
                                            std::string_view key_hash) override;
  absl::StatusOr<int64_t> CountOfUser(std::string_view user_id) override;
  absl::StatusOr<std::vector<storage::AccessKey>> List(
      const storage::PageRequest& page, std::string_view user_id) override;
  absl::StatusOr<storage::AccessKey> Rotate(std::string_view user_id,
                                            std::string_view name,
                                            std::string_view key_hash,
                                            std::string_view key_prefix,
                                            absl::Duration grace) override;
  absl::Status Delete(std::string_view user_id,
                      const std::vector<std::string>& names) override;

 private:
  PgTransaction& tx_;
};

}  // namespace identity::postgres

#endif  // IDENTITY_STORAGE_POSTGRES_PG_ACCESS_KEY_STORE_H_
