// The machine-readable details of an error, carried on the absl::Status as
// payloads from where the error is made to where it leaves the process: the
// reason (google.rpc.ErrorInfo) and the bad request fields
// (google.rpc.BadRequest). service/grpc/status_conversion.cc turns them into
// the grpc-status-details-bin trailer; client/status_conversion.cc turns the
// trailer back into them. No gRPC or protobuf here: payloads are strings.
//
//   absl::Status status = InvalidFieldError("org.name", "org.name is too
//   long"); ErrorReasonOf(status);      // "INVALID_FIELD"
//   FieldViolationsOf(status);  // {{"org.name", "org.name is too long"}}
//   status = WithReason(absl::NotFoundError("org o1 does not exist"),
//                       ErrorReason::kOrgNotFound);
#ifndef IDENTITY_BASE_ERROR_DETAILS_H_
#define IDENTITY_BASE_ERROR_DETAILS_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/cord.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "base/error_reason.h"

namespace identity {

// The domain of every ErrorInfo this service sends.
inline constexpr absl::string_view kErrorDomain = "identity";

// One bad field of a request, as in google.rpc.BadRequest.FieldViolation.
struct FieldViolation {
  std::string field;        // Path in the request, e.g. "user.roles".
  std::string description;  // What is wrong, for a person.

  bool operator==(const FieldViolation& other) const {
    return field == other.field && description == other.description;
  }
};

namespace error_details_internal {

inline constexpr absl::string_view kReasonUrl =
    "type.identity/identity.ErrorReason";
inline constexpr absl::string_view kFieldViolationsUrl =
    "type.identity/identity.FieldViolations";

// Field violations travel as lines of "<escaped field>\t<escaped text>".
inline std::vector<FieldViolation> DecodeViolations(const absl::Cord& cord) {
  std::vector<FieldViolation> violations;
  for (absl::string_view line :
       absl::StrSplit(std::string(cord), '\n', absl::SkipEmpty())) {
    std::pair<absl::string_view, absl::string_view> parts =
        absl::StrSplit(line, absl::MaxSplits('\t', 1));
    FieldViolation violation;
    if (!absl::CUnescape(parts.first, &violation.field) ||
        !absl::CUnescape(parts.second, &violation.description)) {
      continue;
    }
    violations.push_back(std::move(violation));
  }
  return violations;
}

}  // namespace error_details_internal

// Returns `status` with `reason` attached, replacing any reason attached
// before. An OK status stays OK.
inline absl::Status WithReason(absl::Status status, ErrorReason reason) {
  if (!status.ok()) {
    status.SetPayload(error_details_internal::kReasonUrl,
                      absl::Cord(ErrorReasonName(reason)));
  }
  return status;
}

// The same with a reason by name, for reasons that arrive from a server.
inline absl::Status WithReasonName(absl::Status status,
                                   absl::string_view reason) {
  if (!status.ok() && !reason.empty()) {
    status.SetPayload(error_details_internal::kReasonUrl, absl::Cord(reason));
  }
  return status;
}

// Returns `status` with one more bad field. An OK status stays OK.
inline absl::Status WithFieldViolation(absl::Status status,
                                       absl::string_view field,
                                       absl::string_view description) {
  if (status.ok()) return status;
  absl::Cord violations;
  if (auto before =
          status.GetPayload(error_details_internal::kFieldViolationsUrl)) {
    violations = *std::move(before);
  }
  violations.Append(absl::StrCat(absl::CEscape(field), "\t",
                                 absl::CEscape(description), "\n"));
  status.SetPayload(error_details_internal::kFieldViolationsUrl,
                    std::move(violations));
  return status;
}

// INVALID_ARGUMENT with `message`, reason INVALID_FIELD and `field` named as
// the bad field: what every field validation returns.
inline absl::Status InvalidFieldError(absl::string_view field,
                                      absl::string_view message) {
  return WithFieldViolation(WithReason(absl::InvalidArgumentError(message),
                                       ErrorReason::kInvalidField),
                            field, message);
}

// The reason attached to `status`, or the default of its code; "" when OK.
inline std::string ErrorReasonOf(const absl::Status& status) {
  if (status.ok()) return "";
  if (auto reason = status.GetPayload(error_details_internal::kReasonUrl)) {
    return std::string(*reason);
  }
  return std::string(ErrorReasonName(DefaultErrorReason(status.code())));
}

// The bad fields attached to `status`, in the order they were attached.
inline std::vector<FieldViolation> FieldViolationsOf(
    const absl::Status& status) {
  auto violations =
      status.GetPayload(error_details_internal::kFieldViolationsUrl);
  if (!violations) return {};
  return error_details_internal::DecodeViolations(*violations);
}

}  // namespace identity

#endif  // IDENTITY_BASE_ERROR_DETAILS_H_
