-- supabase_vault stand-in for the Docker-free local stack.
--
-- Same interface as supabase/vault 0.3.x (sql/supabase_vault--0.3.0.sql):
-- `vault.secrets` (id, name, description, secret, key_id, nonce, created_at,
-- updated_at; `secret` holds base64 ciphertext), the `vault.decrypted_secrets`
-- view adding `decrypted_secret`, and vault.create_secret / vault.update_secret.
-- The real extension encrypts with libsodium under a server key kept outside the
-- database; here pgcrypto's pgp_sym_encrypt uses a random key generated when the
-- extension is created and kept in vault._root_key, which only the superuser (the
-- owner of everything below) can read. The view and the functions run with the
-- owner's rights, so callers never see the key.
--
-- A trigger encrypts `secret` on every insert and on updates that change it, so a
-- plain `insert into vault.secrets` stores ciphertext too (vault < 0.3 behaved so).
--
-- Grants: postgres (with grant option) and service_role may use the vault, as on
-- Supabase; anon and authenticated may not.

CREATE TABLE vault._root_key (
  id  int PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  key text NOT NULL
);
REVOKE ALL ON vault._root_key FROM PUBLIC;
INSERT INTO vault._root_key (key) VALUES (encode(@extschema:pgcrypto@.gen_random_bytes(32), 'base64'));

CREATE TABLE vault.secrets (
  id uuid     PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text,
  description text NOT NULL default '',
  secret      text NOT NULL,
  key_id      uuid,
  nonce       bytea DEFAULT @extschema:pgcrypto@.gen_random_bytes(16),
  created_at  timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at  timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP
);

COMMENT ON TABLE vault.secrets IS 'Table with encrypted `secret` column for storing sensitive information on disk.';

CREATE UNIQUE INDEX ON vault.secrets USING btree (name) WHERE name IS NOT NULL;

CREATE FUNCTION vault._encrypt_secret()
RETURNS trigger
SECURITY DEFINER
LANGUAGE plpgsql
SET search_path = ''
AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.secret IS NOT DISTINCT FROM OLD.secret THEN
    RETURN NEW;
  END IF;
  NEW.secret := encode(
    @extschema:pgcrypto@.pgp_sym_encrypt(NEW.secret, (SELECT k.key FROM vault._root_key k), 'cipher-algo=aes256'),
    'base64');
  RETURN NEW;
END
$$;

CREATE TRIGGER secrets_encrypt_secret
  BEFORE INSERT OR UPDATE OF secret ON vault.secrets
  FOR EACH ROW EXECUTE FUNCTION vault._encrypt_secret();

CREATE VIEW vault.decrypted_secrets AS
SELECT s.id,
  s.name,
  s.description,
  s.secret,
  @extschema:pgcrypto@.pgp_sym_decrypt(decode(s.secret, 'base64'), (SELECT k.key FROM vault._root_key k)) AS decrypted_secret,
  s.key_id,
  s.nonce,
  s.created_at,
  s.updated_at
FROM vault.secrets s;

CREATE FUNCTION vault.create_secret(
  new_secret text,
  new_name text = NULL,
  new_description text = '',
  -- unused
  new_key_id uuid = NULL
)
RETURNS uuid
SECURITY DEFINER
LANGUAGE plpgsql
SET search_path = ''
AS $$
DECLARE
  new_id uuid;
BEGIN
  INSERT INTO vault.secrets (secret, name, description)
  VALUES (new_secret, new_name, new_description)
  RETURNING id INTO new_id;
  RETURN new_id;
END
$$;

CREATE FUNCTION vault.update_secret(
  secret_id uuid,
  new_secret text = NULL,
  new_name text = NULL,
  new_description text = NULL,
  -- unused
  new_key_id uuid = NULL
)
RETURNS void
SECURITY DEFINER
LANGUAGE plpgsql
SET search_path = ''
AS $$
BEGIN
  UPDATE vault.secrets s
  SET
    secret = coalesce(new_secret, s.secret),
    name = coalesce(new_name, s.name),
    description = coalesce(new_description, s.description),
    updated_at = now()
  WHERE s.id = secret_id;
END
$$;

REVOKE ALL ON FUNCTION
  vault._encrypt_secret,
  vault.create_secret,
  vault.update_secret
FROM PUBLIC;

SELECT pg_catalog.pg_extension_config_dump('vault.secrets', '');

DO $$
DECLARE
  r text;
BEGIN
  -- CREATE EXTENSION made the schema as the calling role; the superuser owns it on Supabase.
  EXECUTE format('ALTER SCHEMA vault OWNER TO %I', current_user);
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'postgres') THEN
    GRANT USAGE ON SCHEMA vault TO postgres WITH GRANT OPTION;
    GRANT SELECT, INSERT, UPDATE, DELETE ON vault.secrets TO postgres WITH GRANT OPTION;
    GRANT SELECT ON vault.decrypted_secrets TO postgres WITH GRANT OPTION;
    GRANT EXECUTE ON FUNCTION vault.create_secret(text, text, text, uuid) TO postgres WITH GRANT OPTION;
    GRANT EXECUTE ON FUNCTION vault.update_secret(uuid, text, text, text, uuid) TO postgres WITH GRANT OPTION;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'service_role') THEN
    GRANT USAGE ON SCHEMA vault TO service_role;
    GRANT SELECT, INSERT, UPDATE, DELETE ON vault.secrets TO service_role;
    GRANT SELECT ON vault.decrypted_secrets TO service_role;
    GRANT EXECUTE ON FUNCTION vault.create_secret(text, text, text, uuid) TO service_role;
    GRANT EXECUTE ON FUNCTION vault.update_secret(uuid, text, text, text, uuid) TO service_role;
  END IF;
END
$$;
