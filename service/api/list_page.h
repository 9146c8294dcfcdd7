// One page of a list call: keyset pagination with opaque tokens,
// read in one read-only transaction, bounded in rows and in bytes.
//
//   return ListPage(*store_, call.deadline, request,
//       [&](storage::Transaction& tx, const storage::PageRequest& page) {
//         return tx.orgs().List(page, only_id);
//       },
//       &v1::ListOrgsResponse::add_orgs,
//       [](const storage::Org& row) { return row.id; });
#ifndef IDENTITY_SERVICE_API_LIST_PAGE_H_
#define IDENTITY_SERVICE_API_LIST_PAGE_H_

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "base/status_macros.h"
#include "service/api/in_transaction.h"
#include "service/api/page_token.h"
#include "service/api/resource_conversion.h"
#include "storage/page.h"
#include "storage/store.h"

namespace identity {

// A page ends early, with next_page_token set, rather than grow past this
// many bytes of rows; it always holds at least one row (a row is at most a
// few 64 KiB fields). Well under the 4 MiB a client receives by default.
inline constexpr size_t kMaxPageBytes = 1024 * 1024;

// Fills one page of `Response` for `request` (any list request: it has
// page_size() and page_token()). `fetch(tx, page)` returns the rows after
// page.after, at most page.limit of them; each row shown is converted with
// ToProto into the message `add` appends to the response; `key_of(row)` is
// the cursor a next page starts after. The rows shown stop before their
// serialized size passes `max_bytes`. Errors: INVALID_ARGUMENT naming
// page_size or page_token, and whatever `fetch` and the transaction return.
template <typename Response, typename Request, typename Fetch, typename Message,
          typename KeyOf>
absl::StatusOr<Response> ListPage(storage::Store& store, absl::Time deadline,
                                  const Request& request, Fetch fetch,
                                  Message* (Response::*add)(), KeyOf key_of,
                                  size_t max_bytes = kMaxPageBytes) {
  ASSIGN_OR_RETURN(const PageCursor page,
                   DecodePage(request.page_size(), request.page_token()));
  // One row more than is shown tells whether another page follows.
  ASSIGN_OR_RETURN(
      const auto rows,
      ReadInTransaction(store, deadline, [&](storage::Transaction& tx) {
        return fetch(tx, storage::PageRequest{page.after, page.size + 1});
      }));
  Response response;
  const size_t most = std::min(rows.size(), static_cast<size_t>(page.size));
  size_t shown = 0;
  size_t bytes = 0;
  for (; shown < most; ++shown) {
    ASSIGN_OR_RETURN(Message message,
                     absl::StatusOr<Message>(ToProto(rows[shown])));
    const size_t size = message.ByteSizeLong();
    if (shown > 0 && bytes + size > max_bytes) break;
    bytes += size;
    *(response.*add)() = std::move(message);
  }
  if (rows.size() > shown) {
    response.set_next_page_token(EncodePageToken(key_of(rows[shown - 1])));
  }
  return response;
}

}  // namespace identity

#endif  // IDENTITY_SERVICE_API_LIST_PAGE_H_
