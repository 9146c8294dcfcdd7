#include "service/auth/impersonation_policy.h"

#include "absl/strings/str_cat.h"
#include "base/error_details.h"
#include "service/auth/access_policy.h"

namespace identity {

bool ImpersonationPolicy::MayImpersonate(const Principal& caller) {
  return caller.permissions.Has(Permission::kUsageImpersonation);
}

absl::Status ImpersonationPolicy::Check(const Principal& caller,
                                        const Principal* target,
                                        absl::string_view target_id) {
  const bool allowed =
      MayImpersonate(caller) && target != nullptr &&
      target->permissions.IsSubsetOf(caller.permissions) &&
      (target->org_id == caller.org_id || AccessPolicy::ActsInEveryOrg(caller));
  if (allowed) return absl::OkStatus();
  return WithReason(absl::PermissionDeniedError(absl::StrCat(
                        "caller may not impersonate user ", target_id)),
                    ErrorReason::kImpersonationRefused);
}

}  // namespace identity
