// Opaque page tokens over keyset cursors, and page-size rules (DESIGN §2).
//
//   ASSIGN_OR_RETURN(PageCursor page, DecodePage(req.page_size(),
//   req.page_token())); rows = tx.orgs().List({page.after, page.size + 1}, "");
//   ASSIGN_OR_RETURN(std::string next, EmitPage(rows, page, add, key_of));
#ifndef IDENTITY_SERVICE_PAGE_TOKEN_H_
#define IDENTITY_SERVICE_PAGE_TOKEN_H_

#include <algorithm>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace identity {

inline constexpr int kDefaultPageSize = 100;
inline constexpr int kMaxPageSize = 1000;

struct PageCursor {
  int size = kDefaultPageSize;
  std::string after;  // The key of the last row of the previous page.
};

// INVALID_ARGUMENT naming "page_size" when negative, "page_token" when the
// token was not made by EncodePageToken. Sizes over 1,000 are lowered.
absl::StatusOr<PageCursor> DecodePage(int page_size,
                                      absl::string_view page_token);

std::string EncodePageToken(absl::string_view last_key);

// Hands the first `page.size` of `rows` (fetched with limit page.size + 1)
// to `add`, which returns a Status, and returns the next page's token, or ""
// on the last page. `key_of` gives a row's cursor key.
template <typename Row, typename Add, typename KeyOf>
absl::StatusOr<std::string> EmitPage(const std::vector<Row>& rows,
                                     const PageCursor& page, Add add,
                                     KeyOf key_of) {
  const size_t shown = std::min(rows.size(), static_cast<size_t>(page.size));
  for (size_t i = 0; i < shown; ++i) {
    if (absl::Status status = add(rows[i]); !status.ok()) return status;
  }
  if (rows.size() <= shown) return std::string();
  return EncodePageToken(key_of(rows[shown - 1]));
}

}  // namespace identity

#endif  // IDENTITY_SERVICE_PAGE_TOKEN_H_
