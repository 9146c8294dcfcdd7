-- Each user gets an immutable internal identity, user_key, as orgs got
-- org_key: ids are reusable (a delete frees one), so what belongs to a user
-- (a remembered create response) must not pass to a later user of the same
-- id.
ALTER TABLE users ADD COLUMN user_key bigint GENERATED ALWAYS AS IDENTITY;
ALTER TABLE users ADD CONSTRAINT users_user_key_unique UNIQUE (user_key);

-- Remembered create responses now belong to the caller's user_key (and the
-- impersonated user's, if any), go with either user, and carry a
-- fingerprint of the request, so that a request_id reused for another
-- request is refused instead of answered with the first one's response.
-- The old records are keyed by id text, which could name a later user; they
-- are dropped, so a retry of a create made before this migration gets
-- ALREADY_EXISTS rather than its first response.
DROP TABLE idempotency_keys;

CREATE TABLE idempotent_requests (
  user_key bigint NOT NULL REFERENCES users (user_key) ON DELETE CASCADE,
  impersonated_user_key bigint
    REFERENCES users (user_key) ON DELETE CASCADE,
  -- The caller's org when the request was made: a record answers only in
  -- the org it was made in.
  org_id text COLLATE "C" NOT NULL,
  method text COLLATE "C" NOT NULL,
  request_id text COLLATE "C" NOT NULL,
  -- SHA-256 of the request as deterministically serialized, without its
  -- request_id.
  request_fingerprint bytea NOT NULL,
  response bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE NULLS NOT DISTINCT (user_key, impersonated_user_key, method,
                             request_id)
);
CREATE INDEX idempotent_requests_by_age ON idempotent_requests (created_at);
-- For the cascade when an impersonated user is deleted.
CREATE INDEX idempotent_requests_by_impersonated
  ON idempotent_requests (impersonated_user_key)
  WHERE impersonated_user_key IS NOT NULL;

-- An event may arrive with the key of the org it was about resolved when it
-- happened (an impersonation refusal is written seconds later, by when the
-- id may name another org); only events without one get the key of the org
-- their org_id names at insert.
CREATE OR REPLACE FUNCTION identity_audit_org_key() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.org_key IS NULL THEN
    NEW.org_key := (SELECT org_key FROM orgs WHERE id = NEW.org_id);
  END IF;
  RETURN NEW;
END
$$;

-- Self-service became permissions (self:config, self:access_keys) that every
-- role holds. A key minted with a ceiling before then was never limited in
-- self-service, so its ceiling gains both: nothing changes for it.
UPDATE access_keys
SET permission_ceiling = ARRAY(
  SELECT DISTINCT p FROM unnest(permission_ceiling ||
                                ARRAY['self:access_keys', 'self:config']) AS p
  ORDER BY p)
WHERE permission_ceiling IS NOT NULL;
