#include "service/api/field_validation.h"

#include "absl/strings/str_cat.h"
#include "base/error_details.h"
#include "base/quoted_input.h"
#include "service/auth/role_catalog.h"

namespace identity {
namespace {

// Counts the code points of `text`, or returns -1 when it is not valid UTF-8
// (overlong forms, surrogates and values past U+10FFFF included).
long CountUtf8CodePoints(absl::string_view text) {
  long count = 0;
  size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    int length;
    uint32_t code_point;
    if (lead < 0x80) {
      length = 1;
      code_point = lead;
    } else if ((lead & 0xE0) == 0xC0) {
      length = 2;
      code_point = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3;
      code_point = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4;
      code_point = lead & 0x07;
    } else {
      return -1;
    }
    if (i + length > text.size()) return -1;
    for (int k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return -1;
      code_point = (code_point << 6) | (next & 0x3F);
    }
    static constexpr uint32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code_point < kMinForLength[length] || code_point > 0x10FFFF ||
        (code_point >= 0xD800 && code_point <= 0xDFFF)) {
      return -1;
    }
    i += length;
    ++count;
  }
  return count;
}

}  // namespace

absl::Status ValidateText(absl::string_view field, absl::string_view text,
                          size_t max_chars, bool required) {
  if (required && text.empty()) {
    return InvalidFieldError(field, absl::StrCat(field, " is required"));
  }
  const long chars = CountUtf8CodePoints(text);
  if (chars < 0) {
    return InvalidFieldError(field, absl::StrCat(field, " is not valid UTF-8"));
  }
  if (static_cast<size_t>(chars) > max_chars) {
    return InvalidFieldError(field, absl::StrCat(field, " is longer than ",
                                                 max_chars, " characters"));
  }
  if (text.find('\0') != absl::string_view::npos) {
    return InvalidFieldError(
        field, absl::StrCat(field, " must not contain NUL characters"));
  }
  return absl::OkStatus();
}

absl::Status ValidateCount(absl::string_view field, size_t count, size_t max) {
  if (count <= max) return absl::OkStatus();
  return InvalidFieldError(
      field, absl::StrCat(field, " may hold at most ", max, " elements"));
}

absl::Status ValidateRoles(absl::string_view field,
                           const std::vector<std::string>& roles) {
  if (absl::Status status = ValidateCount(field, roles.size(), kMaxRoles);
      !status.ok()) {
    return status;
  }
  for (const std::string& role : roles) {
    if (!RoleCatalog::IsKnown(role)) {
      return InvalidFieldError(
          field, absl::StrCat(field, ": unknown role ", QuotedInput(role)));
    }
  }
  return absl::OkStatus();
}

}  // namespace identity
