-- The journal side of purchasing: a posted goods receipt puts stock on the books against
-- "goods received not invoiced"; a posted vendor bill clears that at the receipt's cost
-- (the price difference to inventory adjustments), expenses what was not stocked, takes
-- the input tax, and owes the supplier the total (accounts payable). Vendor bills keep
-- their totals from their lines, like invoices.

-- Calls private.post_journal from inside another document's posting and restores the
-- caller's private.posting flag, which post_journal turns off when it is done.
create function private.post_journal_nested(p_org_id uuid, p_date date, p_description text, p_source_type text,
  p_source_id uuid, p_lines jsonb) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  v_posting text := coalesce(current_setting('private.posting', true), '');
  v_entry uuid;
begin
  v_entry := private.post_journal(p_org_id, p_date, p_description, p_source_type, p_source_id, p_lines);
  perform set_config('private.posting', v_posting, true);
  return v_entry;
end;
$$;

create function private.goods_receipt_journal() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_value numeric;
  v_po public.purchase_orders;
begin
  select * into v_po from public.purchase_orders p where p.id = new.purchase_order_id;
  select coalesce(sum(round(r.quantity * round(l.unit_cost * v_po.exchange_rate, 4), 2)), 0) into v_value
  from public.goods_receipt_lines r
  join public.purchase_order_lines l on l.id = r.purchase_order_line_id
  join public.products p on p.id = l.product_id
  where r.goods_receipt_id = new.id and p.kind <> 'service';
  if v_value > 0 then
    perform private.post_journal_nested(new.org_id, new.received_date,
      format('Goods receipt %s (PO %s)', new.number, v_po.number), 'goods_receipts', new.id,
      jsonb_build_array(
        jsonb_build_object('account_role', 'inventory', 'debit', v_value),
        jsonb_build_object('account_role', 'grni', 'credit', v_value, 'partner_id', v_po.supplier_id)));
  end if;
  return null;
end;
$$;
create trigger goods_receipts_journal after update of status on public.goods_receipts
  for each row when (old.status = 'draft' and new.status = 'posted')
  execute function private.goods_receipt_journal();

create function private.vendor_bill_journal() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_base text;
  v_lines jsonb;
  v_payable numeric;
  v_tax numeric := round(new.tax_total * new.exchange_rate, 2);
  v_entry uuid;
  v_posting text := coalesce(current_setting('private.posting', true), '');
begin
  select o.base_currency into v_base from public.organizations o where o.id = new.org_id;
  -- Per line: stocked goods of a PO clear GRNI at the receipt's cost and book the price
  -- difference; everything else is an expense.
  with valued as (
    select b.description, round(b.net_amount * new.exchange_rate, 2) as billed,
      case when l.id is not null and p.kind <> 'service'
        then round(b.quantity * round(l.unit_cost * po.exchange_rate, 4), 2) end as received
    from public.vendor_bill_lines b
    left join public.purchase_order_lines l on l.id = b.purchase_order_line_id
    left join public.purchase_orders po on po.id = l.purchase_order_id
    left join public.products p on p.id = l.product_id
    where b.vendor_bill_id = new.id
  )
  select coalesce(jsonb_agg(x.line), '[]') into v_lines
  from valued v
  cross join lateral (values
    (case when v.received is null
       then jsonb_build_object('account_role', 'purchases', 'debit', v.billed, 'description', v.description)
       else jsonb_build_object('account_role', 'grni', 'debit', v.received, 'partner_id', new.supplier_id,
         'description', v.description) end),
    (case when v.received is not null and v.billed <> v.received
       then jsonb_build_object('account_role', 'stock_adjustment', 'debit', v.billed - v.received,
         'description', format('Price difference: %s', v.description)) end)) x(line)
  where x.line is not null;
  select coalesce(sum(round(b.net_amount * new.exchange_rate, 2)), 0) into v_payable
  from public.vendor_bill_lines b where b.vendor_bill_id = new.id;
  v_lines := v_lines || jsonb_build_array(
    jsonb_build_object('account_role', 'tax_receivable', 'debit', v_tax, 'description', 'Input tax'),
    jsonb_build_object('account_role', 'payable', 'credit', v_payable + v_tax, 'partner_id', new.supplier_id,
      'currency', case when new.currency <> v_base then new.currency end,
      'amount_currency', case when new.currency <> v_base then -new.total end));
  v_entry := private.post_journal_nested(new.org_id, new.bill_date,
    format('Vendor bill %s%s', new.number, coalesce(' (' || new.supplier_invoice_number || ')', '')),
    'vendor_bills', new.id, v_lines);
  perform set_config('private.posting', 'on', true);
  update public.vendor_bills b set journal_entry_id = v_entry where b.id = new.id;
  perform set_config('private.posting', v_posting, true);
  return null;
end;
$$;
create trigger vendor_bills_journal after update of status on public.vendor_bills
  for each row when (old.status = 'draft' and new.status = 'posted')
  execute function private.vendor_bill_journal();

-- A bill's totals follow its lines (drafts only; posted bills never change).
create function private.vendor_bill_totals() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_bill uuid := coalesce(new.vendor_bill_id, old.vendor_bill_id);
  v_posting text := coalesce(current_setting('private.posting', true), '');
begin
  perform set_config('private.posting', 'on', true);
  update public.vendor_bills b set subtotal = t.subtotal, tax_total = t.tax_total, total = t.subtotal + t.tax_total
  from (select coalesce(sum(l.net_amount), 0) as subtotal, coalesce(sum(l.tax_amount), 0) as tax_total
        from public.vendor_bill_lines l where l.vendor_bill_id = v_bill) t
  where b.id = v_bill and b.status = 'draft';
  perform set_config('private.posting', v_posting, true);
  return null;
end;
$$;
create trigger vendor_bill_lines_totals after insert or update or delete on public.vendor_bill_lines
  for each row execute function private.vendor_bill_totals();

revoke all on function private.post_journal_nested(uuid, date, text, text, uuid, jsonb), private.goods_receipt_journal(),
  private.vendor_bill_journal(), private.vendor_bill_totals() from public;
