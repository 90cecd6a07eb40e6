-- Timesheets (issue 11): hours per employee, project (or production order) and day,
-- entered in a weekly grid and approved by a manager.
--
-- Lifecycle: draft → submitted → approved | rejected.
--  - draft and rejected entries are editable (and deletable) by the employee and by owners,
--    admins and managers; editing a rejected entry makes it a draft again;
--  - submitted entries are locked; the employee (or a manager) may withdraw a submitted
--    week back to draft with withdraw_timesheet_week() as long as nobody decided on it;
--  - approved entries never change (only invoicing marks them, through
--    create_project_invoice()). Approval captures the cost of the hours at the employee's
--    cost rate of the entry's date into timesheet_costs, so later rate changes do not
--    rewrite history.
-- Status, approval and invoicing columns change only through the RPCs below, which set
-- private.posting for their own writes (the guard refuses everything else).
--
-- Who (DESIGN.md section 2, "People and time"): everyone reads and edits their own
-- entries (through employees.user_id); owners, admins and managers read and write all of
-- the organisation's; accountants read all. Approvers: see private.can_approve().
-- Labour on a production order: approving (or later costing) its time sets the order's
-- labour_cost to the captured cost of all its approved time, through the manufacturing
-- module's private.set_production_order_labour_cost(), while the order is planned or in
-- progress (a done order's labour is settled and stays as it was).
-- Costs live in their own table (timesheet_costs), readable like cost rates (owners,
-- admins, accountants): hours × cost would otherwise reveal an employee's rate to anyone
-- who reads the entry.

create type public.approval_status as enum ('draft', 'submitted', 'approved', 'rejected');

create table public.timesheet_entries (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  employee_id uuid not null,
  project_id uuid,
  -- Labour on a production order (manufacturing).
  production_order_id uuid,
  entry_date date not null,
  hours numeric(5, 2) not null check (hours > 0 and hours <= 24),
  description text check (description is null or length(description) <= 1000),
  billable boolean not null default true,
  status public.approval_status not null default 'draft',
  submitted_at timestamptz,
  approved_by uuid references auth.users (id) on delete set null,
  approved_at timestamptz,
  rejected_by uuid references auth.users (id) on delete set null,
  rejected_at timestamptz,
  rejection_reason text check (rejection_reason is null or length(btrim(rejection_reason)) between 1 and 1000),
  -- The invoice that billed these hours (set by create_project_invoice()).
  invoiced_invoice_id uuid,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  -- One grid cell per employee, project (or production order) and day.
  unique nulls not distinct (employee_id, project_id, production_order_id, entry_date),
  foreign key (org_id, employee_id) references public.employees (org_id, id),
  foreign key (org_id, project_id) references public.projects (org_id, id),
  foreign key (org_id, invoiced_invoice_id) references public.invoices (org_id, id),
  check (project_id is not null or production_order_id is not null),
  check ((status = 'approved') = (approved_at is not null)),
  check ((status = 'rejected') = (rejected_at is not null)),
  check (invoiced_invoice_id is null or (status = 'approved' and billable and project_id is not null))
);
alter table public.timesheet_entries enable row level security;
create index timesheet_entries_employee_idx on public.timesheet_entries (org_id, employee_id, entry_date);
create index timesheet_entries_project_idx on public.timesheet_entries (org_id, project_id, status) where project_id is not null;
create index timesheet_entries_status_idx on public.timesheet_entries (org_id, status, entry_date);
create index timesheet_entries_invoice_idx on public.timesheet_entries (org_id, invoiced_invoice_id) where invoiced_invoice_id is not null;
create index timesheet_entries_production_order_idx on public.timesheet_entries (org_id, production_order_id)
  where production_order_id is not null;

-- Labour on production orders (manufacturing, 20261202220100).
alter table public.timesheet_entries add constraint timesheet_entries_production_order_fk
  foreign key (org_id, production_order_id) references public.production_orders (org_id, id);

-- The cost of approved hours, captured at approval (base currency).
create table public.timesheet_costs (
  entry_id uuid primary key,
  org_id uuid not null references public.organizations (id) on delete cascade,
  hourly_cost numeric(18, 4) not null check (hourly_cost >= 0),
  cost_amount numeric(18, 2) not null check (cost_amount >= 0),
  costed_at timestamptz not null default now(),
  foreign key (org_id, entry_id) references public.timesheet_entries (org_id, id) on delete cascade
);
alter table public.timesheet_costs enable row level security;
create index timesheet_costs_org_idx on public.timesheet_costs (org_id);

-- Editing rules (see the header). Billable follows a non-billable project.
create function private.timesheet_guard() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_project public.projects;
begin
  if coalesce(current_setting('private.posting', true), '') = 'on' then
    return coalesce(new, old);
  end if;
  if tg_op = 'DELETE' and not exists (select 1 from public.organizations o where o.id = old.org_id) then
    return old;
  end if;
  if tg_op in ('UPDATE', 'DELETE') and old.status in ('submitted', 'approved') then
    raise exception 'This time entry is % and can no longer change', old.status using errcode = '42501',
      hint = case when old.status = 'submitted' then 'Withdraw the week to edit it' else 'Approved time is final' end;
  end if;
  if tg_op = 'DELETE' then
    return old;
  end if;
  if tg_op = 'INSERT' then
    if new.status <> 'draft' or new.submitted_at is not null or new.approved_by is not null or new.approved_at is not null
       or new.rejected_by is not null or new.rejected_at is not null or new.rejection_reason is not null
       or new.invoiced_invoice_id is not null then
      raise exception 'New time entries are drafts: submit, approve and reject them with their actions' using errcode = '42501';
    end if;
  else
    if new.org_id <> old.org_id or new.employee_id <> old.employee_id then
      raise exception 'A time entry stays with its employee' using errcode = '42501';
    end if;
    if new.status is distinct from old.status or new.submitted_at is distinct from old.submitted_at
       or new.approved_by is distinct from old.approved_by or new.approved_at is distinct from old.approved_at
       or new.rejected_by is distinct from old.rejected_by or new.rejected_at is distinct from old.rejected_at
       or new.rejection_reason is distinct from old.rejection_reason
       or new.invoiced_invoice_id is distinct from old.invoiced_invoice_id then
      raise exception 'Submit, approve and reject time with their actions' using errcode = '42501';
    end if;
    -- Editing a rejected entry reopens it.
    if old.status = 'rejected' then
      new.status := 'draft';
      new.rejected_by := null;
      new.rejected_at := null;
      new.rejection_reason := null;
    end if;
  end if;
  if new.project_id is not null then
    select * into v_project from public.projects p where p.id = new.project_id;
    if v_project.status = 'closed' then
      raise exception 'Project % is closed', v_project.code using errcode = '23514';
    end if;
    if v_project.billing_method = 'non_billable' then
      new.billable := false;
    end if;
  else
    new.billable := false;
  end if;
  if new.production_order_id is not null
     and not exists (select 1 from public.production_orders o
                     where o.id = new.production_order_id and o.status in ('planned', 'in_progress')) then
    raise exception 'Labour is logged on planned or running production orders' using errcode = '23514';
  end if;
  if not exists (select 1 from public.employees e where e.id = new.employee_id and e.active) then
    raise exception 'Time is logged for active employees' using errcode = '23514';
  end if;
  return new;
end;
$$;
create trigger timesheet_entries_guard before insert or update or delete on public.timesheet_entries
  for each row execute function private.timesheet_guard();

-- Nobody logs more than 24 hours on a day. save_timesheet_week() moves hours between
-- cells one at a time, so it checks its whole week once at the end instead.
create function private.check_timesheet_days(p_employee_id uuid, p_from date, p_to date) returns void
language plpgsql stable security definer set search_path = '' as $$
declare
  v_day record;
begin
  select t.entry_date, sum(t.hours) as hours into v_day from public.timesheet_entries t
  where t.employee_id = p_employee_id and t.entry_date between p_from and p_to
  group by t.entry_date having sum(t.hours) > 24 order by t.entry_date limit 1;
  if found then
    raise exception 'More than 24 hours on % (% h)', v_day.entry_date, v_day.hours using errcode = '23514';
  end if;
end;
$$;

create function private.timesheet_day_total() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if coalesce(current_setting('private.timesheet_week', true), '') <> 'on' then
    perform private.check_timesheet_days(new.employee_id, new.entry_date, new.entry_date);
  end if;
  return null;
end;
$$;
create trigger timesheet_entries_day_total after insert or update of hours, entry_date on public.timesheet_entries
  for each row execute function private.timesheet_day_total();

create function private.timesheet_costs_guard() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if coalesce(current_setting('private.posting', true), '') = 'on' then
    return coalesce(new, old);
  end if;
  if tg_op = 'DELETE' and not exists (select 1 from public.organizations o where o.id = old.org_id) then
    return old;
  end if;
  raise exception 'The cost of time is captured when it is approved' using errcode = '42501';
end;
$$;
create trigger timesheet_costs_guard before insert or update or delete on public.timesheet_costs
  for each row execute function private.timesheet_costs_guard();

create trigger timesheet_entries_touch before update on public.timesheet_entries
  for each row execute function private.touch_updated_at();
create trigger timesheet_entries_audit after insert or update or delete on public.timesheet_entries
  for each row execute function private.audit_row();
create trigger timesheet_costs_audit after insert or update or delete on public.timesheet_costs
  for each row execute function private.audit_row('org_id', 'entry_id');

-- Whether the caller may enter, submit or withdraw the time of p_employee_id: their own,
-- or anyone's in the organisation as an owner, admin or manager.
create function private.may_record_for(p_org_id uuid, p_employee_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.employees e
    where e.id = p_employee_id and e.org_id = p_org_id
      and (e.user_id = (select auth.uid()) or private.has_role(p_org_id, '{owner,admin,manager}'))
  )
$$;

create function private.check_record_for(p_org_id uuid, p_employee_id uuid) returns void
language plpgsql stable security definer set search_path = '' as $$
begin
  if not private.is_member(p_org_id)
     or not exists (select 1 from public.employees e where e.id = p_employee_id and e.org_id = p_org_id) then
    raise exception 'Employee not found' using errcode = 'P0002';
  end if;
  if not private.may_record_for(p_org_id, p_employee_id) then
    raise exception 'You may only record your own time and expenses' using errcode = '42501';
  end if;
end;
$$;

-- RPC: saves one employee's week of the timesheet grid in one transaction.
-- p_entries: the grid's cells [{project_id | production_order_id, entry_date, hours,
-- description?, billable?}], entry_date within p_week_start .. p_week_start + 6.
-- Per cell: hours > 0 inserts it or updates the existing draft/rejected cell (a rejected
-- cell becomes a draft again); hours 0 or null removes an editable cell. Draft and
-- rejected cells of the week that are not sent are removed too (the grid sends the whole
-- week). Submitted and approved cells may be sent unchanged or left out, and stay as
-- they are; a change to one is refused (42501) and nothing is saved. Returns the week's
-- cells after saving. The employee, or an owner, admin or manager of the organisation.
create function public.save_timesheet_week(p_org_id uuid, p_employee_id uuid, p_week_start date, p_entries jsonb)
returns setof public.timesheet_entries
language plpgsql security invoker set search_path = '' as $$
declare
  v_cell jsonb;
  v_date date;
  v_hours numeric;
  v_project uuid;
  v_order uuid;
  v_existing public.timesheet_entries;
  v_kept uuid[] := '{}';
