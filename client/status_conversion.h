// grpc::Status -> absl::Status for the client, in one place: every Client
// method returns the server's code and message unchanged.
//
//   grpc::Status rpc_status = stub.GetOrg(&context, request, &org);
//   absl::Status status = identity::FromGrpcStatus(rpc_status);
//   if (absl::IsNotFound(status)) { ... }
#ifndef IDENTITY_CLIENT_STATUS_CONVERSION_H_
#define IDENTITY_CLIENT_STATUS_CONVERSION_H_

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace identity {

// Returns a status with the same canonical code and message. Details attached
// by the server (error_details) are not carried over: this API sends none.
absl::Status FromGrpcStatus(const grpc::Status& status);

}  // namespace identity

#endif  // IDENTITY_CLIENT_STATUS_CONVERSION_H_
