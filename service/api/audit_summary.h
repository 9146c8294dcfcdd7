// A small builder for the "what changed" part of an audit event.
//
//   AuditSummary().Set("name", org.name).SetList("fields", {"name"}).Build();
#ifndef IDENTITY_SERVICE_API_AUDIT_SUMMARY_H_
#define IDENTITY_SERVICE_API_AUDIT_SUMMARY_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "google/protobuf/struct.pb.h"
#include "service/api/update_mask.h"

namespace identity {

class AuditSummary {
 public:
  AuditSummary& Set(absl::string_view key, absl::string_view value);
  AuditSummary& SetBool(absl::string_view key, bool value);
  AuditSummary& SetList(absl::string_view key,
                        const std::vector<std::string>& values);
  // The updated field names, sorted.
  AuditSummary& SetFields(const UpdatedFields& fields);

  const google::protobuf::Struct& Build() const { return summary_; }

 private:
  google::protobuf::Struct summary_;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_API_AUDIT_SUMMARY_H_
