-- Bills of materials (manufacturing, issue 11). A BOM says what goes into
-- `output_quantity` units of a stocked product: its lines name the components, the
-- quantity of each per output quantity, and a scrap percentage. A component that has a
-- BOM of its own is a sub-assembly, so BOMs nest (multi-level); a component without an
-- active BOM is a leaf (a bought item). A product can never be part of its own
-- explosion: every change that could close a loop is checked and refused.
--
-- Scrap: scrap_pct is issued ON TOP of the net quantity, so a line needs
--   quantity × (1 + scrap_pct / 100)   per output_quantity of its BOM
-- (0.5 l of glue with 10 % scrap issues 0.55 l). explode_bom, can_build and the
-- production orders (20261202220100) all use this one formula; quantities are exact
-- through the levels and rounded to 4 decimals (the ledger's scale) per row.
--
-- Which BOM a product is built by: its active default BOM, else its active BOM of the
-- highest version (private.product_bom); a BOM without lines builds nothing and is skipped.
-- Marking a BOM default unmarks the others.

create table public.boms (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  -- The finished good (or sub-assembly) this BOM builds: a stocked product.
  product_id uuid not null,
  name text not null check (length(btrim(name)) between 1 and 200),
  -- Left out (0), a new BOM takes its product's next version.
  version int not null default 0 check (version >= 1),
  is_active boolean not null default true,
  is_default boolean not null default false,
  -- The quantity of the product the lines make (e.g. 2 table tops from 4 boards).
  output_quantity numeric(18, 4) not null default 1 check (output_quantity > 0),
  notes text check (notes is null or length(notes) <= 5000),
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, product_id, version),
  foreign key (org_id, product_id) references public.products (org_id, id),
  -- Archived BOMs are never the default.
  check (is_active or not is_default)
);
alter table public.boms enable row level security;
create unique index boms_one_default_idx on public.boms (product_id) where is_default;
create index boms_product_idx on public.boms (org_id, product_id) where is_active;

