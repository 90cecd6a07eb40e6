-- Expenses (issue 11): what employees spent (on a project or not), with the receipt as a
-- file in the private Storage bucket "receipts" at <org_id>/<expense_id>/<file name>.
--
-- Lifecycle: draft → submitted → approved | rejected; approved → invoiced when a billable
-- expense is billed through create_project_invoice(). Editing rules and approvers are
-- those of timesheets (20261202230200): the employee and owners, admins and managers edit
-- draft and rejected expenses (editing a rejected one makes it a draft again); submitted
-- ones can be withdrawn to draft; approved and invoiced ones never change. Approval fixes
-- amount_base, the amount in the base currency at the expense date's rate, which is what
-- the project's costs count.
--
-- Amounts: `amount` is net of tax, `tax_amount` the (recoverable) input tax on top; the
-- project's cost is the net amount.
--
-- Who: everyone reads and edits their own expenses (through employees.user_id); owners,
-- admins and managers all of the organisation's; accountants read all. Receipt files:
-- the employee adds, replaces and removes them while the expense is editable, and reads
-- them; owners, admins, managers and accountants read the organisation's; owners, admins
-- and managers may also add them for an editable expense.

create type public.expense_status as enum ('draft', 'submitted', 'approved', 'rejected', 'invoiced');

create table public.expenses (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  employee_id uuid not null,
  project_id uuid,
  expense_date date not null default current_date,
  category text not null check (length(btrim(category)) between 1 and 100),
  description text check (description is null or length(description) <= 1000),
  amount numeric(18, 2) not null check (amount > 0),
  tax_amount numeric(18, 2) not null default 0 check (tax_amount >= 0),
  -- '' (the default) means the organisation's base currency.
  currency text not null default '' check (currency ~ '^[A-Z]{3}$'),
  -- Set at approval: `amount` in the base currency at the rate of the expense date.
  amount_base numeric(18, 2),
  billable boolean not null default false,
  -- The receipt in Storage (bucket "receipts"): <org_id>/<id>/<file name>.
  receipt_path text check (receipt_path is null or length(receipt_path) <= 500),
  status public.expense_status not null default 'draft',
  submitted_at timestamptz,
  approved_by uuid references auth.users (id) on delete set null,
  approved_at timestamptz,
  rejected_by uuid references auth.users (id) on delete set null,
  rejected_at timestamptz,
  rejection_reason text check (rejection_reason is null or length(btrim(rejection_reason)) between 1 and 1000),
  invoiced_invoice_id uuid,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  foreign key (org_id, employee_id) references public.employees (org_id, id),
  foreign key (org_id, project_id) references public.projects (org_id, id),
  foreign key (org_id, invoiced_invoice_id) references public.invoices (org_id, id),
  check (receipt_path is null or starts_with(receipt_path, org_id::text || '/' || id::text || '/')),
  check (not billable or project_id is not null),
  check ((status in ('approved', 'invoiced')) = (approved_at is not null and amount_base is not null)),
  check ((status = 'rejected') = (rejected_at is not null)),
  check ((status = 'invoiced') = (invoiced_invoice_id is not null))
);
alter table public.expenses enable row level security;
create index expenses_employee_idx on public.expenses (org_id, employee_id, expense_date);
create index expenses_project_idx on public.expenses (org_id, project_id, status) where project_id is not null;
create index expenses_status_idx on public.expenses (org_id, status, expense_date);
create index expenses_invoice_idx on public.expenses (org_id, invoiced_invoice_id) where invoiced_invoice_id is not null;

-- Editing rules (see the header), the base currency default, and billable only on
-- billable projects.
create function private.expense_guard() returns trigger
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
  if tg_op in ('UPDATE', 'DELETE') and old.status in ('submitted', 'approved', 'invoiced') then
    raise exception 'This expense is % and can no longer change', old.status using errcode = '42501',
      hint = case when old.status = 'submitted' then 'Withdraw it to edit it' else 'Approved expenses are final' end;
  end if;
  if tg_op = 'DELETE' then
    return old;
  end if;
  if tg_op = 'INSERT' then
    if new.status <> 'draft' or new.submitted_at is not null or new.approved_by is not null or new.approved_at is not null
       or new.rejected_by is not null or new.rejected_at is not null or new.rejection_reason is not null
       or new.amount_base is not null or new.invoiced_invoice_id is not null then
      raise exception 'New expenses are drafts: submit, approve and reject them with their actions' using errcode = '42501';
    end if;
    if coalesce(new.currency, '') = '' then
      select o.base_currency into new.currency from public.organizations o where o.id = new.org_id;
    end if;
  else
    if new.org_id <> old.org_id or new.employee_id <> old.employee_id then
      raise exception 'An expense stays with its employee' using errcode = '42501';
    end if;
    if new.status is distinct from old.status or new.submitted_at is distinct from old.submitted_at
       or new.approved_by is distinct from old.approved_by or new.approved_at is distinct from old.approved_at
       or new.rejected_by is distinct from old.rejected_by or new.rejected_at is distinct from old.rejected_at
       or new.rejection_reason is distinct from old.rejection_reason or new.amount_base is distinct from old.amount_base
       or new.invoiced_invoice_id is distinct from old.invoiced_invoice_id then
      raise exception 'Submit, approve and reject expenses with their actions' using errcode = '42501';
    end if;
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
  end if;
  return new;
