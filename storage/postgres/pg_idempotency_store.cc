#include "storage/postgres/pg_idempotency_store.h"

#include "absl/strings/escaping.h"
#include "base/status_macros.h"
#include "storage/postgres/pg_transaction.h"

namespace identity::postgres {

absl::StatusOr<std::optional<std::string>> PgIdempotencyStore::Find(
    const storage::IdempotencyKey& key) {
  ASSIGN_OR_RETURN(pqxx::result rows,
                   tx_.Exec(kFindIdempotentResponse,
                            {key.caller_id, key.method, key.request_id}));
  if (rows.empty()) return std::nullopt;
  return absl::HexStringToBytes(rows[0][0].as<std::string>());
}

absl::Status PgIdempotencyStore::Remember(const storage::IdempotencyKey& key,
                                          std::string_view response) {
  RETURN_IF_ERROR(
      tx_.Exec(kForgetExpiredIdempotentResponses, absl::Span<const SqlParam>())
          .status());
  ASSIGN_OR_RETURN(pqxx::result rows,
                   tx_.Exec(kRememberIdempotentResponse,
                            {key.caller_id, key.method, key.request_id,
                             absl::BytesToHexString(absl::string_view(
                                 response.data(), response.size()))}));
  if (rows.empty()) {
    return absl::AlreadyExistsError("request_id was used before");
  }
  return absl::OkStatus();
}

}  // namespace identity::postgres
