#include "storage/postgres/sql_values.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace identity::postgres {

SqlParam::SqlParam(int value) : text_(absl::StrCat(value)) {}

SqlParam::SqlParam(int64_t value) : text_(absl::StrCat(value)) {}

SqlParam::SqlParam(absl::Time time)
    : text_(absl::StrCat(absl::ToUnixMicros(time))) {}

SqlParam::SqlParam(const std::optional<int64_t>& value) {
  if (value.has_value()) text_ = absl::StrCat(*value);
}

SqlParam::SqlParam(const std::optional<absl::Time>& time) {
  if (time.has_value()) text_ = absl::StrCat(absl::ToUnixMicros(*time));
}

SqlParam::SqlParam(const std::vector<std::string>& elements) {
  // Every element is quoted, so none can be mistaken for NULL or a delimiter;
  // inside quotes only '"' and '\' need escaping.
  std::string literal = "{";
  for (size_t i = 0; i < elements.size(); ++i) {
    if (i > 0) literal += ',';
    literal += '"';
    for (char c : elements[i]) {
      if (c == '"' || c == '\\') literal += '\\';
      literal += c;
    }
    literal += '"';
  }
  literal += '}';
  text_ = std::move(literal);
}

SqlParam::SqlParam(const std::optional<std::vector<std::string>>& elements) {
  if (elements.has_value()) text_ = SqlParam(*elements).text_;
}

absl::Time TimeColumn(const pqxx::field& field) {
  return absl::FromUnixMicros(field.as<int64_t>());
}

std::optional<absl::Time> OptionalTimeColumn(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return TimeColumn(field);
}

std::vector<std::string> TextArrayColumn(const pqxx::field& field) {
  std::vector<std::string> elements;
  pqxx::array_parser parser = field.as_array();
  while (true) {
    auto [juncture, value] = parser.get_next();
    if (juncture == pqxx::array_parser::done) break;
    if (juncture == pqxx::array_parser::string_value) {
      elements.push_back(std::move(value));
    }
  }
  return elements;
}

std::optional<std::vector<std::string>> OptionalTextArrayColumn(
    const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return TextArrayColumn(field);
}

}  // namespace identity::postgres
