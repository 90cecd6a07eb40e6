-- People (issue 11): departments, employees (linked to a member's login where they have
-- one) and employee cost rates. DESIGN.md section 2, "People and time": owners, admins and
-- managers read and write; accountants read, including costs; every other role sees only
-- their own rows (here: their own employee record and their own department).
--
-- Cost rates are sensitive, so they live in their own table with their own policy
-- (DESIGN.md: "Sensitive columns ... live in their own table"): owners, admins and
-- accountants read and write them. Managers do NOT read individual rates: they approve
-- time, and approval captures the cost through the security definer helper
-- private.employee_cost_rate(), so they never need to see a rate; project-level costs
-- reach them only as totals through public.project_margin(). Employees never see any rate,
-- not even their own.

create table public.departments (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 200),
  parent_id uuid,
  -- The member who approves the time and expenses of the department (and of its
  -- sub-departments that have no manager of their own). Must hold the owner, admin or
  -- manager role to approve.
  manager_user_id uuid,
  archived_at timestamptz,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, name),
  foreign key (org_id, parent_id) references public.departments (org_id, id),
  foreign key (org_id, manager_user_id) references public.memberships (org_id, user_id) on delete set null (manager_user_id),
  check (parent_id is null or parent_id <> id)
);
alter table public.departments enable row level security;
create index departments_parent_idx on public.departments (org_id, parent_id) where parent_id is not null;
create index departments_manager_idx on public.departments (org_id, manager_user_id) where manager_user_id is not null;

