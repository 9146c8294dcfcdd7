#include "service/grpc/status_conversion.h"

#include <string>
#include <vector>

#include "base/error_details.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace identity {
namespace {

// What a client may read of `status`: INTERNAL and UNKNOWN say nothing more.
std::string PublicMessage(const absl::Status& status) {
  if (status.code() == absl::StatusCode::kInternal ||
      status.code() == absl::StatusCode::kUnknown) {
    return "internal error";
  }
  return std::string(status.message());
}

std::string SerializedDetails(const absl::Status& status,
                              const std::string& message) {
  google::rpc::Status details;
  details.set_code(static_cast<int>(status.code()));
  details.set_message(message);

  google::rpc::ErrorInfo info;
  info.set_reason(ErrorReasonOf(status));
  info.set_domain(std::string(kErrorDomain));
  const std::vector<FieldViolation> violations = FieldViolationsOf(status);
  if (!violations.empty()) {
    (*info.mutable_metadata())["field"] = violations.front().field;
  }
  details.add_details()->PackFrom(info);

  if (status.code() == absl::StatusCode::kInvalidArgument &&
      !violations.empty()) {
    google::rpc::BadRequest bad_request;
    for (const FieldViolation& violation : violations) {
      google::rpc::BadRequest::FieldViolation* out =
          bad_request.add_field_violations();
      out->set_field(violation.field);
      out->set_description(violation.description);
    }
    details.add_details()->PackFrom(bad_request);
  }
  return details.SerializeAsString();
}

}  // namespace

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  const std::string message = PublicMessage(status);
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()), message,
                      SerializedDetails(status, message));
}

std::string ErrorReasonOf(const grpc::Status& status) {
  google::rpc::Status details;
  if (status.ok() || !details.ParseFromString(status.error_details())) {
    return "";
  }
  for (const google::protobuf::Any& detail : details.details()) {
    google::rpc::ErrorInfo info;
    if (detail.UnpackTo(&info)) return info.reason();
  }
  return "";
}

}  // namespace identity
