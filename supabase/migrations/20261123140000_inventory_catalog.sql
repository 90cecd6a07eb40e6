-- The product catalogue and the places stock lives: tax rates, products, price lists,
-- warehouses and reorder rules. Suppliers are parties of the customer master
-- (accounts.is_supplier), never a second party table.

create table public.tax_rates (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 100),
  rate numeric(6, 3) not null check (rate between 0 and 100),
  is_default boolean not null default false,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, name)
);
alter table public.tax_rates enable row level security;
create unique index tax_rates_one_default_idx on public.tax_rates (org_id) where is_default;

create type public.product_kind as enum ('stocked', 'service', 'consumable');
-- What an order line may invoice: what was ordered, or only what was delivered.
create type public.invoicing_policy as enum ('ordered', 'delivered');

create table public.products (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  sku text not null check (sku ~ '^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$'),
  name text not null check (length(btrim(name)) between 1 and 200),
  description text check (description is null or length(description) <= 5000),
  kind public.product_kind not null default 'stocked',
  uom text not null default 'unit' check (length(btrim(uom)) between 1 and 20),
  barcode text check (barcode is null or barcode ~ '^[0-9A-Za-z-]{4,64}$'),
  sale_price numeric(18, 4) not null default 0 check (sale_price >= 0),
  -- '' (the default) means the organisation's base currency.
  currency text not null default '' check (currency ~ '^[A-Z]{3}$'),
  tax_rate_id uuid,
  -- Moving-average unit cost, kept by the stock ledger (goods receipts).
  cost numeric(18, 4) not null default 0 check (cost >= 0),
  -- Overrides the organisation's allow_negative_stock when set.
  allow_negative_stock boolean,
  preferred_supplier_id uuid,
  invoicing_policy public.invoicing_policy not null default 'ordered',
  active boolean not null default true,
  archived_at timestamptz,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  foreign key (org_id, tax_rate_id) references public.tax_rates (org_id, id) on delete set null (tax_rate_id),
  foreign key (org_id, preferred_supplier_id) references public.accounts (org_id, id) on delete set null (preferred_supplier_id)
);
alter table public.products enable row level security;
create unique index products_org_sku_idx on public.products (org_id, lower(sku));
create unique index products_org_barcode_idx on public.products (org_id, barcode) where barcode is not null;
create index products_org_name_idx on public.products (org_id, name);
create index products_supplier_idx on public.products (org_id, preferred_supplier_id);
create index products_name_trgm_idx on public.products using gin (name extensions.gin_trgm_ops);

-- Quote lines on deals get their product reference now that the catalogue exists.
alter table public.deal_lines add constraint deal_lines_product_fk
  foreign key (org_id, product_id) references public.products (org_id, id) on delete set null (product_id);
create index deal_lines_product_idx on public.deal_lines (org_id, product_id);

create table public.price_lists (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 100),
  currency text not null default '' check (currency ~ '^[A-Z]{3}$'),
  is_default boolean not null default false,
  active boolean not null default true,
  valid_from date,
  valid_to date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, name),
  check (valid_to is null or valid_from is null or valid_to >= valid_from)
);
alter table public.price_lists enable row level security;
create unique index price_lists_one_default_idx on public.price_lists (org_id) where is_default;

create table public.price_list_items (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  price_list_id uuid not null,
  product_id uuid not null,
  min_quantity numeric(18, 4) not null default 1 check (min_quantity > 0),
  unit_price numeric(18, 4) not null check (unit_price >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (price_list_id, product_id, min_quantity),
  foreign key (org_id, price_list_id) references public.price_lists (org_id, id) on delete cascade,
  foreign key (org_id, product_id) references public.products (org_id, id) on delete cascade
);
alter table public.price_list_items enable row level security;
create index price_list_items_product_idx on public.price_list_items (org_id, product_id);

-- Accounts may buy from a price list of their own.
alter table public.accounts add column price_list_id uuid;
alter table public.accounts add constraint accounts_price_list_fk
  foreign key (org_id, price_list_id) references public.price_lists (org_id, id) on delete set null (price_list_id);

create table public.warehouses (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  code text not null check (code ~ '^[A-Z0-9][A-Z0-9_-]{0,15}$'),
  name text not null check (length(btrim(name)) between 1 and 100),
  address text check (address is null or length(address) <= 500),
  is_default boolean not null default false,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, code)
);
alter table public.warehouses enable row level security;
create unique index warehouses_one_default_idx on public.warehouses (org_id) where is_default;

