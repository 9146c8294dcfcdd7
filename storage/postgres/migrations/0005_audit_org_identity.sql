-- Each org gets an immutable internal identity, org_key, and audit events
-- belong to it rather than to the org's id text: ids are reusable (a forced
-- delete frees one), so a new org that takes the id of a deleted one must
-- not read the deleted org's trail. Listing an org's events resolves its id
-- to the key of the org that has the id now; the events of deleted orgs
-- (org_key NULL, or the key of no org) stay readable only through the
-- every-org listing, which needs write:org.
ALTER TABLE orgs ADD COLUMN org_key bigint GENERATED ALWAYS AS IDENTITY;
ALTER TABLE orgs ADD CONSTRAINT orgs_org_key_unique UNIQUE (org_key);

ALTER TABLE audit_events ADD COLUMN org_key bigint;
-- Existing events go to the org that has their id now, unless they are older
-- than it: those were written for an earlier org of the same id.
UPDATE audit_events AS e SET org_key = o.org_key
FROM orgs AS o
WHERE o.id = e.org_id AND e.time >= o.create_time;
CREATE INDEX audit_events_by_org_key ON audit_events (org_key, id DESC);
DROP INDEX audit_events_by_org;

-- Every insert, whichever statement makes it, gets the key of the org its
-- org_id names at that moment; a caller cannot choose it.
CREATE FUNCTION identity_audit_org_key() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  NEW.org_key := (SELECT org_key FROM orgs WHERE id = NEW.org_id);
  RETURN NEW;
END
$$;

CREATE TRIGGER audit_events_org_key BEFORE INSERT ON audit_events
  FOR EACH ROW EXECUTE FUNCTION identity_audit_org_key();
