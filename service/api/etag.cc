#include "service/api/etag.h"

#include "absl/strings/str_cat.h"
#include "base/error_details.h"
#include "base/quoted_input.h"

namespace identity {
namespace {

// Etags come from clients; an error quotes no more of one than a real etag
// could hold.
constexpr size_t kMaxQuotedEtag = 20;

}  // namespace

std::string EtagOf(int64_t version) { return std::to_string(version); }

absl::Status CheckEtag(absl::string_view kind, absl::string_view id,
                       absl::string_view sent_etag, int64_t version) {
  if (sent_etag.empty() || sent_etag == EtagOf(version)) {
    return absl::OkStatus();
  }
  return WithReason(
      absl::AbortedError(absl::StrCat(kind, " ", id, " was changed since etag ",
                                      QuotedInput(sent_etag, kMaxQuotedEtag))),
      ErrorReason::kEtagMismatch);
}

}  // namespace identity