create table public.reorder_rules (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  product_id uuid not null,
  warehouse_id uuid not null,
  reorder_point numeric(18, 4) not null check (reorder_point >= 0),
  reorder_quantity numeric(18, 4) not null check (reorder_quantity > 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (product_id, warehouse_id),
  foreign key (org_id, product_id) references public.products (org_id, id) on delete cascade,
  foreign key (org_id, warehouse_id) references public.warehouses (org_id, id) on delete cascade
);
alter table public.reorder_rules enable row level security;
create index reorder_rules_org_idx on public.reorder_rules (org_id, warehouse_id);

-- Currency defaults and the "except prices" rule for warehouse staff: only owners,
-- admins, managers and accountants set prices and costs.
create function private.products_before_write() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_uid uuid := (select auth.uid());
begin
  if coalesce(new.currency, '') = '' then
    select o.base_currency into new.currency from public.organizations o where o.id = new.org_id;
  end if;
  new.sku := btrim(new.sku);
  if v_uid is not null and not private.has_role(new.org_id, '{owner,admin,manager,accountant}') then
    -- The ledger's moving-average update (private.costing) is not a hand-set cost.
    if tg_op = 'INSERT' and (new.sale_price <> 0 or new.cost <> 0)
       or tg_op = 'UPDATE' and (new.sale_price <> old.sale_price
         or new.cost <> old.cost and coalesce(current_setting('private.costing', true), '') <> 'on') then
      raise exception 'Only owners, admins, managers and accountants set prices and costs' using errcode = '42501';
    end if;
  end if;
  return new;
end;
$$;

create trigger products_before_write before insert or update on public.products
  for each row execute function private.products_before_write();

create function private.price_lists_before_write() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if coalesce(new.currency, '') = '' then
    select o.base_currency into new.currency from public.organizations o where o.id = new.org_id;
  end if;
  return new;
end;
$$;
create trigger price_lists_before_write before insert or update on public.price_lists
  for each row execute function private.price_lists_before_write();

-- Every organisation starts with a main warehouse and a zero tax rate.
create function private.seed_inventory_defaults(p_org_id uuid) returns void
language sql security definer set search_path = '' as $$
  insert into public.warehouses (org_id, code, name, is_default) values (p_org_id, 'MAIN', 'Main warehouse', true)
    on conflict do nothing;
  insert into public.tax_rates (org_id, name, rate, is_default) values (p_org_id, 'No tax', 0, true)
    on conflict do nothing;
$$;
revoke all on function private.seed_inventory_defaults(uuid) from public;
create function private.organizations_seed_inventory() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.seed_inventory_defaults(new.id);
  return null;
end;
$$;
create trigger organizations_seed_inventory after insert on public.organizations
  for each row execute function private.organizations_seed_inventory();
select private.seed_inventory_defaults(o.id) from public.organizations o;

create trigger tax_rates_touch before update on public.tax_rates for each row execute function private.touch_updated_at();
create trigger products_touch before update on public.products for each row execute function private.touch_updated_at();
create trigger price_lists_touch before update on public.price_lists for each row execute function private.touch_updated_at();
create trigger price_list_items_touch before update on public.price_list_items for each row execute function private.touch_updated_at();
create trigger warehouses_touch before update on public.warehouses for each row execute function private.touch_updated_at();
create trigger reorder_rules_touch before update on public.reorder_rules for each row execute function private.touch_updated_at();

create trigger tax_rates_audit after insert or update or delete on public.tax_rates for each row execute function private.audit_row();
create trigger products_audit after insert or update or delete on public.products for each row execute function private.audit_row();
create trigger price_lists_audit after insert or update or delete on public.price_lists for each row execute function private.audit_row();
create trigger price_list_items_audit after insert or update or delete on public.price_list_items for each row execute function private.audit_row();
create trigger warehouses_audit after insert or update or delete on public.warehouses for each row execute function private.audit_row();
create trigger reorder_rules_audit after insert or update or delete on public.reorder_rules for each row execute function private.audit_row();

-- Policies. Every member reads the catalogue and the warehouses (reps quote against
-- live stock). Catalogue: owner, admin, manager, accountant and warehouse write
-- (prices guarded above); price lists and tax rates: not warehouse. Warehouses and
-- reorder rules: owner, admin, warehouse (DESIGN.md "Inventory").
create policy tax_rates_select on public.tax_rates for select to authenticated
  using (org_id in (select private.user_org_ids()));
create policy tax_rates_write on public.tax_rates for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,accountant}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager,accountant}')));

create policy products_select on public.products for select to authenticated
  using (org_id in (select private.user_org_ids()));
create policy products_insert on public.products for insert to authenticated
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager,accountant,warehouse}')));
create policy products_update on public.products for update to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,accountant,warehouse}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager,accountant,warehouse}')));
create policy products_delete on public.products for delete to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager}')));

create policy price_lists_select on public.price_lists for select to authenticated
  using (org_id in (select private.user_org_ids()));
create policy price_lists_write on public.price_lists for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,accountant}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager,accountant}')));
create policy price_list_items_select on public.price_list_items for select to authenticated
  using (org_id in (select private.user_org_ids()));
create policy price_list_items_write on public.price_list_items for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,accountant}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager,accountant}')));

create policy warehouses_select on public.warehouses for select to authenticated
  using (org_id in (select private.user_org_ids()));
create policy warehouses_write on public.warehouses for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,warehouse}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,warehouse}')));

create policy reorder_rules_select on public.reorder_rules for select to authenticated
  using (org_id in (select private.user_org_ids()));
create policy reorder_rules_write on public.reorder_rules for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,warehouse}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,warehouse}')));

alter publication supabase_realtime add table public.products;
