// The syntax of every id, user ids in impersonation headers
// included: 1-128 characters of [A-Za-z0-9._@+-].
//
//   RETURN_IF_ERROR(ValidateId("org.id", request.org().id()));
#ifndef IDENTITY_SERVICE_AUTH_RESOURCE_ID_H_
#define IDENTITY_SERVICE_AUTH_RESOURCE_ID_H_

#include <cstddef>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace identity {

inline constexpr size_t kMaxIdLength = 128;

// OK, or INVALID_ARGUMENT naming `field` when `id` is empty, too long or
// holds a character outside [A-Za-z0-9._@+-].
absl::Status ValidateId(absl::string_view field, absl::string_view id);

}  // namespace identity

#endif  // IDENTITY_SERVICE_AUTH_RESOURCE_ID_H_
