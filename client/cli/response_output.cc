#include "client/cli/response_output.h"

#include "absl/strings/str_cat.h"
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
  return absl::StrCat("error: ", absl::StatusCodeToString(status.code()), ": ",
                      status.message());
}

}  // namespace identity::cli
