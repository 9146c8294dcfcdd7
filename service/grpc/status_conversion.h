// absl::Status -> grpc::Status, in one place. The code is kept; messages of
// INTERNAL and UNKNOWN errors are replaced, so no internal detail reaches a
// client.
#ifndef IDENTITY_SERVICE_GRPC_STATUS_CONVERSION_H_
#define IDENTITY_SERVICE_GRPC_STATUS_CONVERSION_H_

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace identity {

grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace identity

#endif  // IDENTITY_SERVICE_GRPC_STATUS_CONVERSION_H_
