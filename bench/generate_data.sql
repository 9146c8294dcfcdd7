-- Loads the benchmark's data set into a migrated identity database, inside
-- the server (INSERT ... SELECT over generate_series: no client round trip
-- per row, no RPCs): :orgs orgs with one tenant each, :users users -- half
-- of them in bench-org-0, so that its listing goes deep, the other half
-- spread evenly over the other orgs -- and one access key for each of the first :keys users,
-- whose secret bench/bench_keys.cc derives from its number alone. Also
-- creates bench_users, an empty copy of users with the same indexes, for
-- pgbench's single-row inserts.
--
--   psql -v orgs=10000 -v users=1000000 -v keys=200000 -f generate_data.sql
--
-- Run as a superuser: the foreign-key triggers are switched off for the
-- load (the rows are consistent by construction), which makes it several
-- times faster.
\set ON_ERROR_STOP on
BEGIN;
SET LOCAL session_replication_role = replica;

INSERT INTO orgs (id, name)
SELECT 'bench-org-' || o, 'Benchmark org ' || o
FROM generate_series(0, :orgs - 1) AS o;

INSERT INTO tenants (id, org_id, name)
SELECT 'bench-tenant-' || o, 'bench-org-' || o, 'Benchmark tenant ' || o
FROM generate_series(0, :orgs - 1) AS o;

-- Zero-padded ids arrive in key order, so the primary key grows at its
-- right edge.
INSERT INTO users (id, tenant_id, org_id, name, email, roles)
SELECT 'bench-user-' || lpad(u::text, 8, '0'), 'bench-tenant-' || o,
       'bench-org-' || o, 'Benchmark user ' || u,
       'user' || u || '@bench.example', '{user}'
FROM generate_series(1, :users) AS u,
     LATERAL (SELECT CASE WHEN u % 2 = 0 OR :orgs = 1 THEN 0
                          ELSE 1 + (u / 2) % (:orgs - 1) END AS o) AS org;

INSERT INTO access_keys (key_hash, user_id, name, description, key_prefix)
SELECT encode(sha256(convert_to(secret, 'UTF8')), 'hex'),
       'bench-user-' || lpad(k::text, 8, '0'), 'bench', 'benchmark key',
       left(secret, 12)
FROM generate_series(1, least(:keys, :users)) AS k,
     LATERAL (SELECT 'idk_' || rtrim(translate(encode(sha256(convert_to(
                       'bench-key-' || k, 'UTF8')), 'base64'), '+/', '-_'),
                     '=') AS secret) AS derived;

CREATE TABLE bench_users (LIKE users INCLUDING ALL);
COMMIT;

VACUUM ANALYZE orgs, tenants, users, access_keys, bench_users;
