// AccessKeyService's logic, free of gRPC. Secrets are made here, returned
// once, and only their hashes reach the store.
//
//   AccessKeyApi api(&store, &cache, &key_uses);
//   absl::StatusOr<v1::AccessKey> key = api.CreateAccessKey(call, request);
#ifndef IDENTITY_SERVICE_ACCESS_KEY_API_H_
#define IDENTITY_SERVICE_ACCESS_KEY_API_H_

#include "absl/status/statusor.h"
#include "google/protobuf/empty.pb.h"
#include "identity/v1/access_key_service.pb.h"
#include "service/call_context.h"
#include "service/identity_cache.h"
#include "service/key_use_recorder.h"
#include "storage/store.h"

namespace identity {

class AccessKeyApi {
 public:
  AccessKeyApi(storage::Store* store, IdentityCache* cache,
               KeyUseRecorder* key_uses)
      : store_(store), cache_(cache), key_uses_(key_uses) {}

  // Own keys need write:access_key; another user's need write:user over them.
  absl::StatusOr<v1::AccessKey> CreateAccessKey(
      const CallContext& call, const v1::CreateAccessKeyRequest& request) const;
  absl::StatusOr<v1::ListAccessKeysResponse> ListAccessKeys(
      const CallContext& call, const v1::ListAccessKeysRequest& request) const;
  absl::StatusOr<google::protobuf::Empty> DeleteAccessKeys(
      const CallContext& call,
      const v1::DeleteAccessKeysRequest& request) const;

 private:
  storage::Store* const store_;
  IdentityCache* const cache_;
  KeyUseRecorder* const key_uses_;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_ACCESS_KEY_API_H_
