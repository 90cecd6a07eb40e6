-- Cycle counts: a count sheet snapshots what the books say is on hand in one
-- warehouse, staff enter what they find, and posting writes the differences to the
-- stock ledger as 'count' movements. Posting warns (and needs confirmation) when stock
-- of a counted product moved after the count started, since the snapshot is stale.

create type public.stock_count_status as enum ('open', 'posted', 'cancelled');

create table public.stock_counts (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  -- Assigned at posting (gapless, CNT-<year>-00001).
  number text,
  warehouse_id uuid not null,
  status public.stock_count_status not null default 'open',
  note text check (note is null or length(note) <= 2000),
  started_at timestamptz not null default now(),
  posted_at timestamptz,
  posted_by uuid references auth.users (id) on delete set null,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, number),
  foreign key (org_id, warehouse_id) references public.warehouses (org_id, id),
  check ((status = 'posted') = (number is not null and posted_at is not null))
);
alter table public.stock_counts enable row level security;
create index stock_counts_org_idx on public.stock_counts (org_id, status, started_at desc);
create index stock_counts_warehouse_idx on public.stock_counts (org_id, warehouse_id);

create table public.stock_count_lines (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  count_id uuid not null,
  product_id uuid not null,
  -- On hand per the books when the line was added.
  expected_quantity numeric(18, 4) not null default 0,
  counted_quantity numeric(18, 4) check (counted_quantity is null or counted_quantity >= 0),
  -- The difference actually posted (against on hand at posting time).
  posted_difference numeric(18, 4),
  counted_by uuid references auth.users (id) on delete set null,
  counted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (count_id, product_id),
  foreign key (org_id, count_id) references public.stock_counts (org_id, id) on delete cascade,
  foreign key (org_id, product_id) references public.products (org_id, id)
);
alter table public.stock_count_lines enable row level security;
create index stock_count_lines_count_idx on public.stock_count_lines (org_id, count_id);
create index stock_count_lines_product_idx on public.stock_count_lines (org_id, product_id);

-- Lines snapshot the books when added; only open counts change; counting stamps who and when.
create function private.stock_count_lines_before_write() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_count public.stock_counts;
begin
  select * into v_count from public.stock_counts c where c.id = new.count_id;
  if v_count.status <> 'open' and coalesce(current_setting('private.posting', true), '') <> 'on' then
    raise exception 'Count % is %: its lines cannot change', coalesce(v_count.number, ''), v_count.status using errcode = '42501';
  end if;
  if tg_op = 'INSERT' then
    select coalesce(l.on_hand, 0) into new.expected_quantity from public.stock_levels l
      where l.product_id = new.product_id and l.warehouse_id = v_count.warehouse_id;
    new.expected_quantity := coalesce(new.expected_quantity, 0);
    new.posted_difference := null;
  elsif coalesce(current_setting('private.posting', true), '') <> 'on' then
    new.expected_quantity := old.expected_quantity;
    new.posted_difference := old.posted_difference;
  end if;
  if new.counted_quantity is distinct from (case when tg_op = 'UPDATE' then old.counted_quantity end) then
    new.counted_by := (select auth.uid());
    new.counted_at := now();
  end if;
  return new;
end;
$$;
create trigger stock_count_lines_before_write before insert or update on public.stock_count_lines
  for each row execute function private.stock_count_lines_before_write();

create function private.stock_counts_guard() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if coalesce(current_setting('private.posting', true), '') = 'on' then
    return coalesce(new, old);
  end if;
  if tg_op = 'DELETE' then
    if old.status = 'posted' and exists (select 1 from public.organizations o where o.id = old.org_id) then
      raise exception 'A posted count cannot be deleted' using errcode = '42501';
    end if;
    return old;
  end if;
  if tg_op = 'INSERT' then
    if new.status <> 'open' then
      raise exception 'A count starts open' using errcode = '23514';
    end if;
    new.number := null;
    new.posted_at := null;
    new.started_at := now();
    return new;
  end if;
  if old.status <> 'open' then
    raise exception 'Count % is % and cannot change', coalesce(old.number, ''), old.status using errcode = '42501';
  end if;
  if new.status = 'posted' then
    raise exception 'Post a count with post_stock_count()' using errcode = '42501';
  end if;
  if new.warehouse_id <> old.warehouse_id then
    raise exception 'A count stays in its warehouse' using errcode = '23514';
  end if;
  new.started_at := old.started_at;
  return new;
end;
$$;
create trigger stock_counts_guard before insert or update or delete on public.stock_counts
  for each row execute function private.stock_counts_guard();

create trigger stock_counts_touch before update on public.stock_counts for each row execute function private.touch_updated_at();
create trigger stock_count_lines_touch before update on public.stock_count_lines for each row execute function private.touch_updated_at();
create trigger stock_counts_audit after insert or update or delete on public.stock_counts for each row execute function private.audit_row();
create trigger stock_count_lines_audit after insert or update or delete on public.stock_count_lines for each row execute function private.audit_row();

