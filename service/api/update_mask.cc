#include "service/api/update_mask.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/error_details.h"

namespace identity {

absl::StatusOr<UpdatedFields> ResolveUpdateMask(
    const google::protobuf::FieldMask& mask,
    const std::vector<absl::string_view>& mutable_fields,
    const std::vector<absl::string_view>& set_fields) {
  UpdatedFields fields;
  if (mask.paths().empty()) {
    fields.insert(set_fields.begin(), set_fields.end());
  }
  for (const std::string& path : mask.paths()) {
    if (std::find(mutable_fields.begin(), mutable_fields.end(), path) ==
        mutable_fields.end()) {
      return InvalidFieldError(
          "update_mask",
          absl::StrCat("update_mask: \"", path,
                       "\" cannot be updated; mutable fields are ",
                       absl::StrJoin(mutable_fields, ", ")));
    }
    fields.insert(path);
  }
  if (fields.empty()) {
    return InvalidFieldError(
        "update_mask",
        "update_mask: nothing to update; set a field or name it in the mask");
  }
  return fields;
}

}  // namespace identity
