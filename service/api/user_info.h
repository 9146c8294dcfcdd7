// GetUserInfo: who the caller is and what it may do, answered
// from the call context alone, without the database: the hot path of every
// service that calls this one.
//
//   v1::GetUserInfoResponse me = UserInfoOf(call);
#ifndef IDENTITY_SERVICE_API_USER_INFO_H_
#define IDENTITY_SERVICE_API_USER_INFO_H_

#include "identity/v1/user_service.pb.h"
#include "service/auth/call_context.h"

namespace identity {

// The effective user of `call` (the impersonated one, if any) with its roles
// and permissions, and impersonator_id when impersonating. Cannot fail.
v1::GetUserInfoResponse UserInfoOf(const CallContext& call);

}  // namespace identity

#endif  // IDENTITY_SERVICE_API_USER_INFO_H_
