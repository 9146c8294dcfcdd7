// Creates that a client may retry safely (AIP-155): with a request_id, the
// first create's response is remembered in its own transaction
// (storage::IdempotencyStore), and a retry of the same request by the same
// caller gets that response back instead of ALREADY_EXISTS or a second
// resource.
//
//   RETURN_IF_ERROR(ValidateRequestId(request.request_id()));
//   return IdempotentCreate<v1::Org>(
//       *store_, call, request,
//       [&](storage::Transaction& tx) -> absl::StatusOr<v1::Org> {
//         ASSIGN_OR_RETURN(storage::Org created, tx.orgs().Insert(row));
//         return ToProto(created);
//       },
//       [&](storage::Transaction&, const v1::Org& org) {
//         return AccessPolicy::RequireInOrg(call, Permission::kReadOrg,
//                                           org.id());
//       });
#ifndef IDENTITY_SERVICE_API_IDEMPOTENT_CREATE_H_
#define IDENTITY_SERVICE_API_IDEMPOTENT_CREATE_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "base/status_macros.h"
#include "google/protobuf/message_lite.h"
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
// impersonates, if any, by their immutable keys; the caller's org; the RPC.
storage::IdempotencyKey IdempotencyKeyOf(const CallContext& call,
                                         absl::string_view request_id);

// What tells one request from another: SHA-256 of `request` serialized
// deterministically, to be taken without its request_id.
std::string RequestFingerprint(const google::protobuf::MessageLite& request);

// What is remembered of a response: all of it, except an access key's
// secret, which is never stored.
template <typename Response>
Response RememberedForm(Response response) {
  return response;
}
v1::AccessKey RememberedForm(v1::AccessKey key);

// The first check of a replay: that the remembered response answers the
// same request. INVALID_ARGUMENT (REQUEST_ID_REUSED) naming request_id if
// not.
absl::Status CheckReplay(const storage::RememberedResponse& remembered,
                         absl::string_view fingerprint);

// Runs `create` (Transaction& -> absl::StatusOr<Response>) in a write
// transaction, once per request_id: without one, exactly as
// WriteInTransaction; with one, a response remembered for it is returned
// instead of running `create` again, once `visible` (Transaction&, const
// Response& -> absl::Status) says the caller may still read it. Returns
// create's or visible's errors, INVALID_ARGUMENT (REQUEST_ID_REUSED) for a
// request_id remembered with another request, or the store's
// (UNAVAILABLE, DEADLINE_EXCEEDED, ABORTED); INTERNAL when a remembered
// response cannot be read.
template <typename Response, typename Request, typename Fn, typename Visible>
absl::StatusOr<Response> IdempotentCreate(storage::Store& store,
                                          const CallContext& call,
                                          const Request& request, Fn create,
                                          Visible visible) {
  if (request.request_id().empty()) {
    return WriteInTransaction(store, call.deadline, std::move(create));
  }
  const storage::IdempotencyKey key =
      IdempotencyKeyOf(call, request.request_id());
  Request without_id = request;
  without_id.clear_request_id();
  const std::string fingerprint = RequestFingerprint(without_id);
  auto replay = [&](storage::Transaction& tx,
                    const storage::RememberedResponse& remembered)
      -> absl::StatusOr<Response> {
    RETURN_IF_ERROR(CheckReplay(remembered, fingerprint));
    Response response;
    if (!response.ParseFromString(remembered.response)) {
      return absl::InternalError("a remembered response is unreadable");
    }
    RETURN_IF_ERROR(visible(tx, response));
    return response;
  };
  absl::StatusOr<Response> created = WriteInTransaction(
      store, call.deadline,
      [&](storage::Transaction& tx) -> absl::StatusOr<Response> {
        ASSIGN_OR_RETURN(std::optional<storage::RememberedResponse> earlier,
                         tx.idempotency().Find(key));
        if (earlier.has_value()) return replay(tx, *earlier);
        ASSIGN_OR_RETURN(Response response, create(tx));
        RETURN_IF_ERROR(tx.idempotency().Remember(
            key, {fingerprint, RememberedForm(response).SerializeAsString()}));
        return response;
      });
  if (!absl::IsAlreadyExists(created.status())) return created;
  // A concurrent call with the same request_id may have committed between
  // the lookup and the insert; then its response is the answer.
  return ReadInTransaction(
      store, call.deadline,
      [&](storage::Transaction& tx) -> absl::StatusOr<Response> {
        ASSIGN_OR_RETURN(std::optional<storage::RememberedResponse> earlier,
                         tx.idempotency().Find(key));
        if (!earlier.has_value()) return created;
        return replay(tx, *earlier);
      });
}

}  // namespace identity

#endif  // IDENTITY_SERVICE_API_IDEMPOTENT_CREATE_H_
