#include "client/cli/resource_flags.h"

#include "absl/strings/str_cat.h"

namespace identity::cli {

absl::Status RequireFieldsToUpdate(const google::protobuf::FieldMask& mask,
                                   absl::string_view field_flags) {
  if (mask.paths().empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("nothing to update: give one of ", field_flags));
  }
  return absl::OkStatus();
}

}  // namespace identity::cli