end;
$$;
create trigger expenses_guard before insert or update or delete on public.expenses
  for each row execute function private.expense_guard();
create trigger expenses_touch before update on public.expenses for each row execute function private.touch_updated_at();
create trigger expenses_audit after insert or update or delete on public.expenses for each row execute function private.audit_row();

-- The expenses p_ids of the organisation, locked, for an action on them by the caller:
-- every one exists and is in one of p_statuses; with p_decide the caller must be allowed
-- to approve each one (else the employee's own or a manager's, as for time entries).
create function private.lock_expenses(p_org_id uuid, p_ids uuid[], p_statuses public.expense_status[], p_what text,
  p_decide boolean) returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_expense record;
begin
  if not private.is_member(p_org_id) then
    raise exception 'Organisation not found' using errcode = 'P0002';
  end if;
  if p_decide then
    perform private.require_role(p_org_id, '{owner,admin,manager}', p_what || ' expenses');
  end if;
  if p_ids is null or cardinality(p_ids) = 0 then
    raise exception 'Choose the expenses to %', p_what using errcode = '22023';
  end if;
  if (select count(*) from public.expenses x where x.org_id = p_org_id and x.id = any (p_ids))
     <> (select count(distinct i) from unnest(p_ids) i) then
    raise exception 'Expense not found' using errcode = 'P0002';
  end if;
  for v_expense in
    select x.id, x.status, x.category, x.expense_date, x.employee_id, e.full_name
    from public.expenses x join public.employees e on e.id = x.employee_id
    where x.org_id = p_org_id and x.id = any (p_ids) order by x.id for update of x
  loop
    if v_expense.status <> all (p_statuses) then
      raise exception 'The expense of % (% on %) is %', v_expense.full_name, v_expense.category, v_expense.expense_date,
        v_expense.status using errcode = '23514';
    end if;
    if p_decide and not private.can_approve(p_org_id, v_expense.employee_id) then
      raise exception 'You may not % the expenses of %', p_what, v_expense.full_name using errcode = '42501',
        hint = 'Nobody approves their own expenses; departments with a manager are approved by that manager';
    end if;
    if not p_decide and not private.may_record_for(p_org_id, v_expense.employee_id) then
      raise exception 'You may only % your own expenses', p_what using errcode = '42501';
    end if;
  end loop;
end;
$$;

-- RPC: submits draft or rejected expenses for approval (all or none). The employee, or
-- an owner, admin or manager.
create function public.submit_expenses(p_org_id uuid, p_ids uuid[]) returns setof public.expenses
language plpgsql security definer set search_path = '' as $$
begin
  perform private.lock_expenses(p_org_id, p_ids, '{draft,rejected}', 'submit', false);
  perform set_config('private.posting', 'on', true);
  return query
    update public.expenses x
    set status = 'submitted', submitted_at = now(), rejected_by = null, rejected_at = null, rejection_reason = null
    where x.org_id = p_org_id and x.id = any (p_ids) returning x.*;
  perform set_config('private.posting', 'off', true);
end;
$$;

-- RPC: takes submitted expenses back to draft before anyone decided on them.
create function public.withdraw_expenses(p_org_id uuid, p_ids uuid[]) returns setof public.expenses
language plpgsql security definer set search_path = '' as $$
begin
  perform private.lock_expenses(p_org_id, p_ids, '{submitted}', 'withdraw', false);
  perform set_config('private.posting', 'on', true);
  return query
    update public.expenses x set status = 'draft', submitted_at = null
    where x.org_id = p_org_id and x.id = any (p_ids) returning x.*;
  perform set_config('private.posting', 'off', true);
end;
$$;

