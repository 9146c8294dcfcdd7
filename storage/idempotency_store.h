// What creates remember of their request_id (DESIGN §2: a retried create
// returns the original result instead of ALREADY_EXISTS), inside the
// create's own transaction, so that a remembered response exists exactly
// when its create committed.
//
//   storage::IdempotencyKey key{"admin", "/identity.v1.OrgService/CreateOrg",
//                               "req-1"};
//   ASSIGN_OR_RETURN(std::optional<std::string> earlier,
//                    tx.idempotency().Find(key));
//   if (!earlier) { ...create...; RETURN_IF_ERROR(tx.idempotency()
//                                     .Remember(key, response_bytes)); }
#ifndef IDENTITY_STORAGE_IDEMPOTENCY_STORE_H_
#define IDENTITY_STORAGE_IDEMPOTENCY_STORE_H_

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace identity::storage {

// How long a request_id is remembered.
inline constexpr absl::Duration kIdempotencyWindow = absl::Hours(24);

struct IdempotencyKey {
  std::string caller_id;
  std::string method;
  std::string request_id;
};

class IdempotencyStore {
 public:
  virtual ~IdempotencyStore() = default;

  // The response remembered for `key` within kIdempotencyWindow; nullopt
  // when there is none. UNAVAILABLE, DEADLINE_EXCEEDED.
  virtual absl::StatusOr<std::optional<std::string>> Find(
      const IdempotencyKey& key) = 0;
  // Remembers `response` (bytes) for `key`, and forgets a few responses
  // older than kIdempotencyWindow. ALREADY_EXISTS when `key` is remembered
  // already (a concurrent create with the same request_id won).
  // UNAVAILABLE, DEADLINE_EXCEEDED.
  virtual absl::Status Remember(const IdempotencyKey& key,
                                std::string_view response) = 0;
};

}  // namespace identity::storage

#endif  // IDENTITY_STORAGE_IDEMPOTENCY_STORE_H_
