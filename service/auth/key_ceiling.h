// Access key ceilings: the most a key may do, whatever its owner's roles
// become. A call's permissions are the owner's current permissions
// intersected with the ceiling of the key it came with.
//
//   KeyPrincipal holder = KeyHolderOf(credential);  // owner ∩ key ceiling
//   absl::StatusOr<PermissionSet> asked =
//       ParsePermissionList("permissions", request_names);
//   key.permission_ceiling = CeilingNames(ceiling);
#ifndef IDENTITY_SERVICE_AUTH_KEY_CEILING_H_
#define IDENTITY_SERVICE_AUTH_KEY_CEILING_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "service/auth/key_principal.h"
#include "service/auth/permission.h"
#include "storage/resources.h"

namespace identity {

// The stored ceiling of `key`; nullopt when unbounded. A stored name that no
// longer names a permission grants nothing.
std::optional<PermissionSet> CeilingOf(const storage::AccessKey& key);

// The form in which a ceiling is stored: sorted permission names.
std::optional<std::vector<std::string>> CeilingNames(
    const std::optional<PermissionSet>& ceiling);

// The key's owner as the key lets it act: permissions capped by the ceiling.
KeyPrincipal KeyHolderOf(const storage::Credential& credential);

// The set named by `names`. INVALID_ARGUMENT naming `field` for an unknown
// name.
absl::StatusOr<PermissionSet> ParsePermissionList(
    absl::string_view field, const std::vector<std::string>& names);

}  // namespace identity

#endif  // IDENTITY_SERVICE_AUTH_KEY_CEILING_H_
