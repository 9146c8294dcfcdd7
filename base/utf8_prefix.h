// The start of a text cut to a number of characters, never inside a UTF-8
// sequence: for fields that are cut to fit rather than refused, because the
// server, not the caller, fills them (a peer, a method name as it arrived).
//
//   Utf8Prefix("caf\u00e9s", 4);  // "caf\u00e9"
//   Utf8Prefix("abc", 10);        // "abc"
#ifndef IDENTITY_BASE_UTF8_PREFIX_H_
#define IDENTITY_BASE_UTF8_PREFIX_H_

#include <cstddef>

#include "absl/strings/string_view.h"

namespace identity {

// The first `max_chars` characters (code points) of `text`, or all of it.
inline absl::string_view Utf8Prefix(absl::string_view text, size_t max_chars) {
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const bool continuation =
        (static_cast<unsigned char>(text[i]) & 0xc0) == 0x80;
    if (!continuation && ++chars > max_chars) return text.substr(0, i);
  }
  return text;
}

}  // namespace identity

#endif  // IDENTITY_BASE_UTF8_PREFIX_H_
