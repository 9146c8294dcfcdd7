#include "storage/postgres/statements.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace identity::postgres {
namespace {

// A create's statement: `ctes`, which insert the row as `created` (INSERT
// ... RETURNING), then the row's audit event, then the row. $1..$7 are the
// event's, as CreationAuditParams lists them (no event when $1 is NULL);
// the row's parameters follow. `org_of_row` is the created row's org.
std::string CreatedAndAudited(absl::string_view ctes,
                              absl::string_view org_of_row) {
  return absl::StrCat("  WITH ", ctes, R"sql(, audited AS (
    INSERT INTO audit_events (actor_id, impersonated_user_id, org_id, method,
                              resource_type, resource_id, peer, summary,
                              outcome)
    SELECT $1, $2, )sql",
                      org_of_row, R"sql(, $3, $4, created.id, $5, $6::jsonb, $7
    FROM created WHERE $1::text IS NOT NULL
  )
  SELECT * FROM created
)sql");
}

}  // namespace

// Orgs. Columns: id, name, variables, create_time, update_time, version.

// The org and its audit event in one round trip; the org from $8 on.
const std::string kInsertOrgSql = CreatedAndAudited(R"sql(
  created AS (
    INSERT INTO orgs (id, name, variables) VALUES ($8, $9, $10::jsonb)
    RETURNING id, name, variables::text,
              identity_micros(create_time) AS create_micros,
              identity_micros(update_time) AS update_micros, version
  ))sql",
                                                    "created.id");
const Statement kInsertOrg{"insert_org", kInsertOrgSql.c_str()};

const Statement kGetOrg{"get_org", R"sql(
  SELECT id, name, variables::text, identity_micros(create_time),
         identity_micros(update_time), version
  FROM orgs WHERE id = $1
)sql"};

const Statement kGetOrgForUpdate{"get_org_for_update", R"sql(
  SELECT id, name, variables::text, identity_micros(create_time),
         identity_micros(update_time), version
  FROM orgs WHERE id = $1
  FOR UPDATE
)sql"};

const Statement kUpdateOrg{"update_org", R"sql(
  UPDATE orgs
  SET name = $2, variables = $3::jsonb, version = version + 1,
      update_time = now()
  WHERE id = $1 AND version = $4
  RETURNING id, name, variables::text, identity_micros(create_time),
            identity_micros(update_time), version
)sql"};

const Statement kOrgExists{"org_exists", R"sql(
  SELECT EXISTS (SELECT 1 FROM orgs WHERE id = $1)
)sql"};

const Statement kLockTenantsOfOrg{"lock_tenants_of_org", R"sql(
  SELECT id FROM tenants WHERE org_id = $1 FOR UPDATE
)sql"};

const Statement kDeleteAccessKeysOfOrg{"delete_access_keys_of_org", R"sql(
  DELETE FROM access_keys
  WHERE user_id IN (SELECT id FROM users WHERE org_id = $1)
)sql"};

const Statement kDeleteConfigsOfOrg{"delete_configs_of_org", R"sql(
  DELETE FROM user_configs
  WHERE user_id IN (SELECT id FROM users WHERE org_id = $1)
)sql"};

const Statement kDeleteUsersOfOrg{"delete_users_of_org", R"sql(
  DELETE FROM users WHERE org_id = $1
)sql"};

const Statement kDeleteTenantsOfOrg{"delete_tenants_of_org", R"sql(
  DELETE FROM tenants WHERE org_id = $1
)sql"};

const Statement kDeleteOrg{"delete_org", R"sql(
  DELETE FROM orgs WHERE id = $1
)sql"};

const Statement kListOrgs{"list_orgs", R"sql(
  SELECT id, name, variables::text, identity_micros(create_time),
         identity_micros(update_time), version
  FROM orgs WHERE id > $1
  ORDER BY id LIMIT $2
)sql"};

const Statement kListOrgsById{"list_orgs_by_id", R"sql(
  SELECT id, name, variables::text, identity_micros(create_time),
         identity_micros(update_time), version
  FROM orgs WHERE id = $1 AND id > $2
  ORDER BY id LIMIT $3
)sql"};

