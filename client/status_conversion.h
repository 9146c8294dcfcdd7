// grpc::Status -> absl::Status for the client, in one place: every Client
// method returns the server's code and message unchanged, and keeps the
// error details the server sent (google.rpc.ErrorInfo's reason,
// google.rpc.BadRequest's fields) as payloads, read with base/error_details.h.
//
//   grpc::Status rpc_status = stub.GetOrg(&context, request, &org);
//   absl::Status status = identity::FromGrpcStatus(rpc_status);
//   if (identity::ErrorReasonOf(status) == "ORG_NOT_FOUND") { ... }
//   for (const identity::FieldViolation& bad : FieldViolationsOf(status)) {}
#ifndef IDENTITY_CLIENT_STATUS_CONVERSION_H_
#define IDENTITY_CLIENT_STATUS_CONVERSION_H_

#include <grpcpp/support/status.h>

#include "absl/status/status.h"
#include "base/error_details.h"

namespace identity {

// Returns a status with the same canonical code and message, carrying the
// reason and bad fields of the server's error details when it sent any.
absl::Status FromGrpcStatus(const grpc::Status& status);

}  // namespace identity

#endif  // IDENTITY_CLIENT_STATUS_CONVERSION_H_
