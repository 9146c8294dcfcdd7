-- Every access key carries a permission ceiling (README "Key ceilings"):
-- a call's permissions are the owner's current ones intersected with it.
-- NULL is unbounded: the key follows its owner's roles, as every key minted
-- before this migration keeps doing. issuer_id is who minted the key and
-- received its secret (NULL for those older keys); not a foreign key, so that
-- the record outlives the issuer.
ALTER TABLE access_keys
  ADD COLUMN permission_ceiling text[],
  ADD COLUMN issuer_id text COLLATE "C";
