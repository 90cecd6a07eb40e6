-- What was invoiced, per customer and day and per product and day, for the finance and customer
-- dashboards (issue 10): top accounts and products, active/new/churned customers and lifetime
-- value over any date range, without reading ~1M invoice lines per call (DESIGN.md section 5:
-- reports that must be fast on millions of rows read summary tables kept current by triggers).
--
-- A posted document counts on its invoice_date, net of tax, in base currency exactly as its
-- journal entry posted it: round(line net × the document's rate, 2) per line, so a customer's or
-- product's net equals its share of the sales / service revenue / returns accounts. Invoices add,
-- credit notes subtract (net_base and quantity); `invoices` counts documents of kind invoice only.
-- Lines without a product count for their customer, not in the product table.
--
-- Kept by a row trigger on invoices: a document enters when its status becomes 'posted' (the
-- posting update also fixes its rate; its lines exist by then and never change afterwards:
-- private.finance_guard) and leaves if it ever stops being posted or is deleted (neither happens
-- through the app; the subtraction keeps the table exact anyway). Postings are numbered under the
-- (org, fiscal year, INV/CN) counter lock, and a (customer, day) or (product, day) row only ever
-- receives documents of that day, hence of that fiscal year: the rows add no new lock waits.
--
-- private.rebuild_sales_summaries(org) recomputes an organisation's rows from its posted documents
-- (the backfill below; bulk loads that switch row triggers off call it afterwards).
--
-- Read like invoices (DESIGN.md section 2, "Finance": managers, viewers and sales read invoices and
-- balances; accountants, admins and owners too); written only by the trigger (security definer).

create table public.sales_account_daily (
  org_id uuid not null references public.organizations (id) on delete cascade,
  account_id uuid not null,
  day date not null,
  -- Posted invoices (kind invoice) of the customer that day.
  invoices int not null default 0,
  -- Net of tax, base currency: invoices less credit notes.
  net_base numeric(20, 2) not null default 0,
  primary key (account_id, day),
  foreign key (org_id, account_id) references public.accounts (org_id, id) on delete cascade
);
alter table public.sales_account_daily enable row level security;
create index sales_account_daily_org_day_idx on public.sales_account_daily (org_id, day) include (account_id, invoices, net_base);

create table public.sales_product_daily (
  org_id uuid not null references public.organizations (id) on delete cascade,
  product_id uuid not null,
  day date not null,
  -- Invoiced less credited quantity.
  quantity numeric(20, 4) not null default 0,
  net_base numeric(20, 2) not null default 0,
  primary key (product_id, day),
  foreign key (org_id, product_id) references public.products (org_id, id) on delete cascade
);
alter table public.sales_product_daily enable row level security;
create index sales_product_daily_org_day_idx on public.sales_product_daily (org_id, day) include (product_id, quantity, net_base);

create policy sales_account_daily_select on public.sales_account_daily for select to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales,accountant,viewer}')));
create policy sales_product_daily_select on public.sales_product_daily for select to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales,accountant,viewer}')));
revoke insert, update, delete, truncate on public.sales_account_daily, public.sales_product_daily from anon, authenticated;

-- Adds one document to the summaries with the sign p_sign (1 adds, -1 takes it back).
create function private.add_invoice_to_sales_summaries(p_invoice public.invoices, p_sign int) returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_doc int := case when p_invoice.kind = 'invoice' then 1 else -1 end;
begin
  insert into public.sales_account_daily as s (org_id, account_id, day, invoices, net_base)
  select p_invoice.org_id, p_invoice.account_id, p_invoice.invoice_date,
    p_sign * (p_invoice.kind = 'invoice')::int,
    p_sign * v_doc * coalesce(sum(round(l.net_amount * p_invoice.exchange_rate, 2)), 0)
  from public.invoice_lines l where l.org_id = p_invoice.org_id and l.invoice_id = p_invoice.id
  on conflict (account_id, day) do update
    set invoices = s.invoices + excluded.invoices, net_base = s.net_base + excluded.net_base;

  insert into public.sales_product_daily as s (org_id, product_id, day, quantity, net_base)
  select p_invoice.org_id, l.product_id, p_invoice.invoice_date, p_sign * v_doc * sum(l.quantity),
    p_sign * v_doc * sum(round(l.net_amount * p_invoice.exchange_rate, 2))
  from public.invoice_lines l where l.org_id = p_invoice.org_id and l.invoice_id = p_invoice.id and l.product_id is not null
  group by l.product_id
  order by l.product_id
  on conflict (product_id, day) do update
    set quantity = s.quantity + excluded.quantity, net_base = s.net_base + excluded.net_base;
