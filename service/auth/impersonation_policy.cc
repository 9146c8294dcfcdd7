#include "service/auth/impersonation_policy.h"

#include <string>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "base/error_details.h"

namespace identity {
namespace {

constexpr char kRefusedCallerUrl[] = "type.identity/identity.RefusedCaller";

}  // namespace

bool ImpersonationPolicy::MayImpersonate(const KeyPrincipal& caller) {
  return caller.permissions.Has(Permission::kUsageImpersonation);
}

absl::Status ImpersonationPolicy::Check(const KeyPrincipal& caller,
                                        const UserPrincipal* target,
                                        absl::string_view target_id) {
  const bool allowed =
      MayImpersonate(caller) && target != nullptr &&
      target->role_permissions.IsSubsetOf(caller.permissions) &&
      (target->org_id == caller.owner->org_id ||
       caller.permissions.Has(Permission::kWriteOrg));
  if (allowed) return absl::OkStatus();
  absl::Status refusal =
      WithReason(absl::PermissionDeniedError(absl::StrCat(
                     "caller may not impersonate user ", target_id)),
                 ErrorReason::kImpersonationRefused);
  refusal.SetPayload(kRefusedCallerUrl, absl::Cord(caller.owner->id));
  return refusal;
}

std::string ImpersonationPolicy::RefusedCallerOf(const absl::Status& status) {
  auto caller = status.GetPayload(kRefusedCallerUrl);
  return caller.has_value() ? std::string(*caller) : std::string();
}

}  // namespace identity
