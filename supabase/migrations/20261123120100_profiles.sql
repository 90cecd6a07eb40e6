-- Profiles: a person's display data, kept in step with auth.users by triggers (as
-- Supabase's user-management guide does it). Readable by the person and by people
-- who share an organisation with them (pickers, "assigned to", presence).

create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  email text,
  full_name text check (full_name is null or length(full_name) <= 200),
  avatar_path text check (avatar_path is null or length(avatar_path) <= 1024),
  default_org_id uuid references public.organizations (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
alter table public.profiles enable row level security;
create index profiles_default_org_id_idx on public.profiles (default_org_id);

create trigger profiles_touch before update on public.profiles
  for each row execute function private.touch_updated_at();

-- Everyone who shares an organisation with the caller.
create function private.colleague_ids() returns setof uuid
language sql stable security definer set search_path = '' as $$
  select distinct theirs.user_id
  from public.memberships mine
  join public.memberships theirs on theirs.org_id = mine.org_id
  where mine.user_id = (select auth.uid());
$$;
revoke all on function private.colleague_ids() from public;
grant execute on function private.colleague_ids() to authenticated, service_role;

create policy profiles_select on public.profiles for select to authenticated
  using (id = (select auth.uid()) or id in (select private.colleague_ids()));
create policy profiles_update on public.profiles for update to authenticated
  using (id = (select auth.uid()))
  with check (id = (select auth.uid()) and (default_org_id is null or default_org_id in (select private.user_org_ids())));

-- The e-mail mirrors auth.users; people change it through Auth, not here.
revoke update on public.profiles from authenticated;
grant update (full_name, avatar_path, default_org_id) on public.profiles to authenticated;

create function private.sync_profile_from_auth() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'INSERT' then
    insert into public.profiles (id, email, full_name, avatar_path)
    values (
      new.id,
      new.email,
      nullif(coalesce(new.raw_user_meta_data ->> 'full_name', new.raw_user_meta_data ->> 'name'), ''),
      nullif(new.raw_user_meta_data ->> 'avatar_path', '')
    )
    on conflict (id) do nothing;
  elsif new.email is distinct from old.email
     or new.raw_user_meta_data ->> 'full_name' is distinct from old.raw_user_meta_data ->> 'full_name' then
    update public.profiles p
    set email = new.email,
        full_name = coalesce(nullif(new.raw_user_meta_data ->> 'full_name', ''), p.full_name)
    where p.id = new.id;
  end if;
  return new;
end;
$$;

create trigger on_auth_user_created after insert on auth.users
  for each row execute function private.sync_profile_from_auth();
create trigger on_auth_user_updated after update of email, raw_user_meta_data on auth.users
  for each row execute function private.sync_profile_from_auth();

-- Users who existed before this migration (e.g. seeded) get their profile too.
insert into public.profiles (id, email, full_name)
select u.id, u.email, nullif(u.raw_user_meta_data ->> 'full_name', '')
from auth.users u
on conflict (id) do nothing;