// Tenants. Columns: id, org_id, name, variables, create_time, update_time,
// version.

// The tenant and its audit event in one round trip; the tenant from $8 on.
const std::string kInsertTenantSql = CreatedAndAudited(R"sql(
  created AS (
    INSERT INTO tenants (id, org_id, name, variables)
    VALUES ($8, $9, $10, $11::jsonb)
    RETURNING id, org_id, name, variables::text,
              identity_micros(create_time) AS create_micros,
              identity_micros(update_time) AS update_micros, version
  ))sql",
                                                       "created.org_id");
const Statement kInsertTenant{"insert_tenant", kInsertTenantSql.c_str()};

const Statement kGetTenant{"get_tenant", R"sql(
  SELECT id, org_id, name, variables::text, identity_micros(create_time),
         identity_micros(update_time), version
  FROM tenants WHERE id = $1
)sql"};

const Statement kGetTenantForUpdate{"get_tenant_for_update", R"sql(
  SELECT id, org_id, name, variables::text, identity_micros(create_time),
         identity_micros(update_time), version
  FROM tenants WHERE id = $1
  FOR UPDATE
)sql"};

const Statement kUpdateTenant{"update_tenant", R"sql(
  UPDATE tenants
  SET name = $2, variables = $3::jsonb, version = version + 1,
      update_time = now()
  WHERE id = $1 AND version = $4
  RETURNING id, org_id, name, variables::text, identity_micros(create_time),
            identity_micros(update_time), version
)sql"};

const Statement kTenantExists{"tenant_exists", R"sql(
  SELECT EXISTS (SELECT 1 FROM tenants WHERE id = $1)
)sql"};

const Statement kDeleteAccessKeysOfTenant{"delete_access_keys_of_tenant",
                                          R"sql(
  DELETE FROM access_keys
  WHERE user_id IN (SELECT id FROM users WHERE tenant_id = $1)
)sql"};

const Statement kDeleteConfigsOfTenant{"delete_configs_of_tenant", R"sql(
  DELETE FROM user_configs
  WHERE user_id IN (SELECT id FROM users WHERE tenant_id = $1)
)sql"};

const Statement kDeleteUsersOfTenant{"delete_users_of_tenant", R"sql(
  DELETE FROM users WHERE tenant_id = $1
)sql"};

const Statement kDeleteTenant{"delete_tenant", R"sql(
  DELETE FROM tenants WHERE id = $1
)sql"};

const Statement kListTenants{"list_tenants", R"sql(
  SELECT id, org_id, name, variables::text, identity_micros(create_time),
         identity_micros(update_time), version
  FROM tenants WHERE org_id = $1 AND id > $2
  ORDER BY id LIMIT $3
)sql"};

// Users. Columns: id, tenant_id, org_id, name, email, variables, roles,
// create_time, update_time, version, user_key, and the org_key of the org.

// One statement, so one round trip, for what a create used to send as
// three: the tenant's org ($10 '': whichever it is; else the tenant must be
// in org $10, which the (tenant_id, org_id) foreign key also enforces), the
// row ($8 on), and its audit event. No tenant: no row.
const std::string kInsertUserSql = CreatedAndAudited(R"sql(
  tenant AS (
    SELECT org_id FROM tenants WHERE id = $9 AND ($10 = '' OR org_id = $10)
  ), created AS (
    INSERT INTO users (id, tenant_id, org_id, name, email, variables, roles)
    SELECT $8, $9, tenant.org_id, $11, $12, $13::jsonb, $14::text[]
    FROM tenant
    RETURNING id, tenant_id, org_id, name, email, variables::text,
              roles, identity_micros(create_time) AS create_micros,
              identity_micros(update_time) AS update_micros, version,
              user_key,
              (SELECT org_key FROM orgs WHERE orgs.id = users.org_id)
                AS org_key
  ))sql",
                                                     "created.org_id");
const Statement kInsertUser{"insert_user", kInsertUserSql.c_str()};

