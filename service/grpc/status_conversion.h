// absl::Status -> grpc::Status, in one place. The code is kept; messages of
// INTERNAL and UNKNOWN errors are replaced, so no internal detail reaches a
// client. Every error carries its details (AIP-193) in the
// grpc-status-details-bin trailer, a google.rpc.Status holding a
// google.rpc.ErrorInfo (the reason of base/error_details.h, or its code's
// default; domain "identity") and, when fields were named, a
// google.rpc.BadRequest.
//
//   grpc::Status status = ToGrpcStatus(
//       InvalidFieldError("org.id", "org.id is required"));
//   // status.error_details(): Status{ErrorInfo{INVALID_FIELD}, BadRequest}
//   ErrorReasonOf(status);  // "INVALID_FIELD"
#ifndef IDENTITY_SERVICE_GRPC_STATUS_CONVERSION_H_
#define IDENTITY_SERVICE_GRPC_STATUS_CONVERSION_H_

#include <grpcpp/support/status.h>

#include <string>

#include "absl/status/status.h"

namespace identity {

grpc::Status ToGrpcStatus(const absl::Status& status);

// The reason of the ErrorInfo that ToGrpcStatus put in `status`'s details;
// "" when OK or when it has none.
std::string ErrorReasonOf(const grpc::Status& status);

}  // namespace identity

#endif  // IDENTITY_SERVICE_GRPC_STATUS_CONVERSION_H_
