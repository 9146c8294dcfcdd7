// Which fields an Update call writes: the paths of the mask, or,
// without one, every mutable field the request sets.
//
//   ASSIGN_OR_RETURN(UpdatedFields fields,
//       ResolveUpdateMask(request.update_mask(), {"name", "variables"}, set));
//   if (fields.contains("name")) row.name = org.name();
#ifndef IDENTITY_SERVICE_API_UPDATE_MASK_H_
#define IDENTITY_SERVICE_API_UPDATE_MASK_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/field_mask.pb.h"

namespace identity {

using UpdatedFields = absl::flat_hash_set<std::string>;

// INVALID_ARGUMENT naming "update_mask" when a path is not one of
// `mutable_fields`, or when nothing would be updated.
absl::StatusOr<UpdatedFields> ResolveUpdateMask(
    const google::protobuf::FieldMask& mask,
    const std::vector<absl::string_view>& mutable_fields,
    const std::vector<absl::string_view>& set_fields);

}  // namespace identity

#endif  // IDENTITY_SERVICE_API_UPDATE_MASK_H_
