// An update_mask arrives as a serialized FieldMask: resolving any of them
// against a resource's fields must end in a set of mutable fields or
// INVALID_ARGUMENT.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "google/protobuf/field_mask.pb.h"
#include "service/api/update_mask.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  google::protobuf::FieldMask mask;
  if (!mask.ParseFromArray(data, static_cast<int>(size))) return 0;
  // The fields of User, the resource with the most of them.
  const std::vector<absl::string_view> mutable_fields = {"name", "email",
                                                         "variables", "roles"};
  const std::vector<absl::string_view> set_fields = {"name", "roles"};
  absl::StatusOr<identity::UpdatedFields> fields =
      identity::ResolveUpdateMask(mask, mutable_fields, set_fields);
  if (!fields.ok()) {
    if (!absl::IsInvalidArgument(fields.status())) std::abort();
    return 0;
  }
  for (const std::string& field : *fields) {
    bool known = false;
    for (absl::string_view name : mutable_fields) known |= field == name;
    if (!known) std::abort();
  }
  return 0;
}
