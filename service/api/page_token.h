// Opaque page tokens over keyset cursors, and page-size rules.
// ListPage (list_page.h) uses them for every list call.
//
//   ASSIGN_OR_RETURN(PageCursor page,
//                    DecodePage(request.page_size(), request.page_token()));
//   std::string next_page_token = EncodePageToken(last_row_shown.id);
#ifndef IDENTITY_SERVICE_API_PAGE_TOKEN_H_
#define IDENTITY_SERVICE_API_PAGE_TOKEN_H_

#include <string>

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

}  // namespace identity

#endif  // IDENTITY_SERVICE_API_PAGE_TOKEN_H_
