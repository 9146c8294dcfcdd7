-- Creates remember their request_id for a day: a retry of a create with the
-- same request_id, by the same caller, gets the original response instead of
-- ALREADY_EXISTS. The row is written in the create's own transaction, so it
-- exists exactly when the create committed. `response` is the serialized
-- response message (never a secret: access keys are stored without theirs).

CREATE TABLE idempotency_keys (
  caller_id text COLLATE "C" NOT NULL,
  method text COLLATE "C" NOT NULL,
  request_id text COLLATE "C" NOT NULL,
  response bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (caller_id, method, request_id)
);

-- Expired rows are deleted oldest first, a few at a time, by later creates.
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
