// Who may act as whom: a caller holding usage:impersonation may run a call as
// a user whose own permissions are a subset of what the caller's key lets it
// do, in its own org, or in any org when the key lets it use write:org.
//
//   if (!ImpersonationPolicy::MayImpersonate(caller)) return Refuse(...);
//   RETURN_IF_ERROR(ImpersonationPolicy::Check(caller, target.get(), id));
#ifndef IDENTITY_SERVICE_AUTH_IMPERSONATION_POLICY_H_
#define IDENTITY_SERVICE_AUTH_IMPERSONATION_POLICY_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "service/auth/key_principal.h"
#include "service/auth/user_principal.h"

namespace identity {

class ImpersonationPolicy {
 public:
  // Whether `caller` may impersonate anyone at all; when not, the target
  // need not be looked up.
  static bool MayImpersonate(const KeyPrincipal& caller);

  // OK when `caller` may run calls as `target`; `target` is null when no
  // user `target_id` exists. PERMISSION_DENIED otherwise, with one message
  // whether or not the target exists, so that refusals reveal nothing.
  // The refusal carries the caller's id for the call log
  // (RefusedCallerOf); status conversion never sends it.
  static absl::Status Check(const KeyPrincipal& caller,
                            const UserPrincipal* target,
                            absl::string_view target_id);

  // The id of the caller a refusal of Check names; "" for any other status.
  static std::string RefusedCallerOf(const absl::Status& status);
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_AUTH_IMPERSONATION_POLICY_H_
