#include "service/api/json_struct.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "base/error_details.h"
#include "google/protobuf/util/json_util.h"
#include "service/api/field_validation.h"

namespace identity {
namespace {

using google::protobuf::Struct;
using google::protobuf::Value;

bool HasNul(absl::string_view text) {
  return text.find('\0') != absl::string_view::npos;
}

// The serializer would accept what jsonb later refuses, so check first.
absl::Status CheckStorable(absl::string_view field, const Value& value);

absl::Status CheckStorable(absl::string_view field, const Struct& s) {
  for (const auto& [key, value] : s.fields()) {
    if (HasNul(key)) {
      return InvalidFieldError(
          field, absl::StrCat(field, " must not contain NUL characters"));
    }
    if (absl::Status status = CheckStorable(field, value); !status.ok()) {
      return status;
    }
  }
  return absl::OkStatus();
}

absl::Status CheckStorable(absl::string_view field, const Value& value) {
  switch (value.kind_case()) {
    case Value::kNumberValue:
      if (!std::isfinite(value.number_value())) {
        return InvalidFieldError(
            field, absl::StrCat(field, " holds a number that is not finite"));
      }
      return absl::OkStatus();
    case Value::kStringValue:
      if (HasNul(value.string_value())) {
        return InvalidFieldError(
            field, absl::StrCat(field, " must not contain NUL characters"));
      }
      return absl::OkStatus();
    case Value::kStructValue:
      return CheckStorable(field, value.struct_value());
    case Value::kListValue:
      for (const Value& item : value.list_value().values()) {
        if (absl::Status status = CheckStorable(field, item); !status.ok()) {
          return status;
        }
      }
      return absl::OkStatus();
    case Value::KIND_NOT_SET:
      return InvalidFieldError(
          field, absl::StrCat(field, " holds a value with no kind set"));
    default:
      return absl::OkStatus();
  }
}

template <typename Message>
absl::StatusOr<std::string> ToJson(absl::string_view field,
                                   const Message& message) {
  if (absl::Status status = CheckStorable(field, message); !status.ok()) {
    return status;
  }
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(message, &json).ok()) {
    return InvalidFieldError(field,
                             absl::StrCat(field, " cannot be written as JSON"));
  }
  if (json.size() > kMaxJsonBytes) {
    return InvalidFieldError(
        field, absl::StrCat(field, " is larger than ", kMaxJsonBytes,
                            " bytes serialized"));
  }
  return json;
}

}  // namespace

absl::StatusOr<std::string> StructToJson(absl::string_view field,
                                         const Struct& s) {
  return ToJson(field, s);
}

absl::StatusOr<std::string> ValueToJson(absl::string_view field,
                                        const Value& v) {
  return ToJson(field, v);
}

absl::StatusOr<Struct> JsonToStruct(absl::string_view json) {
  Struct result;
  if (!google::protobuf::util::JsonStringToMessage(
           google::protobuf::StringPiece(json.data(), json.size()), &result)
           .ok()) {
    return absl::InternalError("stored JSON is not an object");
  }
  return result;
}

}  // namespace identity