begin
  perform private.check_record_for(p_org_id, p_employee_id);
  perform set_config('private.timesheet_week', 'on', true);
  if p_week_start is null then
    raise exception 'Give the first day of the week' using errcode = '22023';
  end if;
  if p_entries is null or jsonb_typeof(p_entries) <> 'array' then
    raise exception 'The week''s cells are an array' using errcode = '22023';
  end if;
  for v_cell in select * from jsonb_array_elements(p_entries) loop
    v_date := (v_cell ->> 'entry_date')::date;
    v_hours := coalesce((v_cell ->> 'hours')::numeric, 0);
    v_project := (v_cell ->> 'project_id')::uuid;
    v_order := (v_cell ->> 'production_order_id')::uuid;
    if v_date is null or v_date not between p_week_start and p_week_start + 6 then
      raise exception 'Cell dates fall in the week of % (got %)', p_week_start, coalesce(v_date::text, 'none')
        using errcode = '22023';
    end if;
    if v_project is null and v_order is null then
      raise exception 'Each cell names a project or a production order' using errcode = '22023';
    end if;
    if v_hours < 0 or v_hours > 24 or round(v_hours, 2) <> v_hours then
      raise exception 'Hours are between 0 and 24, in hundredths (got % on %)', v_hours, v_date using errcode = '22023';
    end if;
    select * into v_existing from public.timesheet_entries t
    where t.employee_id = p_employee_id and t.entry_date = v_date
      and t.project_id is not distinct from v_project and t.production_order_id is not distinct from v_order
    for update;
    if v_existing.id is not null and v_existing.id = any (v_kept) then
      raise exception 'The cell of % on % is given twice', coalesce(v_project, v_order), v_date using errcode = '22023';
    end if;
    if v_existing.id is null then
      if v_hours > 0 then
        insert into public.timesheet_entries (org_id, employee_id, project_id, production_order_id, entry_date, hours,
          description, billable)
        values (p_org_id, p_employee_id, v_project, v_order, v_date, v_hours, nullif(btrim(v_cell ->> 'description'), ''),
          coalesce((v_cell ->> 'billable')::boolean, true))
        returning * into v_existing;
        v_kept := v_kept || v_existing.id;
      end if;
    elsif v_existing.status in ('submitted', 'approved') then
      if v_hours <> v_existing.hours
         or (v_cell ? 'description' and nullif(btrim(v_cell ->> 'description'), '') is distinct from v_existing.description)
         or (v_cell ? 'billable' and (v_cell ->> 'billable')::boolean is distinct from v_existing.billable) then
        raise exception 'The time on % is % and can no longer change', v_date, v_existing.status using errcode = '42501',
          hint = case when v_existing.status = 'submitted' then 'Withdraw the week to edit it' else 'Approved time is final' end;
      end if;
      v_kept := v_kept || v_existing.id;
    elsif v_hours = 0 then
      delete from public.timesheet_entries t where t.id = v_existing.id;
    else
      update public.timesheet_entries t
      set hours = v_hours,
          description = case when v_cell ? 'description' then nullif(btrim(v_cell ->> 'description'), '') else t.description end,
          billable = case when v_cell ? 'billable' then (v_cell ->> 'billable')::boolean else t.billable end
      where t.id = v_existing.id;
      v_kept := v_kept || v_existing.id;
    end if;
    v_existing := null;
  end loop;
  -- Editable cells the grid no longer shows.
  delete from public.timesheet_entries t
  where t.employee_id = p_employee_id and t.entry_date between p_week_start and p_week_start + 6
    and t.status in ('draft', 'rejected') and t.id <> all (v_kept);
  perform set_config('private.timesheet_week', 'off', true);
  perform private.check_timesheet_days(p_employee_id, p_week_start, p_week_start + 6);
  return query select * from public.timesheet_entries t
    where t.employee_id = p_employee_id and t.entry_date between p_week_start and p_week_start + 6
    order by t.entry_date, t.project_id, t.production_order_id;
