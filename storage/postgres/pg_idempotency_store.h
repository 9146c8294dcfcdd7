// IdempotencyStore inside a PgTransaction (table idempotency_keys).
#ifndef IDENTITY_STORAGE_POSTGRES_PG_IDEMPOTENCY_STORE_H_
#define IDENTITY_STORAGE_POSTGRES_PG_IDEMPOTENCY_STORE_H_

#include <optional>
#include <string>
#include <string_view>

#include "storage/idempotency_store.h"

namespace identity::postgres {

class PgTransaction;

class PgIdempotencyStore final : public storage::IdempotencyStore {
 public:
  explicit PgIdempotencyStore(PgTransaction& tx) : tx_(tx) {}

  // storage::IdempotencyStore:
  absl::StatusOr<std::optional<std::string>> Find(
      const storage::IdempotencyKey& key) override;
  absl::Status Remember(const storage::IdempotencyKey& key,
                        std::string_view response) override;

 private:
  PgTransaction& tx_;
};

}  // namespace identity::postgres

#endif  // IDENTITY_STORAGE_POSTGRES_PG_IDEMPOTENCY_STORE_H_
