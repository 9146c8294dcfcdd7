#include "service/auth/access_policy.h"

#include "absl/strings/str_cat.h"
#include "base/error_details.h"
#include "service/auth/role_catalog.h"

namespace identity {
namespace {

absl::Status PermissionDenied(std::string message) {
  return WithReason(absl::PermissionDeniedError(message),
                    ErrorReason::kPermissionDenied);
}

}  // namespace

absl::Status AccessPolicy::Require(const CallContext& call,
                                   Permission permission) {
  if (call.permissions().Has(permission)) return absl::OkStatus();
  return PermissionDenied(
      absl::StrCat("caller lacks permission ", PermissionName(permission)));
}

absl::Status AccessPolicy::RequireInOrg(const CallContext& call,
                                        Permission permission,
                                        absl::string_view org_id) {
  if (ActsInEveryOrg(call)) return absl::OkStatus();
  if (!call.permissions().Has(permission)) return Require(call, permission);
  if (org_id != call.user().org_id) {
    return PermissionDenied(absl::StrCat(
        "caller may use ", PermissionName(permission), " only in its own org"));
  }
  return absl::OkStatus();
}

absl::Status AccessPolicy::RequireCanGrant(
    const CallContext& call, const std::vector<std::string>& roles) {
  if (RoleCatalog::PermissionsOf(roles).IsSubsetOf(call.permissions())) {
    return absl::OkStatus();
  }
  return PermissionDenied(
      "caller cannot grant roles with permissions it does not hold");
}

absl::Status AccessPolicy::RequireCanManage(const CallContext& call,
                                            const UserPrincipal& target) {
  if (absl::Status status =
          RequireInOrg(call, Permission::kWriteUser, target.org_id);
      !status.ok()) {
    return status;
  }
  if (!target.role_permissions.IsSubsetOf(call.permissions())) {
    return PermissionDenied(
        absl::StrCat("caller cannot manage user ", target.id,
                     ", who holds permissions the caller does not"));
  }
  return absl::OkStatus();
}

absl::Status AccessPolicy::NotVisible(absl::string_view kind,
                                      absl::string_view id) {
  return PermissionDenied(absl::StrCat("caller may not access ", kind, " ", id,
                                       ", or it does not exist"));
}

}  // namespace identity
