#include "storage/postgres/pg_idempotency_store.h"

#include "absl/strings/escaping.h"
#include "base/status_macros.h"
#include "storage/postgres/pg_transaction.h"

namespace identity::postgres {

absl::StatusOr<std::optional<storage::RememberedResponse>>
PgIdempotencyStore::Find(const storage::IdempotencyKey& key) {
  ASSIGN_OR_RETURN(pqxx::result rows,
                   tx_.Exec(kFindIdempotentResponse,
                            {key.user_key, key.impersonated_user_key,
                             key.org_id, key.method, key.request_id}));
  if (rows.empty()) return std::nullopt;
  return storage::RememberedResponse{
      absl::HexStringToBytes(rows[0][0].as<std::string>()),
      absl::HexStringToBytes(rows[0][1].as<std::string>())};
}

absl::Status PgIdempotencyStore::Remember(
    const storage::IdempotencyKey& key,
    const storage::RememberedResponse& remembered) {
  RETURN_IF_ERROR(
      tx_.Exec(kForgetExpiredIdempotentResponses, absl::Span<const SqlParam>())
          .status());
  ASSIGN_OR_RETURN(
      pqxx::result rows,
      tx_.Exec(kRememberIdempotentResponse,
               {key.user_key, key.impersonated_user_key, key.org_id, key.method,
                key.request_id,
                absl::BytesToHexString(remembered.request_fingerprint),
                absl::BytesToHexString(remembered.response)}));
  if (rows.empty()) {
    return absl::AlreadyExistsError("request_id was used before");
  }
  return absl::OkStatus();
}

}  // namespace identity::postgres
