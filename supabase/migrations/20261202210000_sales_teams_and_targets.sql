-- Sales teams and monthly sales targets (issue 10, live dashboards). A team groups reps so a
-- dashboard can be filtered to it; a target is what a rep should win in a calendar month, in the
-- organisation's base currency. The dashboards prorate monthly targets by day over any range
-- (public.sales_kpis).
--
-- Who may do what (DESIGN.md section 2, CRM): every CRM reader (all roles but warehouse) reads
-- teams and their members; owners, admins and managers set them up. Targets are more personal:
-- owners, admins and managers read and write all of them, accountants and viewers read them (they
-- read the CRM), a sales rep reads only their own, support and warehouse staff see none.
--
-- The UI writes targets with a plain upsert (on conflict (org_id, user_id, month)).

create table public.sales_teams (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 100),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id)
);
alter table public.sales_teams enable row level security;
-- One name per organisation, whatever its case or surrounding spaces.
create unique index sales_teams_org_name_idx on public.sales_teams (org_id, lower(btrim(name)));

-- A rep is in one team at most; leaving the organisation takes them out of their team.
create table public.sales_team_members (
  org_id uuid not null references public.organizations (id) on delete cascade,
  team_id uuid not null,
  user_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (team_id, user_id),
  unique (org_id, user_id),
  foreign key (org_id, team_id) references public.sales_teams (org_id, id) on delete cascade,
  foreign key (org_id, user_id) references public.memberships (org_id, user_id) on delete cascade
);
alter table public.sales_team_members enable row level security;

create table public.sales_targets (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null references public.profiles (id) on delete cascade,
  -- The first day of the month the target is for.
  month date not null check (month = date_trunc('month', month)::date),
  -- Up to the 1e12 the target form accepts (src/features/dashboards/schemas/kpis.ts).
  amount numeric(15, 2) not null check (amount between 0 and 1000000000000),
  -- Always the organisation's base currency: '' (the default) is filled in by the trigger.
  currency text not null default '' check (currency ~ '^[A-Z]{3}$'),
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, user_id, month)
);
alter table public.sales_targets enable row level security;
create index sales_targets_org_month_idx on public.sales_targets (org_id, month);
create index sales_targets_user_idx on public.sales_targets (user_id);

-- A target is for a member of the organisation (checked when it is written: a rep who leaves
-- keeps their past targets) and in its base currency.
create function private.sales_targets_before_write() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_base text;
begin
  select o.base_currency into v_base from public.organizations o where o.id = new.org_id;
  if coalesce(new.currency, '') = '' then
    new.currency := v_base;
  elsif new.currency <> v_base then
    raise exception 'Targets are set in the base currency (%)', v_base using errcode = '23514';
  end if;
  if (tg_op = 'INSERT' or new.user_id <> old.user_id or new.org_id <> old.org_id)
     and not exists (select 1 from public.memberships m where m.org_id = new.org_id and m.user_id = new.user_id) then
    raise exception 'A target is set for a member of the organisation' using errcode = '23503';
  end if;
  return new;
end;
$$;
revoke all on function private.sales_targets_before_write() from public;
create trigger sales_targets_before_write before insert or update on public.sales_targets
  for each row execute function private.sales_targets_before_write();

create trigger sales_teams_touch before update on public.sales_teams
  for each row execute function private.touch_updated_at();
create trigger sales_targets_touch before update on public.sales_targets
  for each row execute function private.touch_updated_at();

create trigger sales_teams_audit after insert or update or delete on public.sales_teams
  for each row execute function private.audit_row();
create trigger sales_team_members_audit after insert or update or delete on public.sales_team_members
  for each row execute function private.audit_row('org_id', 'user_id');
create trigger sales_targets_audit after insert or update or delete on public.sales_targets
  for each row execute function private.audit_row();

create policy sales_teams_select on public.sales_teams for select to authenticated
  using (org_id in (select private.crm_reader_org_ids()));
create policy sales_teams_write on public.sales_teams for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager}')));

create policy sales_team_members_select on public.sales_team_members for select to authenticated
  using (org_id in (select private.crm_reader_org_ids()));
create policy sales_team_members_write on public.sales_team_members for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager}')));

create policy sales_targets_select on public.sales_targets for select to authenticated
  using (
    org_id in (select private.org_ids_with_role('{owner,admin,manager,accountant,viewer}'))
    or (user_id = (select auth.uid()) and org_id in (select private.org_ids_with_role('{sales}')))
  );
create policy sales_targets_write on public.sales_targets for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager}')));

-- Managers editing targets see each other's changes; dashboards refetch when targets or teams change.
alter publication supabase_realtime add table public.sales_teams, public.sales_team_members, public.sales_targets;
