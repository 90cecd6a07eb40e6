-- AR and AP aging as of any date: per customer (supplier), what posted invoices (bills)
-- still owed on that date, by days past due (current, 1–30, 31–60, 61–90, 90+), in base
-- currency at each document's rate, with unapplied credit (unused credit notes,
-- unallocated payments) beside it. A document counts as open on a date when it was
-- issued by then and what was allocated to it by then is less than its total: that is
-- every document open today plus those settled after the date, so both come from small
-- indexed sets rather than a scan of every document ever posted.

create index payment_allocations_org_date_idx on public.payment_allocations (org_id, allocated_on);

create function public.ar_aging(p_org_id uuid, p_as_of date default current_date)
returns table (account_id uuid, account_name text, current_amount numeric, days_1_30 numeric, days_31_60 numeric,
  days_61_90 numeric, days_over_90 numeric, total_due numeric, unapplied_credit numeric, oldest_due_date date)
language plpgsql stable security definer set search_path = '' as $$
begin
  if not private.is_member(p_org_id) then
    raise exception 'Organisation not found' using errcode = 'P0002';
  end if;
  perform private.require_role(p_org_id, '{owner,admin,manager,sales,support,accountant,viewer}', 'see receivables');
  return query
  with candidates as (
    select i.id from public.invoices i
    where i.org_id = p_org_id and i.status = 'posted' and i.amount_paid < i.total
    union
    select coalesce(a.invoice_id, a.credit_note_id) from public.payment_allocations a
    where a.org_id = p_org_id and a.allocated_on > p_as_of and (a.invoice_id is not null or a.credit_note_id is not null)
  ),
  open_docs as (
    select i.account_id, i.kind, i.due_date, i.exchange_rate,
      i.total - coalesce((select sum(a.amount) from public.payment_allocations a
                          where a.org_id = p_org_id and a.allocated_on <= p_as_of
                            and (a.invoice_id = i.id or a.credit_note_id = i.id)), 0) as open_amount
    from candidates c join public.invoices i on i.id = c.id
    where i.status = 'posted' and i.invoice_date <= p_as_of
  ),
  credits as (
    select p.account_id, sum(round((p.amount - coalesce((select sum(a.amount) from public.payment_allocations a
        where a.payment_id = p.id and a.allocated_on <= p_as_of), 0)) * p.exchange_rate, 2)) as amount
    from public.payments p
    where p.org_id = p_org_id and p.direction = 'incoming' and p.payment_date <= p_as_of
      and (p.allocated_amount < p.amount or exists (select 1 from public.payment_allocations a
           where a.payment_id = p.id and a.allocated_on > p_as_of))
    group by p.account_id
  ),
  buckets as (
    select d.account_id,
      sum(case when d.kind = 'invoice' and p_as_of - d.due_date <= 0 then round(d.open_amount * d.exchange_rate, 2) else 0 end) as b0,
      sum(case when d.kind = 'invoice' and p_as_of - d.due_date between 1 and 30 then round(d.open_amount * d.exchange_rate, 2) else 0 end) as b1,
      sum(case when d.kind = 'invoice' and p_as_of - d.due_date between 31 and 60 then round(d.open_amount * d.exchange_rate, 2) else 0 end) as b2,
      sum(case when d.kind = 'invoice' and p_as_of - d.due_date between 61 and 90 then round(d.open_amount * d.exchange_rate, 2) else 0 end) as b3,
      sum(case when d.kind = 'invoice' and p_as_of - d.due_date > 90 then round(d.open_amount * d.exchange_rate, 2) else 0 end) as b4,
      sum(case when d.kind = 'credit_note' then round(d.open_amount * d.exchange_rate, 2) else 0 end) as cn,
      min(d.due_date) filter (where d.kind = 'invoice') as oldest
    from open_docs d where d.open_amount > 0
    group by d.account_id
  )
  select a.id, a.name, coalesce(b.b0, 0), coalesce(b.b1, 0), coalesce(b.b2, 0), coalesce(b.b3, 0), coalesce(b.b4, 0),
    coalesce(b.b0 + b.b1 + b.b2 + b.b3 + b.b4, 0), coalesce(b.cn, 0) + coalesce(c.amount, 0), b.oldest
  from (select x.account_id from buckets x union select y.account_id from credits y where y.amount > 0) ids
  join public.accounts a on a.id = ids.account_id
  left join buckets b on b.account_id = ids.account_id
  left join credits c on c.account_id = ids.account_id
  order by coalesce(b.b0 + b.b1 + b.b2 + b.b3 + b.b4, 0) desc, a.name;