end;
$$;

-- RPC: submits the week's draft and rejected entries for approval. Returns the entries
-- submitted; 23514 when there is nothing to submit. The employee, or an owner, admin or
-- manager.
create function public.submit_timesheet_week(p_org_id uuid, p_employee_id uuid, p_week_start date)
returns setof public.timesheet_entries
language plpgsql security definer set search_path = '' as $$
begin
  perform private.check_record_for(p_org_id, p_employee_id);
  perform set_config('private.posting', 'on', true);
  return query
    update public.timesheet_entries t
    set status = 'submitted', submitted_at = now(), rejected_by = null, rejected_at = null, rejection_reason = null
    where t.org_id = p_org_id and t.employee_id = p_employee_id
      and t.entry_date between p_week_start and p_week_start + 6 and t.status in ('draft', 'rejected')
    returning t.*;
  -- (FOUND is RETURN QUERY's until the next statement.)
  if not found then
    raise exception 'Nothing to submit in the week of %', p_week_start using errcode = '23514';
  end if;
  perform set_config('private.posting', 'off', true);
end;
$$;

-- RPC: takes a submitted week back to draft before anyone decided on it (the employee
-- changed their mind). Returns the entries withdrawn; 23514 when none are submitted.
-- The employee, or an owner, admin or manager.
create function public.withdraw_timesheet_week(p_org_id uuid, p_employee_id uuid, p_week_start date)
returns setof public.timesheet_entries
language plpgsql security definer set search_path = '' as $$
begin
  perform private.check_record_for(p_org_id, p_employee_id);
  perform set_config('private.posting', 'on', true);
  return query
    update public.timesheet_entries t set status = 'draft', submitted_at = null
    where t.org_id = p_org_id and t.employee_id = p_employee_id
      and t.entry_date between p_week_start and p_week_start + 6 and t.status = 'submitted'
    returning t.*;
  if not found then
    raise exception 'Nothing is waiting for approval in the week of %', p_week_start using errcode = '23514';
  end if;
  perform set_config('private.posting', 'off', true);
end;
$$;

-- Locks the submitted entries p_ids of the organisation for a decision by the caller:
-- all of them exist, are submitted, and the caller may approve each (else nothing changes).
create function private.lock_for_decision(p_org_id uuid, p_ids uuid[], p_what text) returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_entry record;
begin
  if not private.is_member(p_org_id) then
    raise exception 'Organisation not found' using errcode = 'P0002';
  end if;
  perform private.require_role(p_org_id, '{owner,admin,manager}', p_what);
  if p_ids is null or cardinality(p_ids) = 0 then
    raise exception 'Choose the time entries to decide on' using errcode = '22023';
  end if;
  if (select count(*) from public.timesheet_entries t where t.org_id = p_org_id and t.id = any (p_ids))
     <> (select count(distinct i) from unnest(p_ids) i) then
    raise exception 'Time entry not found' using errcode = 'P0002';
  end if;
  for v_entry in
    select t.id, t.status, t.entry_date, t.employee_id, e.full_name
    from public.timesheet_entries t join public.employees e on e.id = t.employee_id
    where t.org_id = p_org_id and t.id = any (p_ids) order by t.id for update of t
  loop
    if v_entry.status <> 'submitted' then
      raise exception 'The time of % on % is %, not waiting for approval', v_entry.full_name, v_entry.entry_date,
        v_entry.status using errcode = '23514';
    end if;
    if not private.can_approve(p_org_id, v_entry.employee_id) then
      raise exception 'You may not % the time of %', p_what, v_entry.full_name using errcode = '42501',
        hint = 'Nobody approves their own time; departments with a manager are approved by that manager';
    end if;
  end loop;
end;
$$;

-- Keeps the labour cost of the open production orders that time entries p_ids are logged
-- on equal to the captured cost of all their approved time.
create function private.sync_production_labour(p_ids uuid[]) returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_order record;
begin
  for v_order in
    select o.id, coalesce((select sum(c.cost_amount) from public.timesheet_entries t
                           join public.timesheet_costs c on c.entry_id = t.id
                           where t.production_order_id = o.id and t.status = 'approved'), 0) as cost
    from public.production_orders o
    where o.id in (select t.production_order_id from public.timesheet_entries t
                   where t.id = any (p_ids) and t.production_order_id is not null)
      and o.status in ('planned', 'in_progress')
    order by o.id
  loop
    perform private.set_production_order_labour_cost(v_order.id, v_order.cost);
  end loop;
end;
$$;

-- RPC: approves submitted entries (all or none) and captures their cost at the
-- employee's cost rate of each entry's date (entries without a rate stay uncosted until
-- cost_uncosted_timesheets()); labour on open production orders follows. Owners and admins approve anyone else's time; managers
-- that of their department (see private.can_approve); nobody their own.
create function public.approve_timesheets(p_org_id uuid, p_ids uuid[])
returns setof public.timesheet_entries
language plpgsql security definer set search_path = '' as $$
begin
  perform private.lock_for_decision(p_org_id, p_ids, 'approve');
  perform set_config('private.posting', 'on', true);
  update public.timesheet_entries t set status = 'approved', approved_by = (select auth.uid()), approved_at = now()
  where t.org_id = p_org_id and t.id = any (p_ids);
  insert into public.timesheet_costs (entry_id, org_id, hourly_cost, cost_amount)
  select t.id, t.org_id, r.rate, round(t.hours * r.rate, 2)
  from public.timesheet_entries t
  cross join lateral (select private.employee_cost_rate(t.employee_id, t.entry_date) as rate) r
  where t.org_id = p_org_id and t.id = any (p_ids) and r.rate is not null;
  perform private.sync_production_labour(p_ids);
  perform set_config('private.posting', 'off', true);
  return query select * from public.timesheet_entries t where t.org_id = p_org_id and t.id = any (p_ids)
    order by t.entry_date, t.id;
end;
$$;

-- RPC: rejects submitted entries (all or none) with a reason; the employee edits and
-- submits them again. Same approvers as approve_timesheets().
create function public.reject_timesheets(p_org_id uuid, p_ids uuid[], p_reason text)
returns setof public.timesheet_entries
language plpgsql security definer set search_path = '' as $$
begin
  if nullif(btrim(p_reason), '') is null then
    raise exception 'Say why the time is rejected' using errcode = '22023';
  end if;
  perform private.lock_for_decision(p_org_id, p_ids, 'reject');
  perform set_config('private.posting', 'on', true);
  update public.timesheet_entries t
  set status = 'rejected', rejected_by = (select auth.uid()), rejected_at = now(), rejection_reason = btrim(p_reason)
  where t.org_id = p_org_id and t.id = any (p_ids);
  perform set_config('private.posting', 'off', true);
  return query select * from public.timesheet_entries t where t.org_id = p_org_id and t.id = any (p_ids)
    order by t.entry_date, t.id;
end;
$$;

-- RPC: costs approved entries that had no cost rate when they were approved, at the rate
-- now recorded for their date. Returns how many were costed. Owners, admins, accountants.
create function public.cost_uncosted_timesheets(p_org_id uuid) returns int
language plpgsql security definer set search_path = '' as $$
declare
  v_count int;
begin
  if not private.is_member(p_org_id) then
    raise exception 'Organisation not found' using errcode = 'P0002';
  end if;
  perform private.require_role(p_org_id, '{owner,admin,accountant}', 'cost time');
  perform set_config('private.posting', 'on', true);
  insert into public.timesheet_costs (entry_id, org_id, hourly_cost, cost_amount)
  select t.id, t.org_id, r.rate, round(t.hours * r.rate, 2)
  from public.timesheet_entries t
  cross join lateral (select private.employee_cost_rate(t.employee_id, t.entry_date) as rate) r
  where t.org_id = p_org_id and t.status = 'approved' and r.rate is not null
    and not exists (select 1 from public.timesheet_costs c where c.entry_id = t.id)
  on conflict (entry_id) do nothing;
  get diagnostics v_count = row_count;
  perform private.sync_production_labour(array(
    select c.entry_id from public.timesheet_costs c join public.timesheet_entries t on t.id = c.entry_id
    where c.org_id = p_org_id and t.production_order_id is not null and c.costed_at = now()));
  perform set_config('private.posting', 'off', true);
  return v_count;
end;
$$;

revoke all on function private.timesheet_guard(), private.timesheet_day_total(), private.timesheet_costs_guard(),
  private.check_timesheet_days(uuid, date, date),
  private.may_record_for(uuid, uuid), private.check_record_for(uuid, uuid),
  private.lock_for_decision(uuid, uuid[], text), private.sync_production_labour(uuid[]) from public;
grant execute on function private.check_record_for(uuid, uuid), private.check_timesheet_days(uuid, date, date) to authenticated;
revoke execute on function public.save_timesheet_week(uuid, uuid, date, jsonb),
  public.submit_timesheet_week(uuid, uuid, date), public.withdraw_timesheet_week(uuid, uuid, date),
  public.approve_timesheets(uuid, uuid[]), public.reject_timesheets(uuid, uuid[], text),
  public.cost_uncosted_timesheets(uuid) from public, anon;
grant execute on function public.save_timesheet_week(uuid, uuid, date, jsonb),
  public.submit_timesheet_week(uuid, uuid, date), public.withdraw_timesheet_week(uuid, uuid, date),
  public.approve_timesheets(uuid, uuid[]), public.reject_timesheets(uuid, uuid[], text),
  public.cost_uncosted_timesheets(uuid) to authenticated;

create policy timesheet_entries_select on public.timesheet_entries for select to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,accountant}'))
         or employee_id in (select private.my_employee_ids()));
create policy timesheet_entries_write on public.timesheet_entries for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager}'))
         or employee_id in (select private.my_employee_ids()))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager}'))
              or employee_id in (select private.my_employee_ids()));
create policy timesheet_costs_select on public.timesheet_costs for select to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,accountant}')));
revoke insert, update, delete on public.timesheet_costs from anon, authenticated;

alter publication supabase_realtime add table public.timesheet_entries;