const Statement kGetUser{"get_user", R"sql(
  SELECT id, tenant_id, org_id, name, email, variables::text, roles,
         identity_micros(create_time), identity_micros(update_time), version,
         user_key, (SELECT org_key FROM orgs WHERE orgs.id = users.org_id)
  FROM users WHERE id = $1
)sql"};

const Statement kGetUserForUpdate{"get_user_for_update", R"sql(
  SELECT id, tenant_id, org_id, name, email, variables::text, roles,
         identity_micros(create_time), identity_micros(update_time), version,
         user_key, (SELECT org_key FROM orgs WHERE orgs.id = users.org_id)
  FROM users WHERE id = $1
  FOR UPDATE
)sql"};

const Statement kUpdateUser{"update_user", R"sql(
  UPDATE users
  SET name = $2, email = $3, variables = $4::jsonb, roles = $5::text[],
      version = version + 1, update_time = now()
  WHERE id = $1 AND version = $6
  RETURNING id, tenant_id, org_id, name, email, variables::text, roles,
            identity_micros(create_time), identity_micros(update_time),
            version, user_key,
            (SELECT org_key FROM orgs WHERE orgs.id = users.org_id)
)sql"};

const Statement kUserExists{"user_exists", R"sql(
  SELECT EXISTS (SELECT 1 FROM users WHERE id = $1)
)sql"};

const Statement kDeleteUser{"delete_user", R"sql(
  DELETE FROM users WHERE id = $1
)sql"};

// A list is driven by the most selective filter it has, each through its own
// index, so that a page costs the same however large the table grows.

const Statement kListUsers{"list_users", R"sql(
  SELECT id, tenant_id, org_id, name, email, variables::text, roles,
         identity_micros(create_time), identity_micros(update_time), version,
         user_key, (SELECT org_key FROM orgs WHERE orgs.id = users.org_id)
  FROM users WHERE id > $1
  ORDER BY id LIMIT $2
)sql"};

const Statement kListUsersById{"list_users_by_id", R"sql(
  SELECT id, tenant_id, org_id, name, email, variables::text, roles,
         identity_micros(create_time), identity_micros(update_time), version,
         user_key, (SELECT org_key FROM orgs WHERE orgs.id = users.org_id)
  FROM users
  WHERE id = $1 AND id > $2
    AND ($3 = '' OR org_id = $3) AND ($4 = '' OR tenant_id = $4)
  ORDER BY id LIMIT $5
)sql"};

const Statement kListUsersByTenant{"list_users_by_tenant", R"sql(
  SELECT id, tenant_id, org_id, name, email, variables::text, roles,
         identity_micros(create_time), identity_micros(update_time), version,
         user_key, (SELECT org_key FROM orgs WHERE orgs.id = users.org_id)
  FROM users
  WHERE tenant_id = $1 AND id > $2 AND ($3 = '' OR org_id = $3)
  ORDER BY id LIMIT $4
)sql"};

const Statement kListUsersByOrg{"list_users_by_org", R"sql(
  SELECT id, tenant_id, org_id, name, email, variables::text, roles,
         identity_micros(create_time), identity_micros(update_time), version,
         user_key, (SELECT org_key FROM orgs WHERE orgs.id = users.org_id)
  FROM users WHERE org_id = $1 AND id > $2
  ORDER BY id LIMIT $3
)sql"};

// As the tenant's list above, each row locked: under READ COMMITTED a row a
// concurrent transaction changed is read again, as committed, once locked.
const Statement kListUsersOfTenantForUpdate{"list_users_of_tenant_for_update",
                                            R"sql(
  SELECT id, tenant_id, org_id, name, email, variables::text, roles,
         identity_micros(create_time), identity_micros(update_time), version,
         user_key, (SELECT org_key FROM orgs WHERE orgs.id = users.org_id)
  FROM users
  WHERE tenant_id = $1 AND id > $2
  ORDER BY id LIMIT $3
  FOR UPDATE
)sql"};

