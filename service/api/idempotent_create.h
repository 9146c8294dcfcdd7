// Creates that a client may retry safely (DESIGN §2): with a request_id, the
// first create's response is remembered in its own transaction
// (storage::IdempotencyStore), and a retry by the same caller gets that
// response back instead of ALREADY_EXISTS or a second resource.
//
//   RETURN_IF_ERROR(ValidateRequestId(request.request_id()));
//   return IdempotentCreate<v1::Org>(
//       *store_, call, request.request_id(),
//       [&](storage::Transaction& tx) -> absl::StatusOr<v1::Org> {
//         ASSIGN_OR_RETURN(storage::Org created, tx.orgs().Insert(row));
//         return ToProto(created);
//       });
#ifndef IDENTITY_SERVICE_API_IDEMPOTENT_CREATE_H_
#define IDENTITY_SERVICE_API_IDEMPOTENT_CREATE_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "base/status_macros.h"
#include "identity/v1/resources.pb.h"
#include "service/api/in_transaction.h"
#include "service/auth/call_context.h"
#include "storage/store.h"

namespace identity {

inline constexpr size_t kMaxRequestIdLength = 128;

// INVALID_ARGUMENT naming request_id when it is longer than
// kMaxRequestIdLength or holds anything but printable ASCII; empty is OK.
absl::Status ValidateRequestId(absl::string_view request_id);

// Who a request_id belongs to: the key's owner, and the user it
// impersonates, if any; and the RPC.
storage::IdempotencyKey IdempotencyKeyOf(const CallContext& call,
                                         absl::string_view request_id);

// What is remembered of a response: all of it, except an access key's
// secret, which is never stored.
template <typename Response>
Response RememberedForm(Response response) {
  return response;
}
v1::AccessKey RememberedForm(v1::AccessKey key);

// Runs `create` (Transaction& -> absl::StatusOr<Response>) in a write
// transaction, once per request_id: without one, exactly as
// WriteInTransaction; with one, a response remembered for it is returned
// instead of running `create` again. Returns create's errors, or the
// store's (UNAVAILABLE, DEADLINE_EXCEEDED, ABORTED); INTERNAL when a
// remembered response cannot be read.
template <typename Response, typename Fn>
absl::StatusOr<Response> IdempotentCreate(storage::Store& store,
                                          const CallContext& call,
                                          absl::string_view request_id,
                                          Fn create) {
  if (request_id.empty()) {
    return WriteInTransaction(store, call.deadline, std::move(create));
  }
  const storage::IdempotencyKey key = IdempotencyKeyOf(call, request_id);
  auto parse = [](const std::string& bytes) -> absl::StatusOr<Response> {
    Response response;
    if (!response.ParseFromString(bytes)) {
      return absl::InternalError("a remembered response is unreadable");
    }
    return response;
  };
  absl::StatusOr<Response> created = WriteInTransaction(
      store, call.deadline,
      [&](storage::Transaction& tx) -> absl::StatusOr<Response> {
        ASSIGN_OR_RETURN(std::optional<std::string> earlier,
                         tx.idempotency().Find(key));
        if (earlier.has_value()) return parse(*earlier);
        ASSIGN_OR_RETURN(Response response, create(tx));
        RETURN_IF_ERROR(tx.idempotency().Remember(
            key, RememberedForm(response).SerializeAsString()));
        return response;
      });
  if (!absl::IsAlreadyExists(created.status())) return created;
  // A concurrent call with the same request_id may have committed between
  // the lookup and the insert; then its response is the answer.
  ASSIGN_OR_RETURN(
      std::optional<std::string> earlier,
      ReadInTransaction(store, call.deadline, [&](storage::Transaction& tx) {
        return tx.idempotency().Find(key);
      }));
  if (!earlier.has_value()) return created;
  return parse(*earlier);
}

}  // namespace identity

#endif  // IDENTITY_SERVICE_API_IDEMPOTENT_CREATE_H_
