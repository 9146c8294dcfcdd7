// Page tokens come back from clients as opaque bytes: decoding any of them
// must end in a cursor or INVALID_ARGUMENT, and a decoded cursor must
// re-encode to a token that decodes to the same cursor. The first byte is
// the page size (times 16, so that both bounds are reached), the rest the
// token.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "service/api/page_token.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const int page_size = static_cast<int8_t>(data[0]) * 16;
  const std::string token(reinterpret_cast<const char*>(data) + 1, size - 1);
  absl::StatusOr<identity::PageCursor> cursor =
      identity::DecodePage(page_size, token);
  if (!cursor.ok()) {
    if (!absl::IsInvalidArgument(cursor.status())) std::abort();
    return 0;
  }
  if (cursor->size < 1 || cursor->size > identity::kMaxPageSize) std::abort();
  if (cursor->after.empty()) return 0;
  absl::StatusOr<identity::PageCursor> again = identity::DecodePage(
      cursor->size, identity::EncodePageToken(cursor->after));
  if (!again.ok() || again->after != cursor->after) std::abort();
  return 0;
}