// Sets the keys of $2, then removes the keys listed in $3, unless the result
// would be larger than $4 bytes as JSON text or hold more than $5 keys: then
// nothing is written and no row returned. The merge and the check are one
// statement on the stored row, so the old config never travels to the
// server and a concurrent merge cannot slip between check and write. The
// user's row is share-locked so that a concurrent delete makes this find no
// user rather than trip the foreign key.
const Statement kMergeUserConfig{"merge_user_config", R"sql(
  WITH target AS (SELECT id FROM users WHERE id = $1 FOR KEY SHARE)
  INSERT INTO user_configs AS c (user_id, config)
  SELECT id, $2::jsonb - $3::text[] FROM target
  WHERE octet_length(($2::jsonb - $3::text[])::text) <= $4
    AND (SELECT count(*) FROM jsonb_object_keys($2::jsonb - $3::text[])) <= $5
  ON CONFLICT (user_id) DO UPDATE
  SET config = (c.config || $2::jsonb) - $3::text[]
  WHERE octet_length(((c.config || $2::jsonb) - $3::text[])::text) <= $4
    AND (SELECT count(*)
         FROM jsonb_object_keys((c.config || $2::jsonb) - $3::text[])) <= $5
  RETURNING config::text
)sql"};

const Statement kGetUserConfig{"get_user_config", R"sql(
  SELECT coalesce(c.config, '{}'::jsonb)::text
  FROM users u LEFT JOIN user_configs c ON c.user_id = u.id
  WHERE u.id = $1
)sql"};

const Statement kHasUserWithRole{"has_user_with_role", R"sql(
  SELECT EXISTS (SELECT 1 FROM users WHERE $1 = ANY (roles))
)sql"};

// Access keys. Columns: user_id, name, description, key_prefix, create_time,
// expire_time, last_used_time, permission_ceiling, issuer_id,
// previous_key_prefix, previous_expire_time.

const Statement kInsertAccessKey{"insert_access_key", R"sql(
  INSERT INTO access_keys
    (key_hash, user_id, name, description, key_prefix, expire_time,
     permission_ceiling, issuer_id)
  VALUES ($1, $2, $3, $4, $5, identity_time($6), $7::text[], $8)
  RETURNING user_id, name, description, key_prefix,
            identity_micros(create_time), identity_micros(expire_time),
            identity_micros(last_used_time), permission_ceiling,
            coalesce(issuer_id, ''), previous_key_prefix,
            identity_micros(previous_expire_time)
)sql"};

const Statement kListAccessKeys{"list_access_keys", R"sql(
  SELECT user_id, name, description, key_prefix, identity_micros(create_time),
         identity_micros(expire_time), identity_micros(last_used_time),
         permission_ceiling, coalesce(issuer_id, ''), previous_key_prefix,
         identity_micros(previous_expire_time)
  FROM access_keys WHERE user_id = $1 AND name > $2
  ORDER BY name LIMIT $3
)sql"};

// Served by the (user_id, name) unique index.
const Statement kCountAccessKeysOfUser{"count_access_keys_of_user", R"sql(
  SELECT count(*) FROM access_keys WHERE user_id = $1
)sql"};

const Statement kLockAccessKeysByName{"lock_access_keys_by_name", R"sql(
  SELECT name FROM access_keys
  WHERE user_id = $1 AND name = ANY ($2::text[])
  FOR UPDATE
)sql"};

// $3 and $4 are the new secret's hash and prefix, $5 the grace period of
// the replaced one in microseconds.
const Statement kRotateAccessKey{"rotate_access_key", R"sql(
  UPDATE access_keys
  SET previous_key_hash = key_hash, previous_key_prefix = key_prefix,
      previous_expire_time = now() + $5::int8 * interval '1 microsecond',
      key_hash = $3, key_prefix = $4
  WHERE user_id = $1 AND name = $2
  RETURNING user_id, name, description, key_prefix,
            identity_micros(create_time), identity_micros(expire_time),
            identity_micros(last_used_time), permission_ceiling,
            coalesce(issuer_id, ''), previous_key_prefix,
            identity_micros(previous_expire_time)
)sql"};

const Statement kDeleteAccessKeysByName{"delete_access_keys_by_name", R"sql(
  DELETE FROM access_keys WHERE user_id = $1 AND name = ANY ($2::text[])
)sql"};

