-- pgbench: one single-row INSERT into bench_users (a copy of users with the
-- same indexes), the baseline of CreateUser. Run with -D tenants=N.
\set tenant random(0, :tenants - 1)
INSERT INTO bench_users (id, tenant_id, org_id, name, email, roles)
VALUES (gen_random_uuid()::text, 'bench-tenant-' || :tenant,
        'bench-org-' || :tenant, 'pgbench user', 'pgbench@bench.example',
        '{user}');
