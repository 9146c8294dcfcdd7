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
};

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
  for (int i = 0; i < kPermissionCount; ++i) {
    if (Has(static_cast<Permission>(i))) names.emplace_back(kNames[i]);
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace identity
