-- The resource tables. Ids are caller-chosen text compared byte by byte
-- (COLLATE "C"), so keyset pagination orders them the same everywhere.
-- The hierarchy org -> tenant -> user -> access key is enforced by foreign
-- keys; a parent with children cannot be deleted (NO ACTION), except that a
-- user's configuration and keys go with it.

-- Microseconds since the Unix epoch, the form in which times cross the wire.
CREATE FUNCTION identity_micros(t timestamptz) RETURNS bigint
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN (extract(epoch FROM t) * 1000000)::bigint;

CREATE FUNCTION identity_time(micros bigint) RETURNS timestamptz
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN to_timestamp(0) + micros * interval '1 microsecond';

CREATE TABLE orgs (
  id text COLLATE "C" PRIMARY KEY,
  name text NOT NULL,
  variables jsonb NOT NULL DEFAULT '{}'
    CHECK (jsonb_typeof(variables) = 'object'),
  create_time timestamptz NOT NULL DEFAULT now(),
  update_time timestamptz NOT NULL DEFAULT now(),
  version bigint NOT NULL DEFAULT 1
);

CREATE TABLE tenants (
  id text COLLATE "C" PRIMARY KEY,
  org_id text COLLATE "C" NOT NULL REFERENCES orgs (id),
  name text NOT NULL,
  variables jsonb NOT NULL DEFAULT '{}'
    CHECK (jsonb_typeof(variables) = 'object'),
  create_time timestamptz NOT NULL DEFAULT now(),
  update_time timestamptz NOT NULL DEFAULT now(),
  version bigint NOT NULL DEFAULT 1,
  -- The target of users' composite key: a user's tenant is in the user's org.
  UNIQUE (id, org_id)
);
CREATE INDEX tenants_by_org ON tenants (org_id, id);

CREATE TABLE users (
  id text COLLATE "C" PRIMARY KEY,
  tenant_id text COLLATE "C" NOT NULL,
  org_id text COLLATE "C" NOT NULL,
  name text NOT NULL,
  email text NOT NULL DEFAULT '',
  variables jsonb NOT NULL DEFAULT '{}'
    CHECK (jsonb_typeof(variables) = 'object'),
  roles text[] NOT NULL DEFAULT '{}',
  create_time timestamptz NOT NULL DEFAULT now(),
  update_time timestamptz NOT NULL DEFAULT now(),
  version bigint NOT NULL DEFAULT 1,
  FOREIGN KEY (tenant_id, org_id) REFERENCES tenants (id, org_id)
);
CREATE INDEX users_by_org ON users (org_id, id);
CREATE INDEX users_by_tenant ON users (tenant_id, id);

CREATE TABLE user_configs (
  user_id text COLLATE "C" PRIMARY KEY
    REFERENCES users (id) ON DELETE CASCADE,
  config jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(config) = 'object')
);

CREATE TABLE access_keys (
  -- Lowercase hex SHA-256 of the secret; the secret itself is never stored.
  key_hash text COLLATE "C" PRIMARY KEY CHECK (key_hash ~ '^[0-9a-f]{64}$'),
  user_id text COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name text COLLATE "C" NOT NULL,
  description text NOT NULL DEFAULT '',
  key_prefix text NOT NULL DEFAULT '',
  create_time timestamptz NOT NULL DEFAULT now(),
  expire_time timestamptz,
  last_used_time timestamptz,
  UNIQUE (user_id, name)
);

CREATE TABLE audit_events (
  id bigserial PRIMARY KEY,
  time timestamptz NOT NULL DEFAULT now(),
  actor_id text NOT NULL,
  impersonated_user_id text NOT NULL DEFAULT '',
  org_id text COLLATE "C" NOT NULL,
  method text NOT NULL,
  resource_type text NOT NULL,
  resource_id text NOT NULL,
  peer text NOT NULL DEFAULT '',
  summary jsonb NOT NULL DEFAULT '{}',
  outcome text NOT NULL
);
CREATE INDEX audit_events_by_org ON audit_events (org_id, id DESC);