-- RPC: approves submitted expenses (all or none), fixing each one's base-currency amount
-- at its date's exchange rate (23514 when a rate is missing). Approvers as for time.
create function public.approve_expenses(p_org_id uuid, p_ids uuid[]) returns setof public.expenses
language plpgsql security definer set search_path = '' as $$
begin
  perform private.lock_expenses(p_org_id, p_ids, '{submitted}', 'approve', true);
  perform set_config('private.posting', 'on', true);
  return query
    update public.expenses x
    set status = 'approved', approved_by = (select auth.uid()), approved_at = now(),
        amount_base = round(x.amount * private.exchange_rate(x.org_id, x.currency, x.expense_date), 2)
    where x.org_id = p_org_id and x.id = any (p_ids) returning x.*;
  perform set_config('private.posting', 'off', true);
end;
$$;

-- RPC: rejects submitted expenses (all or none) with a reason.
create function public.reject_expenses(p_org_id uuid, p_ids uuid[], p_reason text) returns setof public.expenses
language plpgsql security definer set search_path = '' as $$
begin
  if nullif(btrim(p_reason), '') is null then
    raise exception 'Say why the expenses are rejected' using errcode = '22023';
  end if;
  perform private.lock_expenses(p_org_id, p_ids, '{submitted}', 'reject', true);
  perform set_config('private.posting', 'on', true);
  return query
    update public.expenses x
    set status = 'rejected', rejected_by = (select auth.uid()), rejected_at = now(), rejection_reason = btrim(p_reason)
    where x.org_id = p_org_id and x.id = any (p_ids) returning x.*;
  perform set_config('private.posting', 'off', true);
end;
$$;

revoke all on function private.expense_guard(),
  private.lock_expenses(uuid, uuid[], public.expense_status[], text, boolean) from public;
revoke execute on function public.submit_expenses(uuid, uuid[]), public.withdraw_expenses(uuid, uuid[]),
  public.approve_expenses(uuid, uuid[]), public.reject_expenses(uuid, uuid[], text) from public, anon;
grant execute on function public.submit_expenses(uuid, uuid[]), public.withdraw_expenses(uuid, uuid[]),
  public.approve_expenses(uuid, uuid[]), public.reject_expenses(uuid, uuid[], text) to authenticated;

create policy expenses_select on public.expenses for select to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,accountant}'))
         or employee_id in (select private.my_employee_ids()));
create policy expenses_write on public.expenses for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager}'))
         or employee_id in (select private.my_employee_ids()))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager}'))
              or employee_id in (select private.my_employee_ids()));

alter publication supabase_realtime add table public.expenses;

-- Receipt files. The bucket takes images and PDFs up to 10 MB.
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('receipts', 'receipts', false, 10485760, '{image/jpeg,image/png,image/webp,image/heic,application/pdf}')
on conflict (id) do nothing;

-- May the caller read (p_write false) or change (p_write true) the receipt file p_name
-- (<org_id>/<expense_id>/<file name>)? Reading: the expense's employee, and owners,
-- admins, managers and accountants of its organisation. Changing: the employee, owners,
-- admins and managers, while the expense is a draft or rejected.
create function private.can_access_receipt(p_name text, p_write boolean) returns boolean
language plpgsql stable security definer set search_path = '' as $$
declare
  v_parts text[] := storage.foldername(p_name);
  v_uuid constant text := '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
  v_expense public.expenses;
  v_own boolean;
begin
  if coalesce(cardinality(v_parts), 0) <> 2 or v_parts[1] !~ v_uuid or v_parts[2] !~ v_uuid then
    return false;
  end if;
  select * into v_expense from public.expenses x where x.id = v_parts[2]::uuid and x.org_id = v_parts[1]::uuid;
  if not found then
    return false;
  end if;
  v_own := exists (select 1 from public.employees e where e.id = v_expense.employee_id and e.user_id = (select auth.uid()));
  if p_write then
    return v_expense.status in ('draft', 'rejected')
      and (v_own or private.has_role(v_expense.org_id, '{owner,admin,manager}'));
  end if;
  return v_own or private.has_role(v_expense.org_id, '{owner,admin,manager,accountant}');
end;
$$;
revoke all on function private.can_access_receipt(text, boolean) from public;
grant execute on function private.can_access_receipt(text, boolean) to authenticated;

create policy receipts_select on storage.objects for select to authenticated
  using (bucket_id = 'receipts' and private.can_access_receipt(name, false));
create policy receipts_insert on storage.objects for insert to authenticated
  with check (bucket_id = 'receipts' and private.can_access_receipt(name, true));
create policy receipts_update on storage.objects for update to authenticated
  using (bucket_id = 'receipts' and private.can_access_receipt(name, true))
  with check (bucket_id = 'receipts' and private.can_access_receipt(name, true));
create policy receipts_delete on storage.objects for delete to authenticated
  using (bucket_id = 'receipts' and private.can_access_receipt(name, true));
