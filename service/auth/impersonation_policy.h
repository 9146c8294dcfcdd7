// Who may act as whom (DESIGN §3): a caller holding usage:impersonation may
// run a call as a user whose permissions are a subset of its own, in its own
// org, or in any org when it holds write:org.
//
//   if (!ImpersonationPolicy::MayImpersonate(caller)) return Refuse(...);
//   RETURN_IF_ERROR(ImpersonationPolicy::Check(caller, target.get(), id));
#ifndef IDENTITY_SERVICE_AUTH_IMPERSONATION_POLICY_H_
#define IDENTITY_SERVICE_AUTH_IMPERSONATION_POLICY_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "service/auth/principal.h"

namespace identity {

class ImpersonationPolicy {
 public:
  // Whether `caller` may impersonate anyone at all; when not, the target
  // need not be looked up.
  static bool MayImpersonate(const Principal& caller);

  // OK when `caller` may run calls as `target`; `target` is null when no
  // user `target_id` exists. PERMISSION_DENIED otherwise, with one message
  // whether or not the target exists, so that refusals reveal nothing.
  static absl::Status Check(const Principal& caller, const Principal* target,
                            absl::string_view target_id);
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_AUTH_IMPERSONATION_POLICY_H_
