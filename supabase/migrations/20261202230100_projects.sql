-- Projects for customers (issue 11), made directly or from a won deal. Billing is time and
-- materials: approved billable hours at the project's hourly rate (or, where the project
-- sets none, the employee's bill rate) and approved billable expenses at cost plus the
-- project's expense mark-up, invoiced through create_project_invoice() (migration
-- 20261202230400). Non-billable projects (internal work) collect costs only.
--
-- Who: owners, admins and managers write; every member reads ACTIVE projects, because
-- everyone who logs time picks them in the timesheet grid; owners, admins, managers and
-- accountants also read closed ones.

create type public.project_status as enum ('active', 'closed');

create table public.projects (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  -- '' (the default) takes the next PRJ-<year>-<n> number.
  code text not null default '' check (code = '' or code ~ '^[A-Za-z0-9._-]{1,30}$'),
  name text not null check (length(btrim(name)) between 1 and 200),
  -- The customer.
  account_id uuid not null,
  deal_id uuid,
  -- The project manager: a member of the organisation.
  manager_id uuid,
  status public.project_status not null default 'active',
  billing_method text not null default 'time_and_materials' check (billing_method in ('time_and_materials', 'non_billable')),
  -- Price of an hour, in the project's currency (null: each employee's bill rate).
  hourly_rate numeric(18, 2) check (hourly_rate is null or hourly_rate >= 0),
  -- Billable expenses are invoiced at cost plus this mark-up.
  expense_markup_pct numeric(6, 2) not null default 0 check (expense_markup_pct between 0 and 1000),
  -- Tax rate of the project's invoice lines.
  tax_rate numeric(6, 3) not null default 0 check (tax_rate between 0 and 100),
  -- The service product invoiced time lines carry (so they post to service revenue), if any.
  time_product_id uuid,
  budget numeric(18, 2) check (budget is null or budget >= 0),
  -- '' (the default) means the customer's currency, else the organisation's base currency.
  currency text not null default '' check (currency ~ '^[A-Z]{3}$'),
  start_date date,
  end_date date,
  description text check (description is null or length(description) <= 5000),
  closed_at timestamptz,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, code),
  foreign key (org_id, account_id) references public.accounts (org_id, id),
  foreign key (org_id, deal_id) references public.deals (org_id, id),
  foreign key (org_id, manager_id) references public.memberships (org_id, user_id) on delete set null (manager_id),
  foreign key (org_id, time_product_id) references public.products (org_id, id),
  check (end_date is null or start_date is null or end_date >= start_date),
  check ((status = 'closed') = (closed_at is not null))
);
alter table public.projects enable row level security;
create index projects_org_idx on public.projects (org_id, status, code);
create index projects_account_idx on public.projects (org_id, account_id);
create index projects_manager_idx on public.projects (org_id, manager_id) where manager_id is not null;
-- A deal becomes one project.
create unique index projects_one_per_deal_idx on public.projects (org_id, deal_id) where deal_id is not null;

-- Defaults: the code, the currency (the customer's, else the base currency), and the
-- closing time that goes with the status.
create function private.project_defaults() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'INSERT' then
    if coalesce(new.code, '') = '' then
      new.code := private.next_document_number(new.org_id, 'PRJ', coalesce(new.start_date, current_date));
    end if;
    if coalesce(new.currency, '') = '' then
      select coalesce(a.currency, o.base_currency) into new.currency
      from public.organizations o left join public.accounts a on a.id = new.account_id where o.id = new.org_id;
    end if;
  elsif new.code = '' then
    raise exception 'A project keeps a code' using errcode = '23514';
  end if;
  if new.status = 'closed' and new.closed_at is null then
    new.closed_at := now();
  elsif new.status = 'active' then
    new.closed_at := null;
  end if;
  if new.time_product_id is not null
     and not exists (select 1 from public.products p where p.id = new.time_product_id and p.kind = 'service') then
    raise exception 'Time is invoiced as a service product' using errcode = '23514';
  end if;
  return new;
end;
$$;
create trigger projects_defaults before insert or update on public.projects
  for each row execute function private.project_defaults();
create trigger projects_touch before update on public.projects for each row execute function private.touch_updated_at();
create trigger projects_audit after insert or update or delete on public.projects for each row execute function private.audit_row();

-- RPC: a project from a won deal (the project page's "Create project" on a deal). Copies
-- the customer, the deal's title as the name, its amount as the budget and its currency;
-- the caller becomes the project manager. One project per deal (23505 with the existing
-- project's id in the detail). Owners, admins and managers.
create function public.create_project_from_deal(p_org_id uuid, p_deal_id uuid) returns public.projects
language plpgsql security definer set search_path = '' as $$
declare
  v_deal public.deals;
  v_project public.projects;
begin
  if not private.is_member(p_org_id) then
    raise exception 'Organisation not found' using errcode = 'P0002';
  end if;
  perform private.require_role(p_org_id, '{owner,admin,manager}', 'create projects');
  select * into v_deal from public.deals d where d.id = p_deal_id and d.org_id = p_org_id;
  if not found then
    raise exception 'Deal not found' using errcode = 'P0002';
  end if;
  if v_deal.status <> 'won' then
    raise exception 'Only a won deal becomes a project: mark "%" as won first', v_deal.title using errcode = '23514';
  end if;
  if v_deal.account_id is null then
    raise exception 'Deal "%" has no customer account', v_deal.title using errcode = '23514',
      hint = 'Set the deal''s account, then create the project';
  end if;
  select * into v_project from public.projects p where p.org_id = p_org_id and p.deal_id = p_deal_id;
  if found then
    raise exception 'Deal "%" already has project %', v_deal.title, v_project.code
      using errcode = '23505', detail = json_build_object('project_id', v_project.id)::text;
  end if;
  insert into public.projects (org_id, name, account_id, deal_id, manager_id, budget, currency, start_date)
  values (p_org_id, v_deal.title, v_deal.account_id, v_deal.id, (select auth.uid()), v_deal.amount, v_deal.currency,
    current_date)
  returning * into v_project;
  return v_project;
end;
$$;

revoke all on function private.project_defaults() from public;
revoke execute on function public.create_project_from_deal(uuid, uuid) from public, anon;
grant execute on function public.create_project_from_deal(uuid, uuid) to authenticated;

create policy projects_select on public.projects for select to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,accountant}'))
         or (status = 'active' and org_id in (select private.user_org_ids())));
create policy projects_write on public.projects for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager}')));

alter publication supabase_realtime add table public.projects;
