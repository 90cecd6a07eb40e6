-- Tenancy: organisations, memberships with roles, and the helper functions every
-- policy is built from (DESIGN.md section 2). Helpers live in `private`, which the
-- API does not expose; they are security definer so a policy on memberships can
-- consult memberships without recursing into its own RLS.

create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to authenticated, service_role;

create type public.app_role as enum ('owner', 'admin', 'manager', 'sales', 'support', 'warehouse', 'accountant', 'viewer');

-- Validates IANA zone names without a table lookup (usable in a check constraint).
create function private.is_time_zone(tz text) returns boolean
language plpgsql immutable set search_path = '' as $$
begin
  perform now() at time zone tz;
  return true;
exception when others then
  return false;
end;
$$;

create table public.organizations (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(btrim(name)) between 1 and 200),
  slug text not null unique check (slug ~ '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$'),
  base_currency text not null default 'USD' check (base_currency ~ '^[A-Z]{3}$'),
  fiscal_year_start_month smallint not null default 1 check (fiscal_year_start_month between 1 and 12),
  time_zone text not null default 'UTC' check (private.is_time_zone(time_zone)),
  locale text not null default 'en-US' check (locale ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
  -- Working hours per weekday ("mon".."sun" → ["09:00","17:00"] or null when closed), used by SLAs.
  business_hours jsonb not null default
    '{"mon":["09:00","17:00"],"tue":["09:00","17:00"],"wed":["09:00","17:00"],"thu":["09:00","17:00"],"fri":["09:00","17:00"],"sat":null,"sun":null}',
  holidays date[] not null default '{}',
  -- Org-wide switches later features read (e.g. allow_negative_stock for inventory).
  settings jsonb not null default '{"allow_negative_stock": false}' check (jsonb_typeof(settings) = 'object'),
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
alter table public.organizations enable row level security;

create table public.memberships (
  org_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role public.app_role not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, user_id)
);
create index memberships_user_id_idx on public.memberships (user_id);
alter table public.memberships enable row level security;

-- Policy helpers: stable, security definer, empty search_path, called as (select ...).
create function private.is_member(p_org_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.memberships m
    where m.org_id = p_org_id and m.user_id = (select auth.uid())
  );
$$;

create function private.has_role(p_org_id uuid, p_roles public.app_role[]) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.memberships m
    where m.org_id = p_org_id and m.user_id = (select auth.uid()) and m.role = any (p_roles)
  );
$$;

-- plpgsql rather than sql: its plan is cached for the session, where a SQL function
-- called from a policy is planned again for every statement.
create function private.user_org_ids() returns setof uuid
language plpgsql stable security definer rows 5 set search_path = '' as $$
begin
  return query select m.org_id from public.memberships m where m.user_id = (select auth.uid());
end;
$$;

-- Set-returning forms for policies: `org_id in (select ...)` is evaluated once per
-- statement (a hashed subplan), where a per-row function call would run for every row.
create function private.org_ids_with_role(p_roles public.app_role[]) returns setof uuid
language plpgsql stable security definer rows 5 set search_path = '' as $$
begin
  return query
    select m.org_id from public.memberships m where m.user_id = (select auth.uid()) and m.role = any (p_roles);
end;
$$;

create function private.role_rank(p_role public.app_role) returns int
language sql immutable set search_path = '' as $$
  select case p_role
    when 'owner' then 7 when 'admin' then 6 when 'manager' then 5 when 'accountant' then 4
    when 'sales' then 3 when 'support' then 3 when 'warehouse' then 3 when 'viewer' then 1
  end;
$$;

revoke all on function private.is_member(uuid), private.has_role(uuid, public.app_role[]), private.user_org_ids(),
  private.org_ids_with_role(public.app_role[]), private.role_rank(public.app_role), private.is_time_zone(text) from public;
grant execute on function private.is_member(uuid), private.has_role(uuid, public.app_role[]), private.user_org_ids(),
  private.org_ids_with_role(public.app_role[]), private.role_rank(public.app_role), private.is_time_zone(text)
  to authenticated, service_role;

create function private.touch_updated_at() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.updated_at := now();
  return new;
end;
$$;

