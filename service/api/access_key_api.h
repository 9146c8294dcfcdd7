// AccessKeyService's logic, free of gRPC. Secrets are made here, returned
// once, and only their hashes reach the store.
//
//   AccessKeyApi api(&store, &cache, &key_uses);
//   absl::StatusOr<v1::AccessKey> key = api.CreateAccessKey(call, request);
//
// user_id defaults to the caller. The caller manages its own keys (creating
// one needs write:access_key); another user's keys need write:user over that
// user, whose permissions must be a subset of the caller's, or the call is
// PERMISSION_DENIED (the same whether or not the user exists, outside the
// caller's org). Every method may also return UNAVAILABLE or
// DEADLINE_EXCEEDED.
#ifndef IDENTITY_SERVICE_API_ACCESS_KEY_API_H_
#define IDENTITY_SERVICE_API_ACCESS_KEY_API_H_

#include "absl/status/statusor.h"
#include "google/protobuf/empty.pb.h"
#include "identity/v1/access_key_service.pb.h"
#include "service/auth/call_context.h"
#include "service/auth/identity_cache.h"
#include "service/auth/key_use_recorder.h"
#include "storage/store.h"

namespace identity {

class AccessKeyApi {
 public:
  AccessKeyApi(storage::Store* store, IdentityCache* cache,
               KeyUseRecorder* key_uses)
      : store_(store), cache_(cache), key_uses_(key_uses) {}

  // The new key with its secret, which is never shown again, and with its
  // permission ceiling (see CreateAccessKeyRequest.permissions).
  // INVALID_ARGUMENT naming a bad name, description, user_id, permissions
  // or an expire_time not in the future; PERMISSION_DENIED for permissions
  // the caller does not hold; ALREADY_EXISTS when the user has a key of that
  // name; FAILED_PRECONDITION when the user already has
  // kMaxAccessKeysPerUser keys; NOT_FOUND when the owner is absent
  // (write:org holders). A retry with the request_id of a create that
  // succeeded gets its response again without the secret (never stored), so
  // the client that lost the first response knows the key exists and must
  // delete and re-create it.
  absl::StatusOr<v1::AccessKey> CreateAccessKey(
      const CallContext& call, const v1::CreateAccessKeyRequest& request) const;
  // The keys without secrets, by name. INVALID_ARGUMENT for a bad user_id,
  // page_size or page_token.
  absl::StatusOr<v1::ListAccessKeysResponse> ListAccessKeys(
      const CallContext& call, const v1::ListAccessKeysRequest& request) const;
  // The key with a new secret, shown only here, and the replaced secret's
  // prefix and expiry: it keeps working for grace_period (default 24 h, zero
  // revokes it at once; a secret replaced by an earlier rotation stops now).
  // INVALID_ARGUMENT naming a bad name, user_id or a grace_period that is
  // negative or over 30 days; NOT_FOUND when the key does not exist; the
  // permissions of CreateAccessKey, and PERMISSION_DENIED when the key's
  // ceiling is not within the caller's permissions (the caller gets the
  // secret). The key keeps its ceiling, issuer, description and expiry.
  absl::StatusOr<v1::AccessKey> RotateAccessKey(
      const CallContext& call, const v1::RotateAccessKeyRequest& request) const;
  // Deletes all of `names` or none: NOT_FOUND naming the first unknown one;
  // INVALID_ARGUMENT when names is empty, longer than kMaxKeyNamesPerDelete
  // or holds a bad name. The keys stop
  // working on every server.
  absl::StatusOr<google::protobuf::Empty> DeleteAccessKeys(
      const CallContext& call,
      const v1::DeleteAccessKeysRequest& request) const;

 private:
  storage::Store* const store_;
  IdentityCache* const cache_;
  KeyUseRecorder* const key_uses_;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_API_ACCESS_KEY_API_H_
