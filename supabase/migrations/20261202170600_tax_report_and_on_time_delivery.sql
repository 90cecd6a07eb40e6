-- Two reports of order-to-cash: the tax report (output tax on invoices less credit notes,
-- input tax on vendor bills, per rate, in base currency, for any date range) and on-time
-- delivery (each posted delivery against the date promised to the customer).

create function public.tax_report(p_org_id uuid, p_from date, p_to date)
returns table (direction text, tax_rate numeric, taxable_amount numeric, tax_amount numeric, documents int)
language plpgsql stable security definer set search_path = '' as $$
begin
  if not private.is_member(p_org_id) then
    raise exception 'Organisation not found' using errcode = 'P0002';
  end if;
  perform private.require_role(p_org_id, '{owner,admin,manager,accountant,viewer}', 'see the tax report');
  if p_from is null or p_to is null or p_to < p_from then
    raise exception 'Choose a date range whose end is not before its start' using errcode = '22023';
  end if;
  return query
  select 'output'::text, l.tax_rate,
    sum(case when i.kind = 'invoice' then 1 else -1 end * round(l.net_amount * i.exchange_rate, 2)),
    sum(case when i.kind = 'invoice' then 1 else -1 end * round(l.tax_amount * i.exchange_rate, 2)),
    count(distinct i.id)::int
  from public.invoices i join public.invoice_lines l on l.invoice_id = i.id
  where i.org_id = p_org_id and i.status = 'posted' and i.invoice_date between p_from and p_to
  group by l.tax_rate
  union all
  select 'input', l.tax_rate, sum(round(l.net_amount * b.exchange_rate, 2)), sum(round(l.tax_amount * b.exchange_rate, 2)),
    count(distinct b.id)::int
  from public.vendor_bills b join public.vendor_bill_lines l on l.vendor_bill_id = b.id
  where b.org_id = p_org_id and b.status = 'posted' and b.bill_date between p_from and p_to
  group by l.tax_rate
  order by 1 desc, 2;
end;
$$;
revoke execute on function public.tax_report(uuid, date, date) from public, anon;
grant execute on function public.tax_report(uuid, date, date) to authenticated;

-- One row per posted delivery: promised date (the order's), days late, on time or not.
create view public.delivery_punctuality with (security_invoker = on) as
select d.id as delivery_id, d.org_id, d.number, d.sales_order_id, s.number as order_number, s.account_id,
  d.warehouse_id, d.delivery_date, s.promised_date,
  case when s.promised_date is not null then greatest(d.delivery_date - s.promised_date, 0) end as days_late,
  case when s.promised_date is not null then d.delivery_date <= s.promised_date end as on_time
from public.deliveries d join public.sales_orders s on s.id = d.sales_order_id
where d.status = 'posted';
