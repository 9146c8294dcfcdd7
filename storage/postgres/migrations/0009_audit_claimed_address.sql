-- An Envoy Check names the client of the HTTP request it asks about, and
-- until now that claim was recorded as the event's peer, unbounded: a 4 MB
-- claim made a row that no page of the trail could carry. From now on the
-- peer is always the address the server saw, a claim goes in
-- claimed_address (a validated IP address), and the table holds both to the
-- bounds the server writes them with (storage/audit_log.h).
ALTER TABLE audit_events ADD COLUMN claimed_address text NOT NULL DEFAULT '';

-- A Check's event recorded the claim as its peer; the address the Check
-- came from was not kept.
UPDATE audit_events
SET claimed_address = left(peer, 45), peer = ''
WHERE method = '/envoy.service.auth.v3.Authorization/Check';
UPDATE audit_events SET peer = left(peer, 256) WHERE char_length(peer) > 256;

ALTER TABLE audit_events
  ADD CONSTRAINT audit_events_peer_bounded CHECK (char_length(peer) <= 256),
  ADD CONSTRAINT audit_events_claimed_address_bounded
    CHECK (char_length(claimed_address) <= 45);
