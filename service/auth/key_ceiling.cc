#include "service/auth/key_ceiling.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include "base/error_details.h"
#include "base/quoted_input.h"

namespace identity {

std::optional<PermissionSet> CeilingOf(const storage::AccessKey& key) {
  if (!key.permission_ceiling.has_value()) return std::nullopt;
  PermissionSet ceiling;
  for (const std::string& name : *key.permission_ceiling) {
    if (std::optional<Permission> permission = ParsePermission(name)) {
      ceiling = ceiling.Union({*permission});
    }
  }
  return ceiling;
}

std::optional<std::vector<std::string>> CeilingNames(
    const std::optional<PermissionSet>& ceiling) {
  if (!ceiling.has_value()) return std::nullopt;
  return ceiling->Names();
}

KeyPrincipal KeyHolderOf(const storage::Credential& credential) {
  KeyPrincipal holder;
  holder.owner = std::make_shared<const UserPrincipal>(
      UserPrincipal::FromUser(credential.user));
  holder.ceiling = CeilingOf(credential.key);
  holder.superseded_secret = credential.secret_superseded;
  holder.permissions = holder.owner->role_permissions;
  if (holder.ceiling.has_value()) {
    holder.permissions = holder.permissions.Intersect(*holder.ceiling);
  }
  return holder;
}

absl::StatusOr<PermissionSet> ParsePermissionList(
    absl::string_view field, const std::vector<std::string>& names) {
  PermissionSet set;
  for (const std::string& name : names) {
    std::optional<Permission> permission = ParsePermission(name);
    if (!permission.has_value()) {
      return InvalidFieldError(
          field,
          absl::StrCat(field, ": unknown permission ", QuotedInput(name)));
    }
    set = set.Union({*permission});
  }
  return set;
}

}  // namespace identity