end;
$$;

create function public.ap_aging(p_org_id uuid, p_as_of date default current_date)
returns table (account_id uuid, account_name text, current_amount numeric, days_1_30 numeric, days_31_60 numeric,
  days_61_90 numeric, days_over_90 numeric, total_due numeric, unapplied_credit numeric, oldest_due_date date)
language plpgsql stable security definer set search_path = '' as $$
begin
  if not private.is_member(p_org_id) then
    raise exception 'Organisation not found' using errcode = 'P0002';
  end if;
  perform private.require_role(p_org_id, '{owner,admin,manager,accountant,viewer}', 'see payables');
  return query
  with candidates as (
    select b.id from public.vendor_bills b
    where b.org_id = p_org_id and b.status = 'posted' and b.amount_paid < b.total
    union
    select a.vendor_bill_id from public.payment_allocations a
    where a.org_id = p_org_id and a.allocated_on > p_as_of and a.vendor_bill_id is not null
  ),
  open_docs as (
    select b.supplier_id as account_id, coalesce(b.due_date, b.bill_date) as due_date, b.exchange_rate,
      b.total - coalesce((select sum(a.amount) from public.payment_allocations a
                          where a.org_id = p_org_id and a.vendor_bill_id = b.id and a.allocated_on <= p_as_of), 0) as open_amount
    from candidates c join public.vendor_bills b on b.id = c.id
    where b.status = 'posted' and b.bill_date <= p_as_of
  ),
  advances as (
    select p.account_id, sum(round((p.amount - coalesce((select sum(a.amount) from public.payment_allocations a
        where a.payment_id = p.id and a.allocated_on <= p_as_of), 0)) * p.exchange_rate, 2)) as amount
    from public.payments p
    where p.org_id = p_org_id and p.direction = 'outgoing' and p.payment_date <= p_as_of
      and (p.allocated_amount < p.amount or exists (select 1 from public.payment_allocations a
           where a.payment_id = p.id and a.allocated_on > p_as_of))
    group by p.account_id
  ),
  buckets as (
    select d.account_id,
      sum(case when p_as_of - d.due_date <= 0 then round(d.open_amount * d.exchange_rate, 2) else 0 end) as b0,
      sum(case when p_as_of - d.due_date between 1 and 30 then round(d.open_amount * d.exchange_rate, 2) else 0 end) as b1,
      sum(case when p_as_of - d.due_date between 31 and 60 then round(d.open_amount * d.exchange_rate, 2) else 0 end) as b2,
      sum(case when p_as_of - d.due_date between 61 and 90 then round(d.open_amount * d.exchange_rate, 2) else 0 end) as b3,
      sum(case when p_as_of - d.due_date > 90 then round(d.open_amount * d.exchange_rate, 2) else 0 end) as b4,
      min(d.due_date) as oldest
    from open_docs d where d.open_amount > 0
    group by d.account_id
  )
  select a.id, a.name, coalesce(b.b0, 0), coalesce(b.b1, 0), coalesce(b.b2, 0), coalesce(b.b3, 0), coalesce(b.b4, 0),
    coalesce(b.b0 + b.b1 + b.b2 + b.b3 + b.b4, 0), coalesce(c.amount, 0), b.oldest
  from (select x.account_id from buckets x union select y.account_id from advances y where y.amount > 0) ids
  join public.accounts a on a.id = ids.account_id
  left join buckets b on b.account_id = ids.account_id
  left join advances c on c.account_id = ids.account_id
  order by coalesce(b.b0 + b.b1 + b.b2 + b.b3 + b.b4, 0) desc, a.name;
end;
$$;

revoke execute on function public.ar_aging(uuid, date), public.ap_aging(uuid, date) from public, anon;
grant execute on function public.ar_aging(uuid, date), public.ap_aging(uuid, date) to authenticated;
