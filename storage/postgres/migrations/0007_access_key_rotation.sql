-- Key rotation with overlap (RotateAccessKey): a rotated key keeps the hash
-- of the secret it replaced until previous_expire_time, so that callers can
-- switch secrets without an outage. Authentication matches the current or
-- the unexpired previous hash; the expiry needs no cleanup job, since a
-- passed previous_expire_time simply stops matching.
ALTER TABLE access_keys
  ADD COLUMN previous_key_hash text COLLATE "C"
    CHECK (previous_key_hash ~ '^[0-9a-f]{64}$'),
  ADD COLUMN previous_key_prefix text,
  ADD COLUMN previous_expire_time timestamptz,
  ADD CONSTRAINT access_keys_previous_complete CHECK (
    (previous_key_hash IS NULL) = (previous_expire_time IS NULL));

CREATE INDEX access_keys_previous_key_hash ON access_keys (previous_key_hash)
  WHERE previous_key_hash IS NOT NULL;