create trigger organizations_touch before update on public.organizations
  for each row execute function private.touch_updated_at();
create trigger memberships_touch before update on public.memberships
  for each row execute function private.touch_updated_at();

-- Membership rules that must hold for every client: nobody raises their own role,
-- and an organisation always keeps an owner.
create function private.guard_membership_change() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_uid uuid := (select auth.uid());
begin
  if tg_op = 'UPDATE' then
    if new.org_id <> old.org_id or new.user_id <> old.user_id then
      raise exception 'A membership cannot move to another organisation or user' using errcode = '23514';
    end if;
    if v_uid is not null and new.user_id = v_uid
       and private.role_rank(new.role) > private.role_rank(old.role) then
      raise exception 'You cannot raise your own role' using errcode = '42501';
    end if;
  end if;
  if tg_op in ('UPDATE', 'DELETE') and old.role = 'owner'
     and (tg_op = 'DELETE' or new.role <> 'owner')
     and exists (select 1 from public.organizations o where o.id = old.org_id)
     and not exists (
       select 1 from public.memberships m where m.org_id = old.org_id and m.role = 'owner'
     ) then
    raise exception 'An organisation must keep at least one owner' using errcode = '23514';
  end if;
  return null;
end;
$$;

create trigger memberships_guard after update or delete on public.memberships
  for each row execute function private.guard_membership_change();

-- Organisations: members read; owners and admins change settings; owners delete.
create policy organizations_select on public.organizations for select to authenticated
  using (id in (select private.user_org_ids()));
create policy organizations_update on public.organizations for update to authenticated
  using (id in (select private.org_ids_with_role('{owner,admin}')))
  with check (id in (select private.org_ids_with_role('{owner,admin}')));
create policy organizations_delete on public.organizations for delete to authenticated
  using (id in (select private.org_ids_with_role('{owner}')));

-- Memberships: a member reads their own; owners and admins read and manage all of
-- the org's, but only owners grant, change or remove ownership. A member may leave.
create policy memberships_select on public.memberships for select to authenticated
  using (user_id = (select auth.uid()) or org_id in (select private.org_ids_with_role('{owner,admin}')));
create policy memberships_insert on public.memberships for insert to authenticated
  with check (
    org_id in (select private.org_ids_with_role('{owner,admin}'))
    and (role <> 'owner' or org_id in (select private.org_ids_with_role('{owner}')))
  );
create policy memberships_update on public.memberships for update to authenticated
  using (
    org_id in (select private.org_ids_with_role('{owner,admin}'))
    and (role <> 'owner' or org_id in (select private.org_ids_with_role('{owner}')))
  )
  with check (
    org_id in (select private.org_ids_with_role('{owner,admin}'))
    and (role <> 'owner' or org_id in (select private.org_ids_with_role('{owner}')))
  );
create policy memberships_delete on public.memberships for delete to authenticated
  using (
    user_id = (select auth.uid())
    or (org_id in (select private.org_ids_with_role('{owner,admin}'))
        and (role <> 'owner' or org_id in (select private.org_ids_with_role('{owner}'))))
  );

-- Creating an organisation makes the caller its first owner, in one transaction.
create function public.create_organization(
  p_name text,
  p_slug text,
  p_base_currency text default 'USD',
  p_time_zone text default 'UTC',
  p_locale text default 'en-US',
  p_fiscal_year_start_month smallint default 1
) returns public.organizations
language plpgsql security definer set search_path = '' as $$
declare
  v_uid uuid := (select auth.uid());
  v_org public.organizations;
begin
  if v_uid is null then
    raise exception 'Sign in to create an organisation' using errcode = '42501';
  end if;
  insert into public.organizations (name, slug, base_currency, time_zone, locale, fiscal_year_start_month, created_by)
  values (p_name, lower(p_slug), upper(p_base_currency), p_time_zone, p_locale, p_fiscal_year_start_month, v_uid)
  returning * into v_org;
  insert into public.memberships (org_id, user_id, role) values (v_org.id, v_uid, 'owner');
  return v_org;
end;
$$;

revoke execute on function public.create_organization(text, text, text, text, text, smallint) from public, anon;
grant execute on function public.create_organization(text, text, text, text, text, smallint) to authenticated;
