// The permissions a role can hold, and sets of them, as bits.
//
//   PermissionSet mine = RoleCatalog::PermissionsOf(user.roles);
//   bool may_write_users = mine.Has(Permission::kWriteUser);
//   bool may_grant = theirs.IsSubsetOf(mine);
//   PermissionSet of_call = mine.Intersect(key_ceiling);
//   std::optional<Permission> p = ParsePermission("write:org");
#ifndef IDENTITY_SERVICE_AUTH_PERMISSION_H_
#define IDENTITY_SERVICE_AUTH_PERMISSION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace identity {

enum class Permission : uint8_t {
  kReadSemanticContext,
  kReadLikedQueries,
  kReadDatabases,
  kWriteLikedQueries,
  kWriteSemanticContext,
  kWriteDatabases,
  kUsageApi,
  kWriteAccessKey,
  kReadSimilaritySearchIndex,
  kPublishSemanticContext,
  kPublishLikedQueries,
  kPublishAccessRules,
  kPushDatabases,
  kWriteSimilaritySearchIndex,
  kReadUser,
  kWriteUser,
  kReadTenant,
  kWriteTenant,
  kReadOrg,
  kUsageImpersonation,
  kReadUsageReport,
  kWriteOrg,
  // Self-service, held by every role: updating one's own config, and
  // listing, deleting and rotating one's own keys. Permissions like the
  // others, so that a key's ceiling can leave them out.
  kSelfConfig,
  kSelfAccessKeys,
};

inline constexpr int kPermissionCount = 24;

// The wire name of a permission, e.g. "write:access_key".
absl::string_view PermissionName(Permission permission);

// The permission of a wire name; nullopt for a name no role holds.
std::optional<Permission> ParsePermission(absl::string_view name);

class PermissionSet {
 public:
  constexpr PermissionSet() = default;
  constexpr PermissionSet(std::initializer_list<Permission> permissions) {
    for (Permission p : permissions) bits_ |= Bit(p);
  }

  bool Has(Permission p) const { return (bits_ & Bit(p)) != 0; }
  bool IsSubsetOf(PermissionSet other) const {
    return (bits_ & ~other.bits_) == 0;
  }
  PermissionSet Union(PermissionSet other) const {
    PermissionSet result;
    result.bits_ = bits_ | other.bits_;
    return result;
  }
  PermissionSet Intersect(PermissionSet other) const {
    PermissionSet result;
    result.bits_ = bits_ & other.bits_;
    return result;
  }
  bool operator==(PermissionSet other) const { return bits_ == other.bits_; }

  // Wire names, sorted.
  std::vector<std::string> Names() const;

 private:
  static constexpr uint32_t Bit(Permission p) {
    return uint32_t{1} << static_cast<uint8_t>(p);
  }
  uint32_t bits_ = 0;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_AUTH_PERMISSION_H_
