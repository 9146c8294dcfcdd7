#include "service/auth/resource_id.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "base/error_details.h"

namespace identity {
namespace {

bool IsIdChar(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '.' ||
         c == '_' || c == '@' || c == '+' || c == '-';
}

}  // namespace

absl::Status ValidateId(absl::string_view field, absl::string_view id) {
  if (id.empty()) {
    return InvalidFieldError(field, absl::StrCat(field, " is required"));
  }
  if (id.size() > kMaxIdLength) {
    return InvalidFieldError(field, absl::StrCat(field, " is longer than ",
                                                 kMaxIdLength, " characters"));
  }
  for (char c : id) {
    if (!IsIdChar(c)) {
      return InvalidFieldError(
          field,
          absl::StrCat(
              field, " may only contain the characters A-Z a-z 0-9 . _ @ + -"));
    }
  }
  return absl::OkStatus();
}

}  // namespace identity
