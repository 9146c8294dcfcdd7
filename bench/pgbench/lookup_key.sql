-- pgbench: what a microservice would do without the identity service --
-- hash the presented key and look it up, joined to its user, with the
-- columns identityd's own lookup (find_credential) reads. The key is one of
-- generate_data.sql's, derived from its number as bench/bench_keys.cc does,
-- so the hashing is part of the cost. Run with -D keys=N.
\set k random(1, :keys)
SELECT k.user_id, k.name, k.description, k.key_prefix,
       identity_micros(k.create_time), identity_micros(k.expire_time),
       identity_micros(k.last_used_time),
       u.id, u.tenant_id, u.org_id, u.name, u.email, u.variables::text,
       u.roles, identity_micros(u.create_time),
       identity_micros(u.update_time), u.version
FROM access_keys k JOIN users u ON u.id = k.user_id
WHERE k.key_hash = encode(sha256(convert_to(
        'idk_' || rtrim(translate(encode(sha256(convert_to(
          'bench-key-' || :k, 'UTF8')), 'base64'), '+/', '-_'), '='),
        'UTF8')), 'hex');
