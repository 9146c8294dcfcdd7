// What identityctl prints: a response as pretty JSON with the proto field
// names, and an error as one "error: CODE (REASON): message" line.
//
//   std::cout << *FormatResponse(org);  // {\n "id": "acme", ...}\n
//   std::cerr << FormatError(absl::NotFoundError("org acme"));
//   // error: NOT_FOUND: org acme
//   std::cerr << FormatError(InvalidFieldError("org.id", "org.id is
//   required"));
//   // error: INVALID_ARGUMENT (INVALID_FIELD): org.id is required (fields:
//   // org.id)
#ifndef IDENTITY_CLIENT_CLI_RESPONSE_OUTPUT_H_
#define IDENTITY_CLIENT_CLI_RESPONSE_OUTPUT_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "google/protobuf/message.h"

namespace identity::cli {

// Pretty-printed JSON ending in a newline; "{}" for a message with no field
// set, such as google.protobuf.Empty. INTERNAL if it cannot be rendered.
absl::StatusOr<std::string> FormatResponse(
    const google::protobuf::Message& response);

// "error: <CODE_NAME> (<REASON>): <message> (fields: <f1>, <f2>)", without a
// newline; the reason is left out when it is only the code's name (errors made
// in the CLI itself), the fields when the error named none.
std::string FormatError(const absl::Status& status);

}  // namespace identity::cli

#endif  // IDENTITY_CLIENT_CLI_RESPONSE_OUTPUT_H_
