// Client input quoted in an error message, bounded: a message echoes no more
// than a short prefix of whatever a client sent, so that an error is never
// larger than the request that caused it was meant to be.
//
//   return absl::InvalidArgumentError(
//       absl::StrCat("roles: unknown role ", QuotedInput(role)));
//   // roles: unknown role "super-admin-userxxxxxxxx…" (for a long input)
#ifndef IDENTITY_BASE_QUOTED_INPUT_H_
#define IDENTITY_BASE_QUOTED_INPUT_H_

#include <cstddef>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace identity {

// Long enough for any valid id, role or permission name.
inline constexpr size_t kMaxQuotedInputBytes = 128;

// `input` in double quotes, cut to `max_bytes` and marked with "…" when it
// was longer. The cut never splits a UTF-8 sequence.
inline std::string QuotedInput(absl::string_view input,
                               size_t max_bytes = kMaxQuotedInputBytes) {
  if (input.size() <= max_bytes) return absl::StrCat("\"", input, "\"");
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(input[end]) & 0xC0) == 0x80) {
    --end;
  }
  return absl::StrCat("\"", input.substr(0, end), "…\"");
}

}  // namespace identity

#endif  // IDENTITY_BASE_QUOTED_INPUT_H_
