-- Project costing and invoicing (issue 11).
--  - Invoices (and their credit notes) carry the project they bill; vendor bill lines the
--    project they were bought for; materials are issued to a project from stock with
--    issue_material_to_project() (a production_out stock movement referring to the project,
--    and its journal entry: cost of goods sold against inventory).
--  - project_margin() answers the project page: billed − (time cost + purchases + materials
--    + expenses), all in the base currency, from posted and approved documents only.
--  - create_project_invoice() bills approved, billable, not yet invoiced time (one line per
--    employee and rate, at the project's hourly rate or else the employee's bill rate) and
--    approved billable expenses (one line each, at cost plus the project's mark-up),
--    marks them invoiced and posts the invoice through private.post_invoice(), in one
--    transaction, once per idempotency key (as create_invoice()). The create-invoice edge
--    function calls it through create_project_invoice_request() for { project_id, up_to? }.
-- A credit note of a project invoice lowers what the project billed; the hours and
-- expenses stay invoiced (credit notes correct prices, they do not un-bill work).
-- Live figures: the project page refetches project_margin() on Realtime events of
-- projects, timesheet_entries, expenses (published in their migrations), invoices
-- (published already) and vendor_bills (published here: posting a bill changes its row);
-- a material issue touches its project's updated_at, so it reaches the page as a
-- projects event.

alter table public.invoices add column project_id uuid,
  add constraint invoices_project_fk foreign key (org_id, project_id) references public.projects (org_id, id);
create index invoices_project_idx on public.invoices (org_id, project_id) where project_id is not null;

alter table public.vendor_bill_lines add column project_id uuid,
  add constraint vendor_bill_lines_project_fk foreign key (org_id, project_id) references public.projects (org_id, id);
create index vendor_bill_lines_project_idx on public.vendor_bill_lines (org_id, project_id) where project_id is not null;

create index stock_movements_project_idx on public.stock_movements (org_id, document_id)
  where document_type = 'project';

-- A credit note bills against the project of the invoice it credits.
create function private.invoice_project_from_credited() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.project_id is null and new.credited_invoice_id is not null then
    select i.project_id into new.project_id from public.invoices i where i.id = new.credited_invoice_id;
  end if;
  return new;
end;
$$;
create trigger invoices_project_from_credited before insert on public.invoices
  for each row execute function private.invoice_project_from_credited();

-- RPC: issues p_quantity of a stocked product from a warehouse to a project (materials
-- used on the job). Posts a production_out movement (document_type 'project',
-- document_id the project) at the moving-average cost, and its journal entry (cost of
-- goods sold against inventory) on p_date. Refused when stock would go negative (as any
-- movement). Returns the movement. Owners, admins and warehouse staff.
create function public.issue_material_to_project(p_org_id uuid, p_project_id uuid, p_product_id uuid,
  p_warehouse_id uuid, p_quantity numeric, p_reason text default null, p_date date default null)
returns public.stock_movements
language plpgsql security definer set search_path = '' as $$
declare
  v_project public.projects;
  v_row public.stock_movements;
  v_issue uuid := gen_random_uuid();
  v_value numeric;
begin
  if not private.is_member(p_org_id) then
    raise exception 'Organisation not found' using errcode = 'P0002';
  end if;
  perform private.require_role(p_org_id, '{owner,admin,warehouse}', 'issue materials');
  perform private.check_quantity(p_quantity);
  select * into v_project from public.projects p where p.id = p_project_id and p.org_id = p_org_id;
  if not found then
    raise exception 'Project not found' using errcode = 'P0002';
  end if;
  if v_project.status = 'closed' then
    raise exception 'Project % is closed', v_project.code using errcode = '23514';
  end if;
  insert into public.stock_movements (org_id, product_id, warehouse_id, kind, on_hand_delta, document_type, document_id,
    document_line_id, reason)
  values (p_org_id, p_product_id, p_warehouse_id, 'production_out', -p_quantity, 'project', p_project_id, v_issue,
    coalesce(nullif(btrim(p_reason), ''), format('Issued to project %s', v_project.code)))
  returning * into v_row;
  v_value := round(p_quantity * coalesce(v_row.unit_cost, 0), 2);
  update public.projects p set updated_at = now() where p.id = p_project_id;
  if v_value > 0 then
    perform private.post_journal(p_org_id, coalesce(p_date, current_date),
      format('Materials for project %s', v_project.code), 'project_materials', v_issue,
      jsonb_build_array(
        jsonb_build_object('account_role', 'cogs', 'debit', v_value, 'description', v_project.code),
        jsonb_build_object('account_role', 'inventory', 'credit', v_value)));
  end if;
  return v_row;
end;
$$;

-- RPC: the project page's figures, in the base currency:
-- { currency, budget, billed, time_cost, purchases, materials, expenses, cost, margin,
--   margin_pct, hours: { logged, approved, billable, unbilled, uncosted } }
--  billed     posted invoices of the project, net of tax, at their rate, less posted credit notes;
--  time_cost  approved hours at the cost captured when they were approved;
--  purchases  posted vendor bill lines of the project, net of tax, at the bill's rate;
--  materials  stock issued to the project at the cost it left the warehouse at;
--  expenses   approved (and invoiced) expenses of the project, net of tax;
--  margin     billed − (time_cost + purchases + materials + expenses); margin_pct of billed
--             (null when nothing was billed);
--  hours      logged (any status), approved, approved billable, approved billable not yet
--             invoiced, approved without a cost (no cost rate on their date).
-- Owners, admins, managers and accountants (costs reach managers only as these totals).
create function public.project_margin(p_org_id uuid, p_project_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_project public.projects;
  v_billed numeric;
  v_time numeric;
  v_purchases numeric;
  v_materials numeric;
  v_expenses numeric;
  v_cost numeric;
  v_hours jsonb;
begin
  if not private.is_member(p_org_id) then
    raise exception 'Organisation not found' using errcode = 'P0002';
  end if;
  perform private.require_role(p_org_id, '{owner,admin,manager,accountant}', 'see project costs');
  select * into v_project from public.projects p where p.id = p_project_id and p.org_id = p_org_id;
  if not found then
    raise exception 'Project not found' using errcode = 'P0002';
  end if;
  select coalesce(sum(case when i.kind = 'invoice' then 1 else -1 end * round(i.subtotal * i.exchange_rate, 2)), 0)
    into v_billed
  from public.invoices i where i.org_id = p_org_id and i.project_id = p_project_id and i.status = 'posted';
  select coalesce(sum(c.cost_amount), 0) into v_time
  from public.timesheet_entries t join public.timesheet_costs c on c.entry_id = t.id
  where t.org_id = p_org_id and t.project_id = p_project_id and t.status = 'approved';
  select coalesce(sum(round(l.net_amount * b.exchange_rate, 2)), 0) into v_purchases
  from public.vendor_bill_lines l join public.vendor_bills b on b.id = l.vendor_bill_id
  where l.org_id = p_org_id and l.project_id = p_project_id and b.status = 'posted';
  select coalesce(sum(round(-m.on_hand_delta * coalesce(m.unit_cost, 0), 2)), 0) into v_materials
  from public.stock_movements m
  where m.org_id = p_org_id and m.document_type = 'project' and m.document_id = p_project_id;
  select coalesce(sum(x.amount_base), 0) into v_expenses
  from public.expenses x
  where x.org_id = p_org_id and x.project_id = p_project_id and x.status in ('approved', 'invoiced');
  select jsonb_build_object(
      'logged', coalesce(sum(t.hours), 0),
      'approved', coalesce(sum(t.hours) filter (where t.status = 'approved'), 0),
      'billable', coalesce(sum(t.hours) filter (where t.status = 'approved' and t.billable), 0),
      'unbilled', coalesce(sum(t.hours) filter (where t.status = 'approved' and t.billable and t.invoiced_invoice_id is null), 0),
      'uncosted', coalesce(sum(t.hours) filter (where t.status = 'approved'
                    and not exists (select 1 from public.timesheet_costs c where c.entry_id = t.id)), 0))
    into v_hours
  from public.timesheet_entries t where t.org_id = p_org_id and t.project_id = p_project_id;
  v_cost := v_time + v_purchases + v_materials + v_expenses;
  return jsonb_build_object(
    'currency', (select o.base_currency from public.organizations o where o.id = p_org_id),
    'budget', v_project.budget,
    'billed', v_billed,
    'time_cost', v_time,
    'purchases', v_purchases,
    'materials', v_materials,
    'expenses', v_expenses,
    'cost', v_cost,
    'margin', v_billed - v_cost,
    'margin_pct', case when v_billed <> 0 then round((v_billed - v_cost) / v_billed * 100, 2) end,
    'hours', v_hours);
end;
$$;

-- RPC: invoices a project's approved billable time and expenses up to p_up_to (default:
-- the invoice date) and posts the invoice, once per idempotency key (a repeated key
-- returns the invoice it made). Time: one line per employee and rate, "Time: <name>,
-- <first day> – <last day>", hours × (project hourly rate, else the employee's bill
-- rate; 23514 when neither is set), with the project's time product when it has one.
-- Expenses: one line each, at cost plus the project's expense mark-up, converted to the
-- project's currency at the invoice date's rate when the expense was in another one.
-- Lines carry the project's tax rate. The invoice is in the project's currency, for its
-- customer; 23514 when nothing is left to invoice. Owners, admins and accountants.
create function public.create_project_invoice(p_org_id uuid, p_project_id uuid, p_idempotency_key text,
  p_up_to date default null, p_invoice_date date default null, p_due_date date default null, p_notes text default null)
