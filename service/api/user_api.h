// UserService's users and their roles, free of gRPC. (The rest of
// UserService: ConfigApi for UpdateConfig, UserInfoOf for GetUserInfo.)
//
//   UserApi api(&store, &cache);
//   absl::StatusOr<v1::User> jack = api.CreateUser(call, request);
//
// A user outside the caller's org is PERMISSION_DENIED whether or not it
// exists (holders of write:org get NOT_FOUND for an absent one). Every method
// may also return UNAVAILABLE or DEADLINE_EXCEEDED.
#ifndef IDENTITY_SERVICE_API_USER_API_H_
#define IDENTITY_SERVICE_API_USER_API_H_

#include "absl/status/statusor.h"
#include "google/protobuf/empty.pb.h"
#include "identity/v1/user_service.pb.h"
#include "service/auth/call_context.h"
#include "service/auth/identity_cache.h"
#include "storage/store.h"

namespace identity {

class UserApi {
 public:
  UserApi(storage::Store* store, IdentityCache* cache)
      : store_(store), cache_(cache) {}

  // PERMISSION_DENIED without write:user in the user's org, or when granting
  // roles beyond the caller's own; INVALID_ARGUMENT naming a bad field or a
  // tenant of another org than user.org_id; FAILED_PRECONDITION when the
  // tenant does not exist; ALREADY_EXISTS when the id is taken, except for a
  // retry with the request_id of a create that succeeded, which gets its
  // response again.
  absl::StatusOr<v1::User> CreateUser(
      const CallContext& call, const v1::CreateUserRequest& request) const;
  // Everyone may read its own user; others need read:user there.
  // INVALID_ARGUMENT for a bad id; NOT_FOUND.
  absl::StatusOr<v1::User> GetUser(const CallContext& call,
                                   const v1::GetUserRequest& request) const;
  // PERMISSION_DENIED without write:user over the user (whose permissions
  // must be a subset of the caller's), or when granting roles beyond the
  // caller's own; INVALID_ARGUMENT naming a bad field, an update_mask path
  // or a changed tenant_id/org_id; NOT_FOUND; ABORTED when the etag is stale.
  absl::StatusOr<v1::User> UpdateUser(
      const CallContext& call, const v1::UpdateUserRequest& request) const;
  // PERMISSION_DENIED without write:user over the user; INVALID_ARGUMENT;
  // NOT_FOUND. Its keys stop working on every server.
  absl::StatusOr<google::protobuf::Empty> DeleteUser(
      const CallContext& call, const v1::DeleteUserRequest& request) const;
  // Without lookup_org_id: the caller's org, except that a holder of
  // write:org filtering by tenant or user searches every org.
  // PERMISSION_DENIED without read:user there; INVALID_ARGUMENT for a bad
  // filter id, page_size or page_token.
  absl::StatusOr<v1::ListUsersResponse> ListUsers(
      const CallContext& call, const v1::ListUsersRequest& request) const;

 private:
  storage::Store* const store_;
  IdentityCache* const cache_;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_API_USER_API_H_
