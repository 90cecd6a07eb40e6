-- Customer returns: a return receipt brings delivered goods back into stock at the cost
-- they left at (inventory against cost of goods sold) and a draft credit note for what
-- had been invoiced of them follows, for the accountant to post.

alter table public.sales_order_lines
  add column returned_quantity numeric(18, 4) not null default 0 check (returned_quantity >= 0),
  add constraint sales_order_lines_returned_check check (returned_quantity <= delivered_quantity);

create table public.customer_returns (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  number text,
  sales_order_id uuid not null,
  warehouse_id uuid not null,
  status public.document_status not null default 'draft',
  return_date date not null default current_date,
  reason text check (reason is null or length(reason) <= 1000),
  credit_note_id uuid,
  journal_entry_id uuid,
  posted_at timestamptz,
  posted_by uuid references auth.users (id) on delete set null,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, number),
  foreign key (org_id, sales_order_id) references public.sales_orders (org_id, id),
  foreign key (org_id, warehouse_id) references public.warehouses (org_id, id),
  foreign key (org_id, credit_note_id) references public.invoices (org_id, id),
  foreign key (org_id, journal_entry_id) references public.journal_entries (org_id, id),
  check ((status = 'posted') = (number is not null and posted_at is not null))
);
alter table public.customer_returns enable row level security;
create index customer_returns_org_idx on public.customer_returns (org_id, status, return_date desc);
create index customer_returns_order_idx on public.customer_returns (org_id, sales_order_id);
create index customer_returns_warehouse_idx on public.customer_returns (org_id, warehouse_id);
create index customer_returns_credit_note_idx on public.customer_returns (org_id, credit_note_id);

create table public.customer_return_lines (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  customer_return_id uuid not null,
  sales_order_line_id uuid not null,
  quantity numeric(18, 4) not null check (quantity > 0),
  -- The cost the goods come back at (what they left at), set when posted.
  unit_cost numeric(18, 4),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (customer_return_id, sales_order_line_id),
  foreign key (org_id, customer_return_id) references public.customer_returns (org_id, id) on delete cascade,
  foreign key (org_id, sales_order_line_id) references public.sales_order_lines (org_id, id)
);
alter table public.customer_return_lines enable row level security;
create index customer_return_lines_return_idx on public.customer_return_lines (org_id, customer_return_id);
create index customer_return_lines_order_line_idx on public.customer_return_lines (org_id, sales_order_line_id);

-- Drafts change; posted returns never do (the same rules as deliveries).
create function private.return_guard() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_row jsonb := to_jsonb(coalesce(new, old));
  v_status text;
begin
  if coalesce(current_setting('private.posting', true), '') = 'on' then
    return coalesce(new, old);
  end if;
  if tg_op = 'DELETE' and not exists (select 1 from public.organizations o where o.id = old.org_id) then
    return old;
  end if;
  v_status := case tg_table_name
    when 'customer_returns' then case when tg_op = 'INSERT' then 'draft' else to_jsonb(old) ->> 'status' end
    else (select r.status::text from public.customer_returns r where r.id = (v_row ->> 'customer_return_id')::uuid)
  end;
  if tg_table_name = 'customer_returns' and tg_op <> 'DELETE' and ((v_row ->> 'status') <> 'draft'
      or (v_row ->> 'number') is not null or (v_row ->> 'credit_note_id') is not null or (v_row ->> 'journal_entry_id') is not null) then
    raise exception 'Post returns with post_customer_return()' using errcode = '42501';
  end if;
  if tg_table_name = 'customer_return_lines' and tg_op <> 'DELETE' and (v_row ->> 'unit_cost') is not null then
    raise exception 'The cost of returned goods is set when the return is posted' using errcode = '42501';
  end if;
  if v_status <> 'draft' then
    raise exception 'This return is % and can no longer change', v_status using errcode = '42501';
  end if;
  return coalesce(new, old);
end;
$$;
create trigger customer_returns_guard before insert or update or delete on public.customer_returns
  for each row execute function private.return_guard();
create trigger customer_return_lines_guard before insert or update or delete on public.customer_return_lines
  for each row execute function private.return_guard();