-- Starts a count sheet for the given products, or every stocked product with stock or
-- a level in the warehouse when none are given.
create function public.start_stock_count(p_org_id uuid, p_warehouse_id uuid, p_product_ids uuid[] default null, p_note text default null)
returns public.stock_counts
language plpgsql security invoker set search_path = '' as $$
declare
  v_count public.stock_counts;
begin
  insert into public.stock_counts (org_id, warehouse_id, note) values (p_org_id, p_warehouse_id, p_note)
    returning * into v_count;
  insert into public.stock_count_lines (org_id, count_id, product_id)
  select p_org_id, v_count.id, p.id from public.products p
  where p.org_id = p_org_id and p.kind = 'stocked' and p.archived_at is null
    and (p_product_ids is null and exists (select 1 from public.stock_levels l where l.product_id = p.id and l.warehouse_id = p_warehouse_id)
         or p.id = any (p_product_ids));
  return v_count;
end;
$$;

-- Posts the counted lines: each difference against on hand NOW becomes a 'count'
-- movement. Refused with the moved products listed (errcode P0001, hint) when stock moved
-- after the count started, unless p_accept_moved confirms it.
create function public.post_stock_count(p_count_id uuid, p_accept_moved boolean default false)
returns public.stock_counts
language plpgsql security definer set search_path = '' as $$
declare
  v_count public.stock_counts;
  v_moved text;
  v_line record;
  v_diff numeric;
begin
  select * into v_count from public.stock_counts c where c.id = p_count_id for update;
  if not found or not private.is_member(v_count.org_id) then
    raise exception 'Count not found' using errcode = 'P0002';
  end if;
  perform private.require_role(v_count.org_id, '{owner,admin,warehouse}', 'post stock counts');
  if v_count.status <> 'open' then
    raise exception 'Count % is already %', coalesce(v_count.number, ''), v_count.status using errcode = '23514';
  end if;
  if not exists (select 1 from public.stock_count_lines l where l.count_id = p_count_id and l.counted_quantity is not null) then
    raise exception 'Nothing has been counted yet' using errcode = '23514';
  end if;
  select string_agg(p.sku, ', ' order by p.sku) into v_moved
  from public.stock_count_lines l
  join public.products p on p.id = l.product_id
  join public.stock_levels s on s.product_id = l.product_id and s.warehouse_id = v_count.warehouse_id
  where l.count_id = p_count_id and l.counted_quantity is not null and s.last_movement_at > v_count.started_at;
  if v_moved is not null and not p_accept_moved then
    raise exception 'Stock moved since the count started: %', v_moved
      using errcode = 'P0001', hint = 'Recount those products, or post anyway to count against the current stock';
  end if;

  perform set_config('private.posting', 'on', true);
  for v_line in
    select l.id, l.product_id, l.counted_quantity from public.stock_count_lines l
    where l.count_id = p_count_id and l.counted_quantity is not null order by l.product_id
  loop
    -- Lock the level first so no movement slips in between reading on hand and posting.
    perform 1 from public.stock_levels s
      where s.product_id = v_line.product_id and s.warehouse_id = v_count.warehouse_id for update;
    v_diff := v_line.counted_quantity - coalesce((select s.on_hand from public.stock_levels s
      where s.product_id = v_line.product_id and s.warehouse_id = v_count.warehouse_id), 0);
    if v_diff <> 0 then
      insert into public.stock_movements (org_id, product_id, warehouse_id, kind, on_hand_delta, document_type, document_id,
        document_line_id, reason)
      values (v_count.org_id, v_line.product_id, v_count.warehouse_id, 'count', v_diff, 'stock_count', v_count.id, v_line.id,
        'Cycle count');
    end if;
    update public.stock_count_lines set posted_difference = v_diff where id = v_line.id;
  end loop;
  update public.stock_counts c set status = 'posted', posted_at = now(), posted_by = (select auth.uid()),
      number = private.next_document_number(c.org_id, 'CNT', current_date)
    where c.id = p_count_id
    returning * into v_count;
  perform set_config('private.posting', 'off', true);
  return v_count;
end;
$$;

revoke execute on function public.start_stock_count(uuid, uuid, uuid[], text), public.post_stock_count(uuid, boolean) from public, anon;
grant execute on function public.start_stock_count(uuid, uuid, uuid[], text), public.post_stock_count(uuid, boolean) to authenticated;

-- Inventory readers (everyone but support) read counts; owners, admins and warehouse staff run them.
create policy stock_counts_select on public.stock_counts for select to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales,warehouse,accountant,viewer}')));
create policy stock_counts_write on public.stock_counts for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,warehouse}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,warehouse}')));
create policy stock_count_lines_select on public.stock_count_lines for select to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales,warehouse,accountant,viewer}')));
create policy stock_count_lines_write on public.stock_count_lines for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,warehouse}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,warehouse}')));