create table public.bom_lines (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  bom_id uuid not null,
  position int not null default 0,
  -- The component; with an active BOM of its own it is a sub-assembly.
  product_id uuid not null,
  -- Per the BOM's output_quantity, before scrap.
  quantity numeric(18, 4) not null check (quantity > 0),
  -- Issued on top of the quantity: quantity × (1 + scrap_pct / 100).
  scrap_pct numeric(5, 2) not null default 0 check (scrap_pct >= 0 and scrap_pct < 100),
  notes text check (notes is null or length(notes) <= 1000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  -- One line per component (production orders copy one component line per product).
  unique (bom_id, product_id),
  foreign key (org_id, bom_id) references public.boms (org_id, id) on delete cascade,
  foreign key (org_id, product_id) references public.products (org_id, id)
);
alter table public.bom_lines enable row level security;
create index bom_lines_bom_idx on public.bom_lines (bom_id, position);
create index bom_lines_product_idx on public.bom_lines (org_id, product_id);

-- The BOM a product is built by (null: a leaf, bought rather than made).
create function private.product_bom(p_product_id uuid) returns uuid
language sql stable security definer set search_path = '' as $$
  select b.id from public.boms b
  where b.product_id = p_product_id and b.is_active
    and exists (select 1 from public.bom_lines l where l.bom_id = b.id)
  order by b.is_default desc, b.version desc, b.created_at desc
  limit 1
$$;

-- A loop through active BOMs that passes through p_product_id, as the products' SKUs
-- (e.g. {TBL,TOP,TBL}), or null. Every new loop contains the edge that was just added,
-- so checking from the product whose BOM changed finds it.
create function private.bom_cycle_from(p_product_id uuid) returns text[]
language sql stable security definer set search_path = '' as $$
  with recursive walk (product_id, path) as (
    select l.product_id, array[p_product_id, l.product_id]
    from public.boms b join public.bom_lines l on l.bom_id = b.id
    where b.product_id = p_product_id and b.is_active
    union all
    select l.product_id, w.path || l.product_id
    from walk w
    join public.boms b on b.product_id = w.product_id and b.is_active
    join public.bom_lines l on l.bom_id = b.id
    -- Stop at the start (a loop found) and at any product seen before on the way.
    where w.product_id <> p_product_id
      and not (w.product_id = any (w.path[1:cardinality(w.path) - 1]))
      and cardinality(w.path) < 100
  )
  select array(select p.sku from unnest(w.path) with ordinality u(id, n) join public.products p on p.id = u.id order by u.n)
  from walk w where w.product_id = p_product_id
  limit 1
$$;

create function private.check_bom_cycle(p_org_id uuid, p_product_id uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_loop text[];
  v_product public.products;
begin
  -- BOM structure changes of one organisation queue, so two changes that only make a
  -- loop together (A → B here, B → A there) cannot both pass their checks.
  perform pg_advisory_xact_lock(hashtextextended('bom-structure:' || p_org_id::text, 0));
  v_loop := private.bom_cycle_from(p_product_id);
  if v_loop is not null then
    select * into v_product from public.products p where p.id = p_product_id;
    raise exception 'A product cannot be part of its own bill of materials: % (%) would be in its own explosion (%)',
      v_product.name, v_product.sku, array_to_string(v_loop, ' → ')
      using errcode = '23514', detail = json_build_object('product_id', p_product_id, 'loop', v_loop)::text;
  end if;
end;
$$;

-- Before a BOM is written: a stocked product, the next version, one default per product.
create function private.boms_before_write() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_kind public.product_kind;
begin
  if tg_op = 'INSERT' or new.product_id is distinct from old.product_id then
    select p.kind into v_kind from public.products p where p.id = new.product_id and p.org_id = new.org_id;
    if v_kind is not null and v_kind <> 'stocked' then
      raise exception 'Only stocked products are manufactured (this one is a %)', v_kind using errcode = '23514';
    end if;
  end if;
  if tg_op = 'INSERT' and new.version = 0 then
    perform pg_advisory_xact_lock(hashtextextended('bom-version:' || new.product_id::text, 0));
    select coalesce(max(b.version), 0) + 1 into new.version from public.boms b where b.product_id = new.product_id;
  end if;
  if new.is_default and (tg_op = 'INSERT' or not old.is_default or new.product_id is distinct from old.product_id) then
    update public.boms b set is_default = false
      where b.product_id = new.product_id and b.is_default and b.id <> new.id;
  end if;
  return new;
end;
$$;
create trigger boms_before_write before insert or update on public.boms
  for each row execute function private.boms_before_write();

-- After a BOM's lines or activation change: no loops.
create function private.boms_check_cycle() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_bom public.boms;
begin
  if tg_table_name = 'boms' then
    if new.is_active then
      perform private.check_bom_cycle(new.org_id, new.product_id);
    end if;
  else
    select * into v_bom from public.boms b where b.id = new.bom_id;
    if v_bom.is_active then
      perform private.check_bom_cycle(v_bom.org_id, v_bom.product_id);
    end if;
  end if;
  return null;
end;
$$;
create trigger boms_check_cycle after update of product_id, is_active on public.boms
  for each row execute function private.boms_check_cycle();
create trigger bom_lines_check_cycle after insert or update of bom_id, product_id on public.bom_lines
  for each row execute function private.boms_check_cycle();

-- Components hold stock: services are not components.
create function private.bom_lines_before_write() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_product public.products;
begin
  select * into v_product from public.products p where p.id = new.product_id and p.org_id = new.org_id;
  if found and v_product.kind = 'service' then
    raise exception '% (%) is a service and cannot be a component', v_product.name, v_product.sku using errcode = '23514';
  end if;
  return new;
end;
$$;
create trigger bom_lines_before_write before insert or update of product_id on public.bom_lines
  for each row execute function private.bom_lines_before_write();

create trigger boms_touch before update on public.boms for each row execute function private.touch_updated_at();
create trigger bom_lines_touch before update on public.bom_lines for each row execute function private.touch_updated_at();
create trigger boms_audit after insert or update or delete on public.boms for each row execute function private.audit_row();
create trigger bom_lines_audit after insert or update or delete on public.bom_lines for each row execute function private.audit_row();

-- Who reads and writes manufacturing (DESIGN.md section 2): owners, admins, managers and
-- warehouse staff write; sales, accountants and viewers read; support sees nothing.
create function private.require_manufacturing_reader(p_org_id uuid) returns void
language plpgsql stable security definer set search_path = '' as $$
begin
  if not private.is_member(p_org_id) then
    raise exception 'Organisation not found' using errcode = 'P0002';
  end if;
  perform private.require_role(p_org_id, '{owner,admin,manager,sales,warehouse,accountant,viewer}',
    'read bills of materials');
end;
$$;

-- The BOM to explode for a product of an org: p_bom_id when given (it must build that
-- product), else the product's own BOM. Refuses with a clear message when there is none.
create function private.resolve_bom(p_org_id uuid, p_product_id uuid, p_bom_id uuid) returns public.boms
language plpgsql stable security definer set search_path = '' as $$
declare
  v_bom public.boms;
  v_product public.products;
begin
  select * into v_product from public.products p where p.id = p_product_id and p.org_id = p_org_id;
  if not found then
    raise exception 'Product not found' using errcode = 'P0002';
  end if;
  select * into v_bom from public.boms b
    where b.id = coalesce(p_bom_id, private.product_bom(p_product_id)) and b.org_id = p_org_id;
  if not found then
    if p_bom_id is not null then
      raise exception 'Bill of materials not found' using errcode = 'P0002';
    end if;
    raise exception '% (%) has no active bill of materials', v_product.name, v_product.sku using errcode = 'P0002';
  end if;
  if v_bom.product_id <> p_product_id then
    raise exception 'This bill of materials builds another product' using errcode = '22023';
  end if;
  return v_bom;
end;
$$;

-- explode_bom: the multi-level explosion of a product's BOM for a quantity, depth first
-- in line order. One row per component and path: level (1 = direct components), path
-- (product ids from the direct component down to this one) and sku_path, the parent
-- product, the BOM line, the quantity needed including scrap at every level
-- (parent quantity × line quantity / output quantity × (1 + scrap_pct / 100), rounded
-- to 4 decimals per row), the component's current moving-average unit_cost, the BOM it
-- is itself built by (bom_id, null for a leaf) and is_leaf. p_levels limits the depth
-- (1 = direct components only; sub-assemblies at the limit are listed, not expanded);
-- p_bom_id explodes a given BOM of the product instead of its default.
--   supabase.rpc('explode_bom', { p_org_id, p_product_id, p_quantity: 3 })
-- Leaves (what has to be bought): filter is_leaf. Readers of manufacturing only.
create function public.explode_bom(p_org_id uuid, p_product_id uuid, p_quantity numeric default 1,
  p_levels int default null, p_bom_id uuid default null)
returns table (level int, path uuid[], sku_path text[], parent_product_id uuid, product_id uuid, sku text, name text,
  uom text, bom_line_id uuid, quantity numeric, scrap_pct numeric, unit_cost numeric, bom_id uuid, is_leaf boolean)
language plpgsql stable security invoker set search_path = '' as $$
#variable_conflict use_column
declare
  v_bom public.boms;
begin
  perform private.require_manufacturing_reader(p_org_id);
  if p_quantity is null or p_quantity <= 0 then
    raise exception 'Quantity must be greater than zero' using errcode = '22023';
  end if;
  if p_levels is not null and p_levels < 1 then
    raise exception 'Levels start at 1 (the direct components)' using errcode = '22023';
  end if;
  v_bom := private.resolve_bom(p_org_id, p_product_id, p_bom_id);
  return query
  with recursive x (level, path, sku_path, sort_key, parent_product_id, product_id, bom_line_id, qty, scrap_pct) as (
    select 1, array[l.product_id], array[p.sku], array[lpad((l.position::bigint + 2147483648)::text, 10, '0') || p.sku],
      v_bom.product_id, l.product_id, l.id, p_quantity * l.quantity / v_bom.output_quantity * (1 + l.scrap_pct / 100),
      l.scrap_pct
    from public.bom_lines l join public.products p on p.id = l.product_id
    where l.bom_id = v_bom.id
    union all
    select x.level + 1, x.path || l.product_id, x.sku_path || p.sku,
      x.sort_key || (lpad((l.position::bigint + 2147483648)::text, 10, '0') || p.sku),
      x.product_id, l.product_id, l.id, x.qty * l.quantity / b.output_quantity * (1 + l.scrap_pct / 100), l.scrap_pct
    from x
    join public.boms b on b.id = private.product_bom(x.product_id)
    join public.bom_lines l on l.bom_id = b.id
    join public.products p on p.id = l.product_id
    where (p_levels is null or x.level < p_levels) and x.level < 100
  )
  select x.level, x.path, x.sku_path, x.parent_product_id, x.product_id, p.sku, p.name, p.uom, x.bom_line_id,
    round(x.qty, 4), x.scrap_pct, p.cost, private.product_bom(x.product_id), private.product_bom(x.product_id) is null
  from x join public.products p on p.id = x.product_id
  order by x.sort_key;
end;
$$;

-- can_build: can p_quantity of a product be built in a warehouse now? Answers as one
-- JSON object:
--   { product_id, warehouse_id, bom_id, quantity,
--     buildable        -- every direct component is available (a production order could start),
--     max_buildable    -- whole units the direct components' available stock allows (null when
--                      -- only components that may go negative are needed),
--     components: [{ level, path, sku_path, product_id, sku, name, uom, required, available,
--                    allocated, shortage, has_bom, allows_negative_stock }],
--     to_buy: [{ product_id, sku, name, uom, shortage }] }  -- short leaves, summed per product
-- Available is on hand − reserved in the warehouse. The tree is netted like MRP, depth
-- first: each row takes what is still free of its product (after the rows before it), and
-- only the shortage of a sub-assembly is exploded into its own components (what it would
-- take to build the missing ones). Production of a product consumes its direct components
-- only, so `buildable` and `max_buildable` look at level 1; deeper rows say what to build or
-- buy first. Components that may go negative (consumables, or as the product or org allows)
-- are shown with their shortage but never hold production back. Security definer (it reads
-- the stock rules of products); it checks the caller reads manufacturing in p_org_id.
--   supabase.rpc('can_build', { p_org_id, p_product_id, p_quantity: 5, p_warehouse_id })
create function public.can_build(p_org_id uuid, p_product_id uuid, p_quantity numeric default 1,
  p_warehouse_id uuid default null)
returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_bom public.boms;
  v_warehouse uuid := p_warehouse_id;
  v_stack jsonb := '[]';
  v_item jsonb;
  v_rows jsonb := '[]';
  v_used jsonb := '{}';
  v_product public.products;
  v_available numeric;
  v_free numeric;
  v_take numeric;
  v_required numeric;
  v_shortage numeric;
  v_negative boolean;
  v_sub uuid;
  v_max numeric;
  v_blocked boolean := false;
begin
  perform private.require_manufacturing_reader(p_org_id);
  perform private.check_quantity(p_quantity);
  if v_warehouse is null then
    select w.id into v_warehouse from public.warehouses w
    where w.org_id = p_org_id and w.active order by w.is_default desc, w.code limit 1;
  elsif not exists (select 1 from public.warehouses w where w.id = v_warehouse and w.org_id = p_org_id) then
    raise exception 'Warehouse not found' using errcode = 'P0002';
  end if;
  v_bom := private.resolve_bom(p_org_id, p_product_id, null);

  -- The direct components, pushed last first so they pop in line order.
  select coalesce(jsonb_agg(jsonb_build_object('level', e.level, 'path', to_jsonb(e.path), 'sku_path', to_jsonb(e.sku_path),
      'product_id', e.product_id, 'required', e.quantity) order by e.ordinality desc), '[]')
    into v_stack
  from public.explode_bom(p_org_id, p_product_id, p_quantity, 1) with ordinality e;

  while jsonb_array_length(v_stack) > 0 loop
    v_item := v_stack -> -1;
    v_stack := v_stack - -1;
    select * into v_product from public.products p where p.id = (v_item ->> 'product_id')::uuid;
    v_required := (v_item ->> 'required')::numeric;
    select coalesce((select l.on_hand - l.reserved from public.stock_levels l
                     where l.product_id = v_product.id and l.warehouse_id = v_warehouse), 0)
      into v_available;
    v_free := greatest(v_available - coalesce((v_used ->> v_product.id::text)::numeric, 0), 0);
    v_take := least(v_free, v_required);
    v_shortage := v_required - v_take;
    v_used := v_used || jsonb_build_object(v_product.id::text, coalesce((v_used ->> v_product.id::text)::numeric, 0) + v_take);
    v_negative := private.allows_negative_stock(v_product);
    v_sub := private.product_bom(v_product.id);
    v_rows := v_rows || jsonb_build_array(jsonb_build_object(
      'level', (v_item ->> 'level')::int, 'path', v_item -> 'path', 'sku_path', v_item -> 'sku_path',
      'product_id', v_product.id, 'sku', v_product.sku, 'name', v_product.name, 'uom', v_product.uom,
      'required', v_required, 'available', v_available, 'allocated', v_take, 'shortage', v_shortage,
      'has_bom', v_sub is not null, 'allows_negative_stock', v_negative));
    if (v_item ->> 'level')::int = 1 and v_shortage > 0 and not v_negative then
      v_blocked := true;
    end if;
    -- Only what is missing of a sub-assembly is broken down further.
    if v_shortage > 0 and v_sub is not null and (v_item ->> 'level')::int < 100 then
      select v_stack || coalesce(jsonb_agg(jsonb_build_object('level', (v_item ->> 'level')::int + 1,
          'path', (v_item -> 'path') || to_jsonb(e.product_id), 'sku_path', (v_item -> 'sku_path') || to_jsonb(e.sku),
          'product_id', e.product_id, 'required', e.quantity) order by e.ordinality desc), '[]')
        into v_stack
      from public.explode_bom(p_org_id, v_product.id, v_shortage, 1) with ordinality e;
    end if;
  end loop;

  -- Whole units the direct components allow: available / need per unit, the smallest.
  select floor(min(greatest(coalesce(s.on_hand - s.reserved, 0), 0)
                   / (l.quantity / v_bom.output_quantity * (1 + l.scrap_pct / 100))))
    into v_max
  from public.bom_lines l
  join public.products p on p.id = l.product_id
  left join public.stock_levels s on s.product_id = l.product_id and s.warehouse_id = v_warehouse
  where l.bom_id = v_bom.id and not private.allows_negative_stock(p);

  return jsonb_build_object(
    'product_id', p_product_id, 'warehouse_id', v_warehouse, 'bom_id', v_bom.id, 'quantity', p_quantity,
    'buildable', not v_blocked, 'max_buildable', v_max, 'components', v_rows,
    'to_buy', (select coalesce(jsonb_agg(jsonb_build_object('product_id', t.product_id, 'sku', t.sku, 'name', t.name,
                 'uom', t.uom, 'shortage', t.shortage) order by t.sku), '[]')
               from (select r ->> 'product_id' as product_id, r ->> 'sku' as sku, r ->> 'name' as name, r ->> 'uom' as uom,
                       sum((r ->> 'shortage')::numeric) as shortage
                     from jsonb_array_elements(v_rows) r
                     where not (r ->> 'has_bom')::boolean and (r ->> 'shortage')::numeric > 0
                     group by 1, 2, 3, 4) t));
end;
$$;

revoke all on function private.product_bom(uuid), private.bom_cycle_from(uuid), private.check_bom_cycle(uuid, uuid),
  private.boms_before_write(), private.boms_check_cycle(), private.bom_lines_before_write(),
  private.require_manufacturing_reader(uuid), private.resolve_bom(uuid, uuid, uuid)
  from public;
grant execute on function private.product_bom(uuid), private.require_manufacturing_reader(uuid),
  private.resolve_bom(uuid, uuid, uuid) to authenticated;
revoke execute on function public.explode_bom(uuid, uuid, numeric, int, uuid), public.can_build(uuid, uuid, numeric, uuid)
  from public, anon;
grant execute on function public.explode_bom(uuid, uuid, numeric, int, uuid), public.can_build(uuid, uuid, numeric, uuid)
  to authenticated;

create policy boms_select on public.boms for select to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales,warehouse,accountant,viewer}')));
create policy boms_write on public.boms for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,warehouse}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager,warehouse}')));
create policy bom_lines_select on public.bom_lines for select to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales,warehouse,accountant,viewer}')));
create policy bom_lines_write on public.bom_lines for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,warehouse}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager,warehouse}')));