create trigger customer_returns_touch before update on public.customer_returns for each row execute function private.touch_updated_at();
create trigger customer_return_lines_touch before update on public.customer_return_lines for each row execute function private.touch_updated_at();
create trigger customer_returns_audit after insert or update or delete on public.customer_returns for each row execute function private.audit_row();
create trigger customer_return_lines_audit after insert or update or delete on public.customer_return_lines for each row execute function private.audit_row();

-- A draft return of everything delivered and not yet returned on an order.
create function public.create_customer_return(p_order_id uuid, p_reason text default null) returns public.customer_returns
language plpgsql security invoker set search_path = '' as $$
declare
  v_order public.sales_orders;
  v_return public.customer_returns;
begin
  select * into v_order from public.sales_orders s where s.id = p_order_id;
  if not found then
    raise exception 'Sales order not found' using errcode = 'P0002';
  end if;
  if not exists (select 1 from public.sales_order_lines l where l.sales_order_id = p_order_id
                 and l.delivered_quantity > l.returned_quantity) then
    raise exception 'Nothing delivered on % is left to return', coalesce(v_order.number, 'this order') using errcode = '23514';
  end if;
  insert into public.customer_returns (org_id, sales_order_id, warehouse_id, reason)
    values (v_order.org_id, v_order.id, v_order.warehouse_id, nullif(btrim(p_reason), '')) returning * into v_return;
  insert into public.customer_return_lines (org_id, customer_return_id, sales_order_line_id, quantity)
  select v_order.org_id, v_return.id, l.id, l.delivered_quantity - l.returned_quantity
  from public.sales_order_lines l where l.sales_order_id = p_order_id and l.delivered_quantity > l.returned_quantity;
  return v_return;
end;
$$;

-- Posting: a RET number, stock back in at the average cost the line's goods left at,
-- the journal entry (inventory / COGS), returned quantities, and a draft credit note of
-- the returned quantities that had been invoiced (from the latest posted invoice of each line).
create function public.post_customer_return(p_return_id uuid) returns public.customer_returns
language plpgsql security definer set search_path = '' as $$
declare
  v_return public.customer_returns;
  v_order public.sales_orders;
  v_line record;
  v_cost numeric;
  v_value numeric := 0;
  v_entry uuid;
  v_invoice uuid;
  v_credit public.invoices;
