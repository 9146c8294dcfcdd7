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

absl::Status AccessPolicy::Require(const Principal& user,
                                   Permission permission) {
  if (user.permissions.Has(permission)) return absl::OkStatus();
  return PermissionDenied(
      absl::StrCat("caller lacks permission ", PermissionName(permission)));
}

absl::Status AccessPolicy::RequireInOrg(const Principal& user,
                                        Permission permission,
                                        absl::string_view org_id) {
  if (ActsInEveryOrg(user)) return absl::OkStatus();
  if (!user.permissions.Has(permission)) return Require(user, permission);
  if (org_id != user.org_id) {
    return PermissionDenied(absl::StrCat(
        "caller may use ", PermissionName(permission), " only in its own org"));
  }
  return absl::OkStatus();
}

absl::Status AccessPolicy::RequireCanGrant(
    const Principal& user, const std::vector<std::string>& roles) {
  if (RoleCatalog::PermissionsOf(roles).IsSubsetOf(user.permissions)) {
    return absl::OkStatus();
  }
  return PermissionDenied(
      "caller cannot grant roles with permissions it does not hold");
}

absl::Status AccessPolicy::RequireCanManage(const Principal& user,
                                            const Principal& target) {
  if (absl::Status status =
          RequireInOrg(user, Permission::kWriteUser, target.org_id);
      !status.ok()) {
    return status;
  }
  if (!target.permissions.IsSubsetOf(user.permissions)) {
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
