-- Tells every server's cache what changed, through NOTIFY on the channel
-- identity_changes. The payload is the id of a user whose roles, data or keys
-- changed, or '*' (never a valid id) when a tenant or org went away and with
-- it an unknown number of users. Notifications are sent at commit, and not at
-- all when the transaction rolls back.

CREATE FUNCTION identity_notify_user() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('identity_changes', OLD.id);
  RETURN NULL;
END
$$;

CREATE FUNCTION identity_notify_key_owner() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('identity_changes', OLD.user_id);
  RETURN NULL;
END
$$;

CREATE FUNCTION identity_notify_everything() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('identity_changes', '*');
  RETURN NULL;
END
$$;

CREATE TRIGGER users_changed AFTER UPDATE OR DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION identity_notify_user();

CREATE TRIGGER access_keys_deleted AFTER DELETE ON access_keys
  FOR EACH ROW EXECUTE FUNCTION identity_notify_key_owner();

-- Recording a key's use is not a change any cache cares about.
CREATE TRIGGER access_keys_changed AFTER UPDATE ON access_keys
  FOR EACH ROW
  WHEN ((to_jsonb(OLD) - 'last_used_time')
        IS DISTINCT FROM (to_jsonb(NEW) - 'last_used_time'))
  EXECUTE FUNCTION identity_notify_key_owner();

CREATE TRIGGER tenants_deleted AFTER DELETE ON tenants
  FOR EACH ROW EXECUTE FUNCTION identity_notify_everything();

CREATE TRIGGER orgs_deleted AFTER DELETE ON orgs
  FOR EACH ROW EXECUTE FUNCTION identity_notify_everything();