begin
  select * into v_return from public.customer_returns r where r.id = p_return_id for update;
  if not found or not private.is_member(v_return.org_id) then
    raise exception 'Return not found' using errcode = 'P0002';
  end if;
  perform private.require_role(v_return.org_id, '{owner,admin,manager,warehouse}', 'post customer returns');
  if v_return.status <> 'draft' then
    raise exception 'Return % is already %', v_return.number, v_return.status using errcode = '23514';
  end if;
  select * into v_order from public.sales_orders s where s.id = v_return.sales_order_id for update;
  if not exists (select 1 from public.customer_return_lines r where r.customer_return_id = p_return_id) then
    raise exception 'A return needs at least one line' using errcode = '23514';
  end if;
  perform set_config('private.posting', 'on', true);
  for v_line in
    select r.id, r.quantity, l.id as order_line_id, l.product_id, l.delivered_quantity, l.returned_quantity, p.sku,
      l.sales_order_id
    from public.customer_return_lines r
    join public.sales_order_lines l on l.id = r.sales_order_line_id
    join public.products p on p.id = l.product_id
    where r.customer_return_id = p_return_id
    order by l.product_id, l.id
    for update of l
  loop
    if v_line.sales_order_id <> v_order.id then
      raise exception 'A return line belongs to another sales order' using errcode = '23514';
    end if;
    if v_line.returned_quantity + v_line.quantity > v_line.delivered_quantity then
      raise exception 'Cannot return % of %: only % delivered and not returned', v_line.quantity::float8, v_line.sku,
        (v_line.delivered_quantity - v_line.returned_quantity)::float8 using errcode = '23514';
    end if;
    select round(sum(d.quantity * d.unit_cost) / nullif(sum(d.quantity), 0), 4) into v_cost
    from public.delivery_lines d join public.deliveries x on x.id = d.delivery_id
    where d.sales_order_line_id = v_line.order_line_id and x.status = 'posted';
    insert into public.stock_movements (org_id, product_id, warehouse_id, kind, on_hand_delta, unit_cost,
      document_type, document_id, document_line_id)
    values (v_return.org_id, v_line.product_id, v_return.warehouse_id, 'return_in', v_line.quantity, coalesce(v_cost, 0),
      'customer_return', v_return.id, v_line.id);
    update public.customer_return_lines r set unit_cost = coalesce(v_cost, 0) where r.id = v_line.id;
    update public.sales_order_lines l set returned_quantity = l.returned_quantity + v_line.quantity where l.id = v_line.order_line_id;
    v_value := v_value + round(v_line.quantity * coalesce(v_cost, 0), 2);
  end loop;
  update public.customer_returns r set status = 'posted', posted_at = now(), posted_by = (select auth.uid()),
      number = private.next_document_number(r.org_id, 'RET', r.return_date)
    where r.id = p_return_id returning * into v_return;
  if v_value <> 0 then
    v_entry := private.post_journal_nested(v_return.org_id, v_return.return_date,
      format('Customer return %s (order %s)', v_return.number, v_order.number), 'customer_returns', v_return.id,
      jsonb_build_array(
        jsonb_build_object('account_role', 'inventory', 'debit', v_value),
        jsonb_build_object('account_role', 'cogs', 'credit', v_value)));
  end if;

  -- The credit note: returned quantities that were invoiced, against the latest posted
  -- invoice of the order that has those lines.
  select i.id into v_invoice from public.invoices i
  where i.sales_order_id = v_order.id and i.kind = 'invoice' and i.status = 'posted'
    and exists (select 1 from public.invoice_lines il join public.customer_return_lines r on r.sales_order_line_id = il.sales_order_line_id
                where il.invoice_id = i.id and r.customer_return_id = p_return_id)
  order by i.invoice_date desc, i.number desc limit 1;
  if v_invoice is not null then
    insert into public.invoices (org_id, kind, account_id, sales_order_id, credited_invoice_id, currency, notes)
    select i.org_id, 'credit_note', i.account_id, i.sales_order_id, i.id, i.currency,
      format('Return %s%s', v_return.number, coalesce(': ' || v_return.reason, ''))
    from public.invoices i where i.id = v_invoice
    returning * into v_credit;
    insert into public.invoice_lines (org_id, invoice_id, position, sales_order_line_id, credited_line_id, product_id,
      description, quantity, unit_price, discount_pct, tax_rate)
    select il.org_id, v_credit.id, il.position, il.sales_order_line_id, il.id, il.product_id, il.description,
      least(r.quantity, il.quantity), il.unit_price, il.discount_pct, il.tax_rate
    from public.invoice_lines il join public.customer_return_lines r on r.sales_order_line_id = il.sales_order_line_id
    where il.invoice_id = v_invoice and r.customer_return_id = p_return_id;
    perform set_config('private.posting', 'on', true);
    update public.customer_returns r set credit_note_id = v_credit.id where r.id = p_return_id;
  end if;
  update public.customer_returns r set journal_entry_id = v_entry where r.id = p_return_id returning * into v_return;
  perform set_config('private.posting', 'off', true);
  return v_return;
end;
$$;

revoke all on function private.return_guard() from public;
revoke execute on function public.create_customer_return(uuid, text), public.post_customer_return(uuid) from public, anon;
grant execute on function public.create_customer_return(uuid, text), public.post_customer_return(uuid) to authenticated;

-- Policies: as deliveries (goods coming back are handled by the warehouse).
create policy customer_returns_select on public.customer_returns for select to authenticated
  using (org_id in (select private.user_org_ids()));
create policy customer_returns_write on public.customer_returns for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,warehouse}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager,warehouse}')));
create policy customer_return_lines_select on public.customer_return_lines for select to authenticated
  using (org_id in (select private.user_org_ids()));
create policy customer_return_lines_write on public.customer_return_lines for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,warehouse}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager,warehouse}')));
