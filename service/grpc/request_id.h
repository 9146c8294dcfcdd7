// The request id every call is logged with: the caller's own (x-request-id
// on an identity.v1 call, or in the HTTP request Envoy's Check asks about)
// when it is a harmless token, or a generated one.
//
//   std::string id = IsAcceptableRequestId(sent) ? sent : GenerateRequestId();
#ifndef IDENTITY_SERVICE_GRPC_REQUEST_ID_H_
#define IDENTITY_SERVICE_GRPC_REQUEST_ID_H_

#include <string>

#include "absl/strings/string_view.h"

namespace identity {

// Whether a caller's `id` may go into logs as is: 1 to 128 letters, digits,
// '-', '_', '.' or ':'.
bool IsAcceptableRequestId(absl::string_view id);

// 32 random hex digits.
std::string GenerateRequestId();

}  // namespace identity

#endif  // IDENTITY_SERVICE_GRPC_REQUEST_ID_H_
