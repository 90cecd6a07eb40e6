-- Round-robin lead assignment: an organisation lists the members who take new leads; a lead
-- created without an owner goes to the one who was given a lead least recently. Concurrent
-- inserts take turns on the org's rotation, so two leads at once never land on one person
-- while another waits.

create table public.lead_assignees (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null references public.profiles (id) on delete cascade,
  active boolean not null default true,
  last_assigned_at timestamptz,
  created_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, user_id)
);
alter table public.lead_assignees enable row level security;

create function private.lead_assignees_before_write() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if not exists (select 1 from public.memberships m where m.org_id = new.org_id and m.user_id = new.user_id) then
    raise exception 'Only members of the organisation can take leads' using errcode = '23503';
  end if;
  return new;
end;
$$;
create trigger lead_assignees_before_write before insert or update of org_id, user_id on public.lead_assignees
  for each row execute function private.lead_assignees_before_write();

-- A member who leaves the organisation leaves the rotation.
create function private.lead_assignees_forget_member() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  delete from public.lead_assignees a where a.org_id = old.org_id and a.user_id = old.user_id;
  return null;
end;
$$;
create trigger memberships_leave_lead_rotation after delete on public.memberships
  for each row execute function private.lead_assignees_forget_member();

create function private.assign_lead_owner() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_user uuid;
begin
  if new.owner_id is not null then
    return new;
  end if;
  -- Lock the whole rotation first, then pick: a second insert waits here and then sees the
  -- first one's stamp, instead of re-reading one locked row and picking the same person.
  perform 1 from public.lead_assignees a where a.org_id = new.org_id order by a.id for update;
  select a.user_id into v_user from public.lead_assignees a
  where a.org_id = new.org_id and a.active
  order by a.last_assigned_at nulls first, a.created_at, a.id
  limit 1;
  if v_user is not null then
    update public.lead_assignees a set last_assigned_at = clock_timestamp()
    where a.org_id = new.org_id and a.user_id = v_user;
    new.owner_id := v_user;
  end if;
  return new;
end;
$$;
create trigger leads_assign_owner before insert on public.leads
  for each row execute function private.assign_lead_owner();

create trigger lead_assignees_audit after insert or update or delete on public.lead_assignees
  for each row execute function private.audit_row();

create policy lead_assignees_select on public.lead_assignees for select to authenticated
  using (org_id in (select private.crm_reader_org_ids()));
create policy lead_assignees_write on public.lead_assignees for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager}')));