end;
$$;

create function private.invoices_to_sales_summaries() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'DELETE' then
    -- A whole organisation being deleted takes its rows with it: nothing to subtract.
    if old.status = 'posted' and exists (select 1 from public.organizations o where o.id = old.org_id) then
      perform private.add_invoice_to_sales_summaries(old, -1);
    end if;
    return null;
  end if;
  if old.status = 'posted' then
    perform private.add_invoice_to_sales_summaries(old, -1);
  end if;
  if new.status = 'posted' then
    perform private.add_invoice_to_sales_summaries(new, 1);
  end if;
  return null;
end;
$$;
-- Only status changes into or out of 'posted' (and dated, rated or re-assigned posted documents,
-- which the guard does not allow) move figures.
create trigger invoices_sales_summaries after update on public.invoices
  for each row
  when ((old.status = 'posted' or new.status = 'posted') and (old.status is distinct from new.status
    or old.invoice_date is distinct from new.invoice_date or old.exchange_rate is distinct from new.exchange_rate
    or old.account_id is distinct from new.account_id or old.kind is distinct from new.kind))
  execute function private.invoices_to_sales_summaries();
create trigger invoices_sales_summaries_delete after delete on public.invoices
  for each row when (old.status = 'posted') execute function private.invoices_to_sales_summaries();

-- Recomputes one organisation's summaries from its posted documents.
create function private.rebuild_sales_summaries(p_org_id uuid) returns void
language plpgsql security definer set search_path = '' as $$
begin
  delete from public.sales_account_daily s where s.org_id = p_org_id;
  delete from public.sales_product_daily s where s.org_id = p_org_id;
  insert into public.sales_account_daily (org_id, account_id, day, invoices, net_base)
  select p_org_id, d.account_id, d.invoice_date, count(*) filter (where d.kind = 'invoice'),
    coalesce(sum(case when d.kind = 'invoice' then 1 else -1 end * d.net), 0)
  from (
    select i.id, i.account_id, i.invoice_date, i.kind, sum(round(l.net_amount * i.exchange_rate, 2)) as net
    from public.invoices i left join public.invoice_lines l on l.invoice_id = i.id and l.org_id = p_org_id
    where i.org_id = p_org_id and i.status = 'posted'
    group by i.id
  ) d
  group by 2, 3;
  insert into public.sales_product_daily (org_id, product_id, day, quantity, net_base)
  select i.org_id, l.product_id, i.invoice_date,
    sum(case when i.kind = 'invoice' then 1 else -1 end * l.quantity),
    sum(case when i.kind = 'invoice' then 1 else -1 end * round(l.net_amount * i.exchange_rate, 2))
  from public.invoices i join public.invoice_lines l on l.invoice_id = i.id and l.org_id = p_org_id
  where i.org_id = p_org_id and i.status = 'posted' and l.product_id is not null
  group by 1, 2, 3;
end;
$$;

revoke all on function private.add_invoice_to_sales_summaries(public.invoices, int),
  private.invoices_to_sales_summaries(), private.rebuild_sales_summaries(uuid) from public;

-- Backfill.
select private.rebuild_sales_summaries(o.id) from public.organizations o;
