#include "client/status_conversion.h"

namespace identity {

absl::Status FromGrpcStatus(const grpc::Status& status) {
  // Both enums are the canonical gRPC codes with the same numbers.
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      status.error_message());
}

}  // namespace identity