create table public.employees (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  -- The member's login, if the person has one (one employee record per member).
  user_id uuid,
  full_name text not null check (length(btrim(full_name)) between 1 and 200),
  email text check (email is null or email ~* '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  department_id uuid,
  job_title text check (job_title is null or length(btrim(job_title)) between 1 and 200),
  -- What an hour of this person's time is billed at when the project sets no hourly rate
  -- (in the project's currency). A price, not a cost: cost rates are in employee_cost_rates.
  bill_rate numeric(18, 2) check (bill_rate is null or bill_rate >= 0),
  active boolean not null default true,
  hired_on date,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, user_id),
  foreign key (org_id, user_id) references public.memberships (org_id, user_id) on delete set null (user_id),
  foreign key (org_id, department_id) references public.departments (org_id, id) on delete set null (department_id)
);
alter table public.employees enable row level security;
create index employees_user_idx on public.employees (user_id) where user_id is not null;
create index employees_department_idx on public.employees (org_id, department_id) where department_id is not null;
create index employees_org_name_idx on public.employees (org_id, full_name);

-- Hourly cost of an employee from a date on, in the organisation's base currency.
create table public.employee_cost_rates (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  employee_id uuid not null,
  hourly_cost numeric(18, 4) not null check (hourly_cost >= 0),
  -- '' (the default) means the base currency; any other currency is refused.
  currency text not null default '' check (currency ~ '^[A-Z]{3}$'),
  valid_from date not null,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (employee_id, valid_from),
  foreign key (org_id, employee_id) references public.employees (org_id, id) on delete cascade
);
alter table public.employee_cost_rates enable row level security;
create index employee_cost_rates_org_idx on public.employee_cost_rates (org_id, employee_id, valid_from desc);

-- A department may not be its own ancestor.
create function private.departments_guard() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_seen uuid[] := array[new.id];
  v_next uuid := new.parent_id;
begin
  while v_next is not null loop
    if v_next = any (v_seen) then
      raise exception 'A department cannot be placed under itself or one of its sub-departments' using errcode = '23514';
    end if;
    v_seen := v_seen || v_next;
    select d.parent_id into v_next from public.departments d where d.id = v_next;
  end loop;
  return new;
end;
$$;
create trigger departments_guard before insert or update of parent_id on public.departments
  for each row execute function private.departments_guard();

-- Cost rates are in the base currency.
create function private.employee_cost_rates_currency() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_base text;
begin
  select o.base_currency into v_base from public.organizations o where o.id = new.org_id;
  if coalesce(new.currency, '') = '' then
    new.currency := v_base;
  elsif new.currency <> v_base then
    raise exception 'Cost rates are in the base currency (%), not %', v_base, new.currency using errcode = '23514';
  end if;
  return new;
end;
$$;
create trigger employee_cost_rates_currency before insert or update of currency on public.employee_cost_rates
  for each row execute function private.employee_cost_rates_currency();

create trigger departments_touch before update on public.departments for each row execute function private.touch_updated_at();
create trigger employees_touch before update on public.employees for each row execute function private.touch_updated_at();
create trigger employee_cost_rates_touch before update on public.employee_cost_rates for each row execute function private.touch_updated_at();
create trigger departments_audit after insert or update or delete on public.departments for each row execute function private.audit_row();
create trigger employees_audit after insert or update or delete on public.employees for each row execute function private.audit_row();
create trigger employee_cost_rates_audit after insert or update or delete on public.employee_cost_rates for each row execute function private.audit_row();

-- GDPR erasure anonymises the employee record of the erased login.
insert into private.personal_data_fields values
  ('employees', 'user_id', 'user_id', '{"full_name": "Erased person", "email": null}')
on conflict (table_name) do nothing;

-- The hourly cost of an employee on a date (the rate valid from the latest date on or
-- before it), or null when none is recorded. Definer: approvers capture costs they may
-- not read.
create function private.employee_cost_rate(p_employee_id uuid, p_date date) returns numeric
language sql stable security definer set search_path = '' as $$
  select r.hourly_cost from public.employee_cost_rates r
  where r.employee_id = p_employee_id and r.valid_from <= p_date
  order by r.valid_from desc limit 1
$$;

-- Policy helpers: the caller's own employee records (one per organisation at most) and
-- their departments, as sets evaluated once per statement.
create function private.my_employee_ids() returns setof uuid
language plpgsql stable security definer rows 5 set search_path = '' as $$
begin
  return query select e.id from public.employees e where e.user_id = (select auth.uid());
end;
$$;

create function private.my_department_ids() returns setof uuid
language plpgsql stable security definer rows 5 set search_path = '' as $$
begin
  return query select e.department_id from public.employees e
    where e.user_id = (select auth.uid()) and e.department_id is not null;
end;
$$;

-- May the caller approve (or reject) the time and expenses of employee p_employee_id?
-- Nobody approves their own. Owners and admins approve anyone else's. A manager approves
-- when the employee's department, or the nearest department above it that has a
-- manager, is managed by them; when no department on the way up has a manager (or the
-- employee has no department), any manager may.
create function private.can_approve(p_org_id uuid, p_employee_id uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
declare
  v_uid uuid := (select auth.uid());
  v_employee public.employees;
  v_manager uuid;
begin
  select * into v_employee from public.employees e where e.id = p_employee_id and e.org_id = p_org_id;
  if not found or v_uid is null or v_employee.user_id is not distinct from v_uid then
    return false;
  end if;
  if private.has_role(p_org_id, '{owner,admin}') then
    return true;
  end if;
  if not private.has_role(p_org_id, '{manager}') then
    return false;
  end if;
  with recursive chain as (
    select d.id, d.parent_id, d.manager_user_id, 1 as depth from public.departments d where d.id = v_employee.department_id
    union all
    select d.id, d.parent_id, d.manager_user_id, c.depth + 1
    from public.departments d join chain c on d.id = c.parent_id
    where c.manager_user_id is null and c.depth < 100
  )
  select c.manager_user_id into v_manager from chain c where c.manager_user_id is not null order by c.depth limit 1;
  return v_manager is null or v_manager = v_uid;
end;
$$;

revoke all on function private.departments_guard(), private.employee_cost_rates_currency(),
  private.employee_cost_rate(uuid, date), private.my_employee_ids(), private.my_department_ids(),
  private.can_approve(uuid, uuid) from public;
grant execute on function private.my_employee_ids(), private.my_department_ids() to authenticated, service_role;

-- Policies. Departments: owners, admins and managers write; accountants read all; every
-- other member reads the department they belong to.
create policy departments_select on public.departments for select to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,accountant}'))
         or id in (select private.my_department_ids()));
create policy departments_write on public.departments for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager}')));

-- Employees: owners, admins and managers write; accountants read all; everyone reads
-- their own record (to log their time), but changes to it are the managers'.
create policy employees_select on public.employees for select to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,accountant}'))
         or id in (select private.my_employee_ids()));
create policy employees_write on public.employees for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager}')));

-- Cost rates: owners, admins and accountants only.
create policy employee_cost_rates_all on public.employee_cost_rates for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,accountant}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,accountant}')));
