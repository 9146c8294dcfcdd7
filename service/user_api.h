// UserService's logic, free of gRPC: users, their roles, GetUserInfo and the
// caller's configuration.
//
//   UserApi api(&store, &cache);
//   absl::StatusOr<v1::GetUserInfoResponse> me = api.GetUserInfo(call, {});
#ifndef IDENTITY_SERVICE_USER_API_H_
#define IDENTITY_SERVICE_USER_API_H_

#include "absl/status/statusor.h"
#include "google/protobuf/empty.pb.h"
#include "identity/v1/user_service.pb.h"
#include "service/call_context.h"
#include "service/identity_cache.h"
#include "storage/store.h"

namespace identity {

class UserApi {
 public:
  UserApi(storage::Store* store, IdentityCache* cache)
      : store_(store), cache_(cache) {}

  absl::StatusOr<v1::User> CreateUser(
      const CallContext& call, const v1::CreateUserRequest& request) const;
  // Everyone may read its own user.
  absl::StatusOr<v1::User> GetUser(const CallContext& call,
                                   const v1::GetUserRequest& request) const;
  absl::StatusOr<v1::User> UpdateUser(
      const CallContext& call, const v1::UpdateUserRequest& request) const;
  absl::StatusOr<google::protobuf::Empty> DeleteUser(
      const CallContext& call, const v1::DeleteUserRequest& request) const;
  // Without lookup_org_id: the caller's org, except that a holder of
  // write:org filtering by tenant or user searches every org.
  absl::StatusOr<v1::ListUsersResponse> ListUsers(
      const CallContext& call, const v1::ListUsersRequest& request) const;
  // Answered from the call context alone: no database access.
  static v1::GetUserInfoResponse GetUserInfo(const CallContext& call);
  absl::StatusOr<v1::UpdateConfigResponse> UpdateConfig(
      const CallContext& call, const v1::UpdateConfigRequest& request) const;

 private:
  storage::Store* const store_;
  IdentityCache* const cache_;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_USER_API_H_