// The key's columns, the user's, then when the secret of $1 stops working
// (the key's expiry, or for a replaced secret its grace's end if earlier;
// least() ignores NULL), and whether $1 is such a replaced secret.
const Statement kFindCredential{"find_credential", R"sql(
  SELECT k.user_id, k.name, k.description, k.key_prefix,
         identity_micros(k.create_time), identity_micros(k.expire_time),
         identity_micros(k.last_used_time), k.permission_ceiling,
         coalesce(k.issuer_id, ''), k.previous_key_prefix,
         identity_micros(k.previous_expire_time),
         u.id, u.tenant_id, u.org_id, u.name, u.email, u.variables::text,
         u.roles, identity_micros(u.create_time),
         identity_micros(u.update_time), u.version, u.user_key, o.org_key,
         CASE WHEN k.key_hash = $1 THEN identity_micros(k.expire_time)
              ELSE identity_micros(least(k.expire_time,
                                         k.previous_expire_time))
         END AS secret_expire_time,
         k.key_hash <> $1 AS secret_superseded
  FROM access_keys k JOIN users u ON u.id = k.user_id
       JOIN orgs o ON o.id = u.org_id
  WHERE k.key_hash = $1
     OR (k.previous_key_hash = $1 AND k.previous_expire_time > now())
)sql"};

// $1 are key hashes and $2 the times (in microseconds) they were used; a key
// is written only when that raises its last_used_time.
const Statement kRecordKeyUses{"record_key_uses", R"sql(
  UPDATE access_keys AS k SET last_used_time = identity_time(u.micros)
  FROM (SELECT key_hash, max(micros) AS micros
        FROM unnest($1::text[], $2::int8[]) AS use (key_hash, micros)
        GROUP BY key_hash) AS u
  WHERE (k.key_hash = u.key_hash OR k.previous_key_hash = u.key_hash)
    AND (k.last_used_time IS NULL
         OR k.last_used_time < identity_time(u.micros))
)sql"};

// Remembered responses of creates (migration 0008). $1: the caller's
// user_key, $2: the impersonated user's (NULL: none), $3: the caller's org,
// $4: method, $5: request_id; fingerprints and responses travel as hex
// text, since a serialized message may hold NUL bytes. The window is the
// same 24 hours as storage::kIdempotencyWindow.
const Statement kFindIdempotentResponse{"find_idempotent_response", R"sql(
  SELECT encode(request_fingerprint, 'hex'), encode(response, 'hex')
  FROM idempotent_requests
  WHERE user_key = $1 AND impersonated_user_key IS NOT DISTINCT FROM $2
    AND org_id = $3 AND method = $4 AND request_id = $5
    AND created_at > now() - interval '24 hours'
)sql"};

// $6: the request's fingerprint, $7: the response, both hex. An expired row
// of the same key is replaced; no row comes back when a live one exists. A
// user deleted meanwhile fails the foreign key (NOT_FOUND).
const Statement kRememberIdempotentResponse{"remember_idempotent_response",
                                            R"sql(
  INSERT INTO idempotent_requests AS r
    (user_key, impersonated_user_key, org_id, method, request_id,
     request_fingerprint, response)
  VALUES ($1, $2, $3, $4, $5, decode($6, 'hex'), decode($7, 'hex'))
  ON CONFLICT (user_key, impersonated_user_key, method, request_id)
  DO UPDATE SET org_id = EXCLUDED.org_id,
                request_fingerprint = EXCLUDED.request_fingerprint,
                response = EXCLUDED.response, created_at = now()
    WHERE r.created_at <= now() - interval '24 hours'
  RETURNING 1
)sql"};

// A bounded number per create, so that no single call pays for a backlog.
const Statement kForgetExpiredIdempotentResponses{
    "forget_expired_idempotent_responses", R"sql(
  DELETE FROM idempotent_requests WHERE ctid IN (
    SELECT ctid FROM idempotent_requests
    WHERE created_at <= now() - interval '24 hours'
    ORDER BY created_at LIMIT 16
    FOR UPDATE SKIP LOCKED)
)sql"};

// The audit trail, newest first. Columns: id, time, actor_id,
// impersonated_user_id, org_id, method, resource_type, resource_id, peer,
// summary, outcome, claimed_address.

