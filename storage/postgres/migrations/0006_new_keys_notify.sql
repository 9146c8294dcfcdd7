-- A new key is a change of its owner too: a replica that met the key before
-- it existed (a bootstrap key tried early, say) remembers it as unknown, and
-- must forget that at once. The payload is the owner's id, as for the other
-- key triggers of 0002_change_feed.sql.

CREATE FUNCTION identity_notify_new_key_owner() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('identity_changes', NEW.user_id);
  RETURN NULL;
END
$$;

CREATE TRIGGER access_keys_inserted AFTER INSERT ON access_keys
  FOR EACH ROW EXECUTE FUNCTION identity_notify_new_key_owner();
