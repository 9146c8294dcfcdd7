#include "storage/postgres/row_readers.h"

#include <string>

#include "storage/postgres/sql_values.h"

namespace identity::postgres {
namespace {

// Copies the bytes of a text column, which may hold any character but NUL.
std::string Text(const pqxx::field& field) {
  return std::string(field.c_str(), field.size());
}

}  // namespace

storage::Org ReadOrg(const pqxx::row& row) {
  storage::Org org;
  org.id = Text(row[0]);
  org.name = Text(row[1]);
  org.variables_json = Text(row[2]);
  org.create_time = TimeColumn(row[3]);
  org.update_time = TimeColumn(row[4]);
  org.version = row[5].as<int64_t>();
  return org;
}

storage::Tenant ReadTenant(const pqxx::row& row) {
  storage::Tenant tenant;
  tenant.id = Text(row[0]);
  tenant.org_id = Text(row[1]);
  tenant.name = Text(row[2]);
  tenant.variables_json = Text(row[3]);
  tenant.create_time = TimeColumn(row[4]);
  tenant.update_time = TimeColumn(row[5]);
  tenant.version = row[6].as<int64_t>();
  return tenant;
}

storage::User ReadUser(const pqxx::row& row, int first) {
  storage::User user;
  user.id = Text(row[first]);
  user.tenant_id = Text(row[first + 1]);
  user.org_id = Text(row[first + 2]);
  user.name = Text(row[first + 3]);
  user.email = Text(row[first + 4]);
  user.variables_json = Text(row[first + 5]);
  user.roles = TextArrayColumn(row[first + 6]);
  user.create_time = TimeColumn(row[first + 7]);
  user.update_time = TimeColumn(row[first + 8]);
  user.version = row[first + 9].as<int64_t>();
  user.key = row[first + 10].as<int64_t>();
  user.org_key = row[first + 11].as<int64_t>();
  return user;
}

storage::AccessKey ReadAccessKey(const pqxx::row& row, int first) {
  storage::AccessKey key;
  key.user_id = Text(row[first]);
  key.name = Text(row[first + 1]);
  key.description = Text(row[first + 2]);
  key.key_prefix = Text(row[first + 3]);
  key.create_time = TimeColumn(row[first + 4]);
  key.expire_time = OptionalTimeColumn(row[first + 5]);
  key.last_used_time = OptionalTimeColumn(row[first + 6]);
  key.permission_ceiling = OptionalTextArrayColumn(row[first + 7]);
  key.issuer_id = Text(row[first + 8]);
  if (!row[first + 9].is_null()) key.previous_key_prefix = Text(row[first + 9]);
  key.previous_expire_time = OptionalTimeColumn(row[first + 10]);
  return key;
}

storage::AuditEvent ReadAuditEvent(const pqxx::row& row) {
  storage::AuditEvent event;
  event.id = row[0].as<int64_t>();
  event.time = TimeColumn(row[1]);
  event.actor_id = Text(row[2]);
  event.impersonated_user_id = Text(row[3]);
  event.org_id = Text(row[4]);
  event.method = Text(row[5]);
  event.resource_type = Text(row[6]);
  event.resource_id = Text(row[7]);
  event.peer = Text(row[8]);
  event.summary_json = Text(row[9]);
  event.outcome = Text(row[10]);
  event.claimed_address = Text(row[11]);
  return event;
}

}  // namespace identity::postgres
