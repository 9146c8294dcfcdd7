// What creates remember of their request_id (AIP-155: a retried create
// returns the original result instead of ALREADY_EXISTS), inside the
// create's own transaction, so that a remembered response exists exactly
// when its create committed.
//
//   storage::IdempotencyKey key{caller.key, std::nullopt, caller.org_id,
//                               "/identity.v1.OrgService/CreateOrg", "req-1"};
//   ASSIGN_OR_RETURN(std::optional<storage::RememberedResponse> earlier,
//                    tx.idempotency().Find(key));
//   if (!earlier) { ...create...; RETURN_IF_ERROR(tx.idempotency()
//                       .Remember(key, fingerprint, response_bytes)); }
#ifndef IDENTITY_STORAGE_IDEMPOTENCY_STORE_H_
#define IDENTITY_STORAGE_IDEMPOTENCY_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace identity::storage {

// How long a request_id is remembered.
inline constexpr absl::Duration kIdempotencyWindow = absl::Hours(24);

// Whose request_id it is. Users by their immutable keys (User::key), never
// their ids: a record goes when either user is deleted, and never answers a
// later user of the same id.
struct IdempotencyKey {
  int64_t user_key = 0;  // the caller's
  std::optional<int64_t> impersonated_user_key;
  // The caller's org: a record answers only there.
  std::string org_id;
  std::string method;
  std::string request_id;
};

struct RememberedResponse {
  // Of the request that made the response (opaque bytes): the same
  // request_id with another request is not a retry.
  std::string request_fingerprint;
  std::string response;
};

class IdempotencyStore {
 public:
  virtual ~IdempotencyStore() = default;

  // The response remembered for `key` within kIdempotencyWindow; nullopt
  // when there is none. UNAVAILABLE, DEADLINE_EXCEEDED.
  virtual absl::StatusOr<std::optional<RememberedResponse>> Find(
      const IdempotencyKey& key) = 0;
  // Remembers `remembered` for `key`, and forgets a few responses older
  // than kIdempotencyWindow. ALREADY_EXISTS when `key` is remembered
  // already (a concurrent create with the same request_id won); NOT_FOUND
  // when a user of `key` no longer exists. UNAVAILABLE, DEADLINE_EXCEEDED.
  virtual absl::Status Remember(const IdempotencyKey& key,
                                const RememberedResponse& remembered) = 0;
};

}  // namespace identity::storage

#endif  // IDENTITY_STORAGE_IDEMPOTENCY_STORE_H_