// $10: the org_key resolved when the event happened, or NULL (migration
// 0008); $11: the address a Check claimed (migration 0009).
const Statement kAppendAuditEvent{"append_audit_event", R"sql(
  INSERT INTO audit_events (actor_id, impersonated_user_id, org_id, method,
                            resource_type, resource_id, peer, summary,
                            outcome, org_key, claimed_address)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11)
)sql"};

// $1: before this id (always given, so that it bounds the index scan); $2,
// $3: the time range (NULL: open); $4: actor or impersonated user; $5:
// resource type; $6: resource id ('' matches all); $7: limit.
const Statement kListAuditEvents{"list_audit_events", R"sql(
  SELECT id, identity_micros(time), actor_id, impersonated_user_id, org_id,
         method, resource_type, resource_id, peer, summary::text, outcome,
         claimed_address
  FROM audit_events
  WHERE id < $1
    AND ($2::int8 IS NULL OR time >= identity_time($2))
    AND ($3::int8 IS NULL OR time < identity_time($3))
    AND ($4 = '' OR actor_id = $4 OR impersonated_user_id = $4)
    AND ($5 = '' OR resource_type = $5)
    AND ($6 = '' OR resource_id = $6)
  ORDER BY id DESC LIMIT $7
)sql"};

// As above, of the org that has the id $8 now: through its org_key, so never
// the events of an earlier org of that id (migration 0004).
const Statement kListAuditEventsOfOrg{"list_audit_events_of_org", R"sql(
  SELECT id, identity_micros(time), actor_id, impersonated_user_id, org_id,
         method, resource_type, resource_id, peer, summary::text, outcome,
         claimed_address
  FROM audit_events
  WHERE org_key = (SELECT org_key FROM orgs WHERE id = $8)
    AND id < $1
    AND ($2::int8 IS NULL OR time >= identity_time($2))
    AND ($3::int8 IS NULL OR time < identity_time($3))
    AND ($4 = '' OR actor_id = $4 OR impersonated_user_id = $4)
    AND ($5 = '' OR resource_type = $5)
    AND ($6 = '' OR resource_id = $6)
  ORDER BY id DESC LIMIT $7
)sql"};

void PrepareStatements(pqxx::connection& connection) {
  for (const Statement* statement : {
           &kInsertOrg,
           &kGetOrg,
           &kGetOrgForUpdate,
           &kUpdateOrg,
           &kOrgExists,
           &kLockTenantsOfOrg,
           &kDeleteAccessKeysOfOrg,
           &kDeleteConfigsOfOrg,
           &kDeleteUsersOfOrg,
           &kDeleteTenantsOfOrg,
           &kDeleteOrg,
           &kListOrgs,
           &kListOrgsById,
           &kInsertTenant,
           &kGetTenant,
           &kGetTenantForUpdate,
           &kUpdateTenant,
           &kTenantExists,
           &kDeleteAccessKeysOfTenant,
           &kDeleteConfigsOfTenant,
           &kDeleteUsersOfTenant,
           &kDeleteTenant,
           &kListTenants,
           &kInsertUser,
           &kGetUser,
           &kGetUserForUpdate,
           &kUpdateUser,
           &kUserExists,
           &kDeleteUser,
           &kListUsers,
           &kListUsersById,
           &kListUsersByTenant,
           &kListUsersByOrg,
           &kListUsersOfTenantForUpdate,
           &kMergeUserConfig,
           &kGetUserConfig,
           &kHasUserWithRole,
           &kInsertAccessKey,
           &kListAccessKeys,
           &kCountAccessKeysOfUser,
           &kLockAccessKeysByName,
           &kRotateAccessKey,
           &kDeleteAccessKeysByName,
           &kFindCredential,
           &kRecordKeyUses,
           &kAppendAuditEvent,
           &kFindIdempotentResponse,
           &kRememberIdempotentResponse,
           &kForgetExpiredIdempotentResponses,
           &kListAuditEvents,
           &kListAuditEventsOfOrg,
       }) {
    connection.prepare(statement->name, statement->sql);
  }
}

}  // namespace identity::postgres
