#include "service/api/resource_conversion.h"

#include "base/status_macros.h"
#include "service/api/etag.h"
#include "service/api/json_struct.h"

namespace identity {

google::protobuf::Timestamp ToTimestamp(absl::Time time) {
  const int64_t nanos = absl::ToUnixNanos(time);
  google::protobuf::Timestamp timestamp;
  timestamp.set_seconds(nanos / 1'000'000'000);
  timestamp.set_nanos(static_cast<int32_t>(nanos % 1'000'000'000));
  if (timestamp.nanos() < 0) {
    timestamp.set_seconds(timestamp.seconds() - 1);
    timestamp.set_nanos(timestamp.nanos() + 1'000'000'000);
  }
  return timestamp;
}

absl::Time FromTimestamp(const google::protobuf::Timestamp& timestamp) {
  return absl::FromUnixSeconds(timestamp.seconds()) +
         absl::Nanoseconds(timestamp.nanos());
}

absl::StatusOr<v1::Org> ToProto(const storage::Org& org) {
  v1::Org result;
  result.set_id(org.id);
  result.set_name(org.name);
  ASSIGN_OR_RETURN(*result.mutable_variables(),
                   JsonToStruct(org.variables_json));
  *result.mutable_create_time() = ToTimestamp(org.create_time);
  *result.mutable_update_time() = ToTimestamp(org.update_time);
  result.set_etag(EtagOf(org.version));
  return result;
}

absl::StatusOr<v1::Tenant> ToProto(const storage::Tenant& tenant) {
  v1::Tenant result;
  result.set_id(tenant.id);
  result.set_name(tenant.name);
  result.set_org_id(tenant.org_id);
  ASSIGN_OR_RETURN(*result.mutable_variables(),
                   JsonToStruct(tenant.variables_json));
  *result.mutable_create_time() = ToTimestamp(tenant.create_time);
  *result.mutable_update_time() = ToTimestamp(tenant.update_time);
  result.set_etag(EtagOf(tenant.version));
  return result;
}

absl::StatusOr<v1::User> ToProto(const storage::User& user) {
  v1::User result;
  result.set_id(user.id);
  result.set_name(user.name);
  result.set_email(user.email);
  result.set_tenant_id(user.tenant_id);
  result.set_org_id(user.org_id);
  ASSIGN_OR_RETURN(*result.mutable_variables(),
                   JsonToStruct(user.variables_json));
  for (const std::string& role : user.roles) result.add_roles(role);
  *result.mutable_create_time() = ToTimestamp(user.create_time);
  *result.mutable_update_time() = ToTimestamp(user.update_time);
  result.set_etag(EtagOf(user.version));
  return result;
}

v1::AccessKey ToProto(const storage::AccessKey& key) {
  v1::AccessKey result;
  result.set_name(key.name);
  result.set_description(key.description);
  result.set_user_id(key.user_id);
  result.set_key_prefix(key.key_prefix);
  *result.mutable_create_time() = ToTimestamp(key.create_time);
  if (key.expire_time) {
    *result.mutable_expire_time() = ToTimestamp(*key.expire_time);
  }
  if (key.last_used_time) {
    *result.mutable_last_used_time() = ToTimestamp(*key.last_used_time);
  }
  if (key.permission_ceiling) {
    for (const std::string& permission : *key.permission_ceiling) {
      result.mutable_permission_ceiling()->add_permissions(permission);
    }
  }
  result.set_issuer_id(key.issuer_id);
  result.set_previous_key_prefix(key.previous_key_prefix);
  if (key.previous_expire_time) {
    *result.mutable_previous_expire_time() =
        ToTimestamp(*key.previous_expire_time);
  }
  return result;
}

absl::StatusOr<v1::AuditEvent> ToProto(const storage::AuditEvent& event) {
  v1::AuditEvent result;
  result.set_id(event.id);
  *result.mutable_time() = ToTimestamp(event.time);
  result.set_actor_id(event.actor_id);
  result.set_impersonated_user_id(event.impersonated_user_id);
  result.set_org_id(event.org_id);
  result.set_method(event.method);
  result.set_resource_type(event.resource_type);
  result.set_resource_id(event.resource_id);
  result.set_peer(event.peer);
  result.set_claimed_address(event.claimed_address);
  ASSIGN_OR_RETURN(*result.mutable_summary(), JsonToStruct(event.summary_json));
  result.set_outcome(event.outcome);
  return result;
}

}  // namespace identity