returns public.invoices
language plpgsql security definer set search_path = '' as $$
declare
  v_project public.projects;
  v_invoice public.invoices;
  v_date date := coalesce(p_invoice_date, current_date);
  v_up_to date := coalesce(p_up_to, coalesce(p_invoice_date, current_date));
  v_rate numeric;
  v_missing text;
  v_lines int;
begin
  if not private.is_member(p_org_id) then
    raise exception 'Organisation not found' using errcode = 'P0002';
  end if;
  perform private.require_role(p_org_id, '{owner,admin,accountant}', 'create invoices');
  if p_idempotency_key is null or length(p_idempotency_key) not between 8 and 200 then
    raise exception 'An idempotency key of 8 to 200 characters is required' using errcode = '22023';
  end if;
  select * into v_project from public.projects p where p.id = p_project_id and p.org_id = p_org_id;
  if not found then
    raise exception 'Project not found' using errcode = 'P0002';
  end if;
  insert into public.invoices (org_id, idempotency_key, account_id, project_id, invoice_date, due_date, currency, notes)
  values (p_org_id, p_idempotency_key, v_project.account_id, v_project.id, v_date, p_due_date, v_project.currency,
    coalesce(nullif(btrim(p_notes), ''),
      format('Project %s %s: time and expenses up to %s', v_project.code, v_project.name, to_char(v_up_to, 'YYYY-MM-DD'))))
  on conflict (org_id, idempotency_key) do nothing
  returning * into v_invoice;
  if v_invoice.id is null then
    select * into v_invoice from public.invoices i where i.org_id = p_org_id and i.idempotency_key = p_idempotency_key;
    return v_invoice;
  end if;
  -- One project invoice at a time: what one takes, the next does not see as open.
  select * into v_project from public.projects p where p.id = p_project_id for update;
  if v_project.billing_method = 'non_billable' then
    raise exception 'Project % is not billable', v_project.code using errcode = '23514';
  end if;

  perform set_config('private.posting', 'on', true);
  update public.timesheet_entries t set invoiced_invoice_id = v_invoice.id
  where t.org_id = p_org_id and t.project_id = p_project_id and t.status = 'approved' and t.billable
    and t.invoiced_invoice_id is null and t.entry_date <= v_up_to;
  select string_agg(distinct e.full_name, ', ') into v_missing
  from public.timesheet_entries t join public.employees e on e.id = t.employee_id
  where t.invoiced_invoice_id = v_invoice.id and coalesce(v_project.hourly_rate, e.bill_rate) is null;
  if v_missing is not null then
    raise exception 'Set an hourly rate on project % or a bill rate for %', v_project.code, v_missing
      using errcode = '23514';
  end if;
  update public.expenses x set status = 'invoiced', invoiced_invoice_id = v_invoice.id
  where x.org_id = p_org_id and x.project_id = p_project_id and x.status = 'approved' and x.billable
    and x.expense_date <= v_up_to;

  insert into public.invoice_lines (org_id, invoice_id, position, product_id, description, quantity, unit_price, tax_rate)
  select p_org_id, v_invoice.id, row_number() over (order by g.full_name, g.employee_id, g.rate), v_project.time_product_id,
    format('Time: %s, %s – %s', g.full_name, to_char(g.first_day, 'YYYY-MM-DD'), to_char(g.last_day, 'YYYY-MM-DD')),
    g.hours, g.rate, v_project.tax_rate
  from (select t.employee_id, e.full_name, coalesce(v_project.hourly_rate, e.bill_rate) as rate, sum(t.hours) as hours,
          min(t.entry_date) as first_day, max(t.entry_date) as last_day
        from public.timesheet_entries t join public.employees e on e.id = t.employee_id
        where t.invoiced_invoice_id = v_invoice.id
        group by t.employee_id, e.full_name, coalesce(v_project.hourly_rate, e.bill_rate)) g;
  get diagnostics v_lines = row_count;
  if exists (select 1 from public.expenses x where x.invoiced_invoice_id = v_invoice.id and x.currency <> v_project.currency) then
    v_rate := private.exchange_rate(p_org_id, v_project.currency, v_date);
  end if;
  insert into public.invoice_lines (org_id, invoice_id, position, description, quantity, unit_price, tax_rate)
  select p_org_id, v_invoice.id, v_lines + row_number() over (order by x.expense_date, x.created_at, x.id),
    left(format('Expense: %s, %s%s', x.category, to_char(x.expense_date, 'YYYY-MM-DD'),
      coalesce(': ' || x.description, '')), 500),
    1,
    round(case when x.currency = v_project.currency then x.amount else x.amount_base / v_rate end
          * (1 + v_project.expense_markup_pct / 100), 2),
    v_project.tax_rate
  from public.expenses x where x.invoiced_invoice_id = v_invoice.id;
  if not exists (select 1 from public.invoice_lines l where l.invoice_id = v_invoice.id) then
    raise exception 'Nothing on project % is left to invoice up to %', v_project.code, to_char(v_up_to, 'YYYY-MM-DD')
      using errcode = '23514';
  end if;
  perform set_config('private.posting', 'off', true);
  return private.post_invoice(v_invoice.id);
