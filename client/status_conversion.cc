#include "client/status_conversion.h"

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace identity {

absl::Status FromGrpcStatus(const grpc::Status& status) {
  // Both enums are the canonical gRPC codes with the same numbers.
  absl::Status converted(static_cast<absl::StatusCode>(status.error_code()),
                         status.error_message());
  google::rpc::Status details;
  if (converted.ok() || status.error_details().empty() ||
      !details.ParseFromString(status.error_details())) {
    return converted;
  }
  for (const google::protobuf::Any& detail : details.details()) {
    google::rpc::ErrorInfo info;
    google::rpc::BadRequest bad_request;
    if (detail.UnpackTo(&info)) {
      converted = WithReasonName(std::move(converted), info.reason());
    } else if (detail.UnpackTo(&bad_request)) {
      for (const google::rpc::BadRequest::FieldViolation& violation :
           bad_request.field_violations()) {
        converted = WithFieldViolation(std::move(converted), violation.field(),
                                       violation.description());
      }
    }
  }
  return converted;
}

}  // namespace identity
