#include "service/auth/permission.h"

#include <algorithm>
#include <array>

namespace identity {
namespace {

constexpr std::array<absl::string_view, kPermissionCount> kNames = {
    "read:semantic-context",
    "read:liked-queries",
    "read:databases",
    "write:liked-queries",
    "write:semantic-context",
    "write:databases",
    "usage:api",
    "write:access_key",
    "read:similarity-search-index",
    "publish:semantic-context",
    "publish:liked-queries",
    "publish:access-rules",
    "push:databases",
    "write:similarity-search-index",
    "read:user",
    "write:user",
    "read:tenant",
    "write:tenant",
    "read:org",
    "usage:impersonation",
    "read:usage-report",
    "write:org",
    "self:config",
    "self:access_keys",
};

// The permissions in the order of their names, sorted once: Names() serves
// every GetUserInfo, whose profile showed sorting the strings per call.
const std::array<Permission, kPermissionCount>& ByName() {
  static const std::array<Permission, kPermissionCount> order = [] {
    std::array<Permission, kPermissionCount> permissions;
    for (int i = 0; i < kPermissionCount; ++i) {
      permissions[i] = static_cast<Permission>(i);
    }
    std::sort(permissions.begin(), permissions.end(),
              [](Permission a, Permission b) {
                return kNames[static_cast<size_t>(a)] <
                       kNames[static_cast<size_t>(b)];
              });
    return permissions;
  }();
  return order;
}

}  // namespace

absl::string_view PermissionName(Permission permission) {
  return kNames[static_cast<size_t>(permission)];
}

std::optional<Permission> ParsePermission(absl::string_view name) {
  for (int i = 0; i < kPermissionCount; ++i) {
    if (kNames[i] == name) return static_cast<Permission>(i);
  }
  return std::nullopt;
}

std::vector<std::string> PermissionSet::Names() const {
  std::vector<std::string> names;
  names.reserve(kPermissionCount);
  for (Permission permission : ByName()) {
    if (Has(permission)) names.emplace_back(PermissionName(permission));
  }
  return names;
}

}  // namespace identity
