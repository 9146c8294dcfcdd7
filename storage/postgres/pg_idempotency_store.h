// IdempotencyStore inside a PgTransaction (table idempotent_requests).
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
  absl::StatusOr<std::optional<storage::RememberedResponse>> Find(
      const storage::IdempotencyKey& key) override;
  absl::Status Remember(const storage::IdempotencyKey& key,
                        const storage::RememberedResponse& remembered) override;

 private:
  PgTransaction& tx_;
};

}  // namespace identity::postgres

#endif  // IDENTITY_STORAGE_POSTGRES_PG_IDEMPOTENCY_STORE_H_
