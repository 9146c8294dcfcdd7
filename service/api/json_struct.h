// google.protobuf.Struct/Value <-> the JSON text the store keeps as jsonb,
// with the size limit.
//
//   ASSIGN_OR_RETURN(std::string json, StructToJson("org.variables", vars));
//   ASSIGN_OR_RETURN(google::protobuf::Struct back, JsonToStruct(json));
#ifndef IDENTITY_SERVICE_API_JSON_STRUCT_H_
#define IDENTITY_SERVICE_API_JSON_STRUCT_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/struct.pb.h"

namespace identity {

// INVALID_ARGUMENT naming `field` when the value holds a NUL character
// (jsonb cannot store one), a number that is not finite, or serializes to
// more than 64 KiB.
absl::StatusOr<std::string> StructToJson(absl::string_view field,
                                         const google::protobuf::Struct& s);
absl::StatusOr<std::string> ValueToJson(absl::string_view field,
                                        const google::protobuf::Value& v);

// INTERNAL when `json` is not a JSON object (the store only holds objects).
absl::StatusOr<google::protobuf::Struct> JsonToStruct(absl::string_view json);

}  // namespace identity

#endif  // IDENTITY_SERVICE_API_JSON_STRUCT_H_
