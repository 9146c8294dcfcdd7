// Stored resources -> identity.v1 messages, in one place.
//
//   ASSIGN_OR_RETURN(v1::Org org, ToProto(stored_org));
//   v1::AccessKey key = ToProto(stored_key);  // cannot fail: no JSON in it
#ifndef IDENTITY_SERVICE_API_RESOURCE_CONVERSION_H_
#define IDENTITY_SERVICE_API_RESOURCE_CONVERSION_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"
#include "identity/v1/audit_service.pb.h"
#include "identity/v1/resources.pb.h"
#include "storage/resources.h"

namespace identity {

google::protobuf::Timestamp ToTimestamp(absl::Time time);
absl::Time FromTimestamp(const google::protobuf::Timestamp& timestamp);

absl::StatusOr<v1::Org> ToProto(const storage::Org& org);
absl::StatusOr<v1::Tenant> ToProto(const storage::Tenant& tenant);
absl::StatusOr<v1::User> ToProto(const storage::User& user);
v1::AccessKey ToProto(const storage::AccessKey& key);
absl::StatusOr<v1::AuditEvent> ToProto(const storage::AuditEvent& event);

}  // namespace identity

#endif  // IDENTITY_SERVICE_API_RESOURCE_CONVERSION_H_