end;
$$;

-- create_project_invoice() as the caller, also saying whether this call made the invoice
-- (the edge function answers 201 or 200), as create_invoice_request() does for orders.
create function public.create_project_invoice_request(p_org_id uuid, p_idempotency_key text, p_project_id uuid,
  p_up_to date default null, p_invoice_date date default null, p_due_date date default null, p_notes text default null)
returns table (invoice_id uuid, created boolean)
language plpgsql security invoker set search_path = '' as $$
declare
  v_invoice public.invoices;
begin
  v_invoice := public.create_project_invoice(p_org_id, p_project_id, p_idempotency_key, p_up_to, p_invoice_date,
    p_due_date, p_notes);
  return query
    select v_invoice.id, coalesce((select i.xmin::text = (pg_current_xact_id_if_assigned()::text::bigint % 4294967296)::text
                                   from public.invoices i where i.id = v_invoice.id), false);
end;
$$;

revoke all on function private.invoice_project_from_credited() from public;
revoke execute on function
  public.issue_material_to_project(uuid, uuid, uuid, uuid, numeric, text, date),
  public.project_margin(uuid, uuid),
  public.create_project_invoice(uuid, uuid, text, date, date, date, text),
  public.create_project_invoice_request(uuid, text, uuid, date, date, date, text)
  from public, anon;
grant execute on function
  public.issue_material_to_project(uuid, uuid, uuid, uuid, numeric, text, date),
  public.project_margin(uuid, uuid),
  public.create_project_invoice(uuid, uuid, text, date, date, date, text),
  public.create_project_invoice_request(uuid, text, uuid, date, date, date, text)
  to authenticated;

alter publication supabase_realtime add table public.vendor_bills;
