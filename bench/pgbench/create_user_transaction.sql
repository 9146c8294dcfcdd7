-- pgbench: CreateUser's own SQL, as identityd sends it in three round trips
-- (storage/postgres/statements.cc, insert_user): BEGIN, one statement that
-- finds the tenant's org and writes the user and its audit event, COMMIT.
-- Against insert_user.sql it prices what a create asks of PostgreSQL;
-- CreateUser against this prices identityd itself. Two things are left
-- out: BEGIN's SET LOCAL of the timeouts (pgbench cannot send it with BEGIN
-- as one query in prepared mode, and it is parsed, not planned), and the
-- audit summary's JSON is fixed. Run with -D tenants=N.
\set tenant random(0, :tenants - 1)
BEGIN;
WITH tenant AS (
  SELECT org_id FROM tenants WHERE id = 'bench-tenant-' || :tenant
), created AS (
  INSERT INTO users (id, tenant_id, org_id, name, email, variables, roles)
  SELECT gen_random_uuid()::text, 'bench-tenant-' || :tenant, tenant.org_id,
         'pgbench user', 'pgbench@bench.example', '{}'::jsonb,
         '{user}'::text[]
  FROM tenant
  RETURNING id, tenant_id, org_id, name, email, variables::text, roles,
            identity_micros(create_time) AS create_micros,
            identity_micros(update_time) AS update_micros, version
), audited AS (
  INSERT INTO audit_events (actor_id, impersonated_user_id, org_id, method,
                            resource_type, resource_id, peer, summary,
                            outcome)
  SELECT 'bench-admin', '', created.org_id,
         '/identity.v1.UserService/CreateUser', 'user', created.id,
         'ipv4:127.0.0.1:50000',
         '{"name": "pgbench user", "roles": ["user"], "tenant_id": "bench-tenant"}'::jsonb,
         'OK'
  FROM created
)
SELECT * FROM created;
COMMIT;
