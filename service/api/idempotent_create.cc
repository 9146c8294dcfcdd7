#include "service/api/idempotent_create.h"

#include <openssl/sha.h>

#include "absl/strings/str_cat.h"
#include "base/error_details.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"

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
  storage::IdempotencyKey key;
  key.user_key = call.actor().key;
  if (call.impersonating()) key.impersonated_user_key = call.user().key;
  key.org_id = call.actor().org_id;
  key.method = call.method;
  key.request_id = std::string(request_id);
  return key;
}

std::string RequestFingerprint(const google::protobuf::MessageLite& request) {
  // Deterministic, so that a map (a Struct's fields) serializes the same
  // however it was built: a retry must match its first attempt.
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    request.SerializeToCodedStream(&coded);
  }
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
         digest);
  return std::string(reinterpret_cast<const char*>(digest), sizeof(digest));
}

absl::Status CheckReplay(const storage::RememberedResponse& remembered,
                         absl::string_view fingerprint) {
  if (remembered.request_fingerprint == fingerprint) return absl::OkStatus();
  return WithReason(
      InvalidFieldError("request_id",
                        "request_id was used before for a different request; "
                        "a retry must send the same request"),
      ErrorReason::kRequestIdReused);
}

v1::AccessKey RememberedForm(v1::AccessKey key) {
  key.clear_access_key();
  return key;
}

}  // namespace identity
