#include "service/api/idempotent_create.h"

#include "absl/strings/str_cat.h"
#include "base/error_details.h"

namespace identity {

absl::Status ValidateRequestId(absl::string_view request_id) {
  if (request_id.size() > kMaxRequestIdLength) {
    return InvalidFieldError("request_id",
                             absl::StrCat("request_id must be at most ",
                                          kMaxRequestIdLength, " characters"));
  }
  for (char c : request_id) {
    if (c < 0x21 || c > 0x7e) {
      return InvalidFieldError(
          "request_id", "request_id must be printable ASCII without spaces");
    }
  }
  return absl::OkStatus();
}

storage::IdempotencyKey IdempotencyKeyOf(const CallContext& call,
                                         absl::string_view request_id) {
  // Ids never hold '/', so the pair is unambiguous.
  std::string caller_id = call.actor().id;
  if (call.impersonator != nullptr) {
    absl::StrAppend(&caller_id, "/", call.user().id);
  }
  return {std::move(caller_id), call.method, std::string(request_id)};
}

v1::AccessKey RememberedForm(v1::AccessKey key) {
  key.clear_access_key();
  return key;
}

}  // namespace identity
