#include "service/api/page_token.h"

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "base/error_details.h"

namespace identity {
namespace {

// Versioned so that the cursor format can change without misreading old
// tokens.
constexpr absl::string_view kTokenPrefix = "p1:";

}  // namespace

absl::StatusOr<PageCursor> DecodePage(int page_size,
                                      absl::string_view page_token) {
  if (page_size < 0) {
    return InvalidFieldError("page_size", "page_size must not be negative");
  }
  PageCursor cursor;
  if (page_size > 0) cursor.size = std::min(page_size, kMaxPageSize);
  if (page_token.empty()) return cursor;

  std::string decoded;
  if (!absl::WebSafeBase64Unescape(page_token, &decoded) ||
      !absl::StartsWith(decoded, kTokenPrefix) ||
      decoded.size() == kTokenPrefix.size()) {
    return InvalidFieldError("page_token",
                             "page_token is not a valid page token");
  }
  cursor.after = decoded.substr(kTokenPrefix.size());
  return cursor;
}

std::string EncodePageToken(absl::string_view last_key) {
  return absl::WebSafeBase64Escape(absl::StrCat(kTokenPrefix, last_key));
}

}  // namespace identity
