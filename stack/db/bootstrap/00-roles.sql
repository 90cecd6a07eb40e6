-- What a Supabase project has before any project migration runs: roles, grants,
-- default privileges, the extensions schema and the supabase_realtime publication
-- (supabase/postgres init-scripts and migrations). Runs as the superuser
-- supabase_admin on a fresh database; role creation is idempotent because roles are
-- cluster-wide and survive `npm run db:reset`.

do $$
declare
  r record;
begin
  for r in
    select * from (values
      ('anon', 'nologin noinherit'),
      ('authenticated', 'nologin noinherit'),
      ('service_role', 'nologin noinherit bypassrls'),
      ('authenticator', 'login noinherit'),
      ('postgres', 'login createdb createrole replication bypassrls'),
      ('supabase_auth_admin', 'login noinherit createrole'),
      ('supabase_storage_admin', 'login noinherit createrole'),
      ('supabase_realtime_admin', 'nologin noinherit'),
      ('supabase_replication_admin', 'login replication'),
      ('supabase_read_only_user', 'login bypassrls'),
      ('supabase_functions_admin', 'login noinherit createrole'),
      ('dashboard_user', 'nologin createdb createrole replication'),
      ('pgbouncer', 'login')
    ) as t(name, opts)
  loop
    if not exists (select 1 from pg_roles where rolname = r.name) then
      execute format('create role %I %s', r.name, r.opts);
    end if;
  end loop;
end
$$;

-- Local passwords are the CLI's ("postgres") for every login.
alter role postgres with password 'postgres';
alter role authenticator with password 'postgres';
alter role supabase_auth_admin with password 'postgres';
alter role supabase_storage_admin with password 'postgres';
alter role supabase_replication_admin with password 'postgres';
alter role supabase_read_only_user with password 'postgres';
alter role supabase_functions_admin with password 'postgres';

-- 20230529180330_alter_api_roles_for_inherit.sql
alter role anon inherit;
alter role authenticated inherit;
alter role service_role inherit;

grant anon, authenticated, service_role to authenticator;
-- Not supabase_admin: Supabase revoked that (20221103090837_revoke_admin.sql), or a
-- token claiming role supabase_admin would become superuser through the API.
-- postgres can impersonate the API roles (Studio's "run as" and SQL tests rely on it).
grant anon, authenticated, service_role to postgres;
grant pg_read_all_data to supabase_read_only_user;
grant pg_signal_backend to postgres;

-- Per-role settings PostgREST applies per request (statement timeouts).
alter role anon set statement_timeout = '3s';
alter role authenticated set statement_timeout = '8s';
alter role authenticator set statement_timeout = '8s';
alter role authenticator set lock_timeout = '8s';

alter role postgres set search_path = "$user", public, extensions;
alter role supabase_admin set search_path = "$user", public, extensions;

-- The project owner owns the database and public, as on Supabase.
alter database postgres owner to postgres;
alter schema public owner to postgres;
grant all on database postgres to postgres;

-- Extensions live in their own schema.
create schema if not exists extensions;
grant usage on schema extensions to postgres, anon, authenticated, service_role;
alter default privileges in schema extensions grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges in schema extensions grant all on functions to postgres, anon, authenticated, service_role;
alter default privileges in schema extensions grant all on sequences to postgres, anon, authenticated, service_role;
create extension if not exists pgcrypto with schema extensions;
create extension if not exists "uuid-ossp" with schema extensions;
grant create on schema extensions to postgres;

-- public: usage for the API roles and default privileges on everything postgres
-- or supabase_admin creates there. RLS, not grants, is the guard.
grant usage on schema public to postgres, anon, authenticated, service_role;
grant all on schema public to postgres;
alter default privileges for role postgres in schema public grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges for role postgres in schema public grant all on functions to postgres, anon, authenticated, service_role;
alter default privileges for role postgres in schema public grant all on sequences to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_admin in schema public grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_admin in schema public grant all on functions to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_admin in schema public grant all on sequences to postgres, anon, authenticated, service_role;

-- graphql_public is in the CLI's default exposed schemas.
create schema if not exists graphql_public;
grant usage on schema graphql_public to postgres, anon, authenticated, service_role;

-- Realtime's publication, empty: projects `alter publication supabase_realtime add table ...`.
create publication supabase_realtime;
alter publication supabase_realtime owner to postgres;

-- Settings older apps read (internal/db/start/templates/schema.sql); the JWT values are
-- set by the stack after this file runs, from its configuration.
create schema if not exists supabase_migrations;
alter schema supabase_migrations owner to postgres;
