#include "service/api/audit_summary.h"

#include <algorithm>

namespace identity {

AuditSummary& AuditSummary::Set(absl::string_view key,
                                absl::string_view value) {
  (*summary_.mutable_fields())[std::string(key)].set_string_value(
      std::string(value));
  return *this;
}

AuditSummary& AuditSummary::SetBool(absl::string_view key, bool value) {
  (*summary_.mutable_fields())[std::string(key)].set_bool_value(value);
  return *this;
}

AuditSummary& AuditSummary::SetList(absl::string_view key,
                                    const std::vector<std::string>& values) {
  auto* list =
      (*summary_.mutable_fields())[std::string(key)].mutable_list_value();
  for (const std::string& value : values)
    list->add_values()->set_string_value(value);
  return *this;
}

AuditSummary& AuditSummary::SetFields(const UpdatedFields& fields) {
  std::vector<std::string> sorted(fields.begin(), fields.end());
  std::sort(sorted.begin(), sorted.end());
  return SetList("fields", sorted);
}

}  // namespace identity
