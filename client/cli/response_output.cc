#include "client/cli/response_output.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/error_details.h"
#include "google/protobuf/util/json_util.h"

namespace identity::cli {

absl::StatusOr<std::string> FormatResponse(
    const google::protobuf::Message& response) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  std::string json;
  if (auto status =
          google::protobuf::util::MessageToJsonString(response, &json, options);
      !status.ok()) {
    return absl::InternalError(absl::StrCat("cannot render the response: ",
                                            std::string(status.message())));
  }
  return json;
}

std::string FormatError(const absl::Status& status) {
  const std::string code = absl::StatusCodeToString(status.code());
  std::string line = absl::StrCat("error: ", code);
  // A reason that only repeats the code tells the reader nothing more.
  if (const std::string reason = ErrorReasonOf(status); reason != code) {
    absl::StrAppend(&line, " (", reason, ")");
  }
  absl::StrAppend(&line, ": ", status.message());
  std::vector<std::string> fields;
  for (const FieldViolation& violation : FieldViolationsOf(status)) {
    fields.push_back(violation.field);
  }
  if (!fields.empty()) {
    absl::StrAppend(&line, " (fields: ", absl::StrJoin(fields, ", "), ")");
  }
  return line;
}

}  // namespace identity::cli
