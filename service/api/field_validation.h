// Checks of the limits. Each returns INVALID_ARGUMENT naming the
// field (as given by the caller, e.g. "user.tenant_id") or OK. Ids are
// checked by ValidateId (service/auth/resource_id.h).
//
//   RETURN_IF_ERROR(ValidateName("org.name", request.org().name()));
//   RETURN_IF_ERROR(ValidateRoles("user.roles", roles));
#ifndef IDENTITY_SERVICE_API_FIELD_VALIDATION_H_
#define IDENTITY_SERVICE_API_FIELD_VALIDATION_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "service/auth/resource_id.h"

namespace identity {

inline constexpr size_t kMaxNameLength = 256;
inline constexpr size_t kMaxEmailLength = 320;
inline constexpr size_t kMaxDescriptionLength = 1024;
inline constexpr size_t kMaxKeyNameLength = 128;
inline constexpr size_t kMaxJsonBytes = 64 * 1024;
inline constexpr size_t kMaxConfigKeys = 1000;
inline constexpr size_t kMaxConfigKeyLength = 256;
// The whole of one user's config, serialized as JSON.
inline constexpr size_t kMaxConfigBytes = 1024 * 1024;
// Repeated request fields: every one is bounded.
inline constexpr size_t kMaxRoles = 16;
inline constexpr size_t kMaxDeletedConfigKeys = 1000;
inline constexpr size_t kMaxKeyNamesPerDelete = 100;
inline constexpr size_t kMaxRequestedPermissions = 32;
// Access keys one user may hold; the next create is FAILED_PRECONDITION.
inline constexpr int64_t kMaxAccessKeysPerUser = 100;

// Valid UTF-8 without NUL, at most `max_chars` characters (code points).
// `required` also rejects the empty string.
absl::Status ValidateText(absl::string_view field, absl::string_view text,
                          size_t max_chars, bool required = false);

inline absl::Status ValidateName(absl::string_view field,
                                 absl::string_view name) {
  return ValidateText(field, name, kMaxNameLength);
}

// At most `max` elements in the repeated field `field`.
absl::Status ValidateCount(absl::string_view field, size_t count, size_t max);

// At most kMaxRoles names, each a built-in role.
absl::Status ValidateRoles(absl::string_view field,
                           const std::vector<std::string>& roles);

}  // namespace identity

#endif  // IDENTITY_SERVICE_API_FIELD_VALIDATION_H_
