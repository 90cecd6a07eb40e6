-- CSV import of products, like import_accounts: every row or none, each row tried in its own
-- savepoint so every bad row is reported (row, field, message). Runs as the caller, so RLS
-- decides who may import (the roles that write the catalogue) and the price guard
-- (private.products_before_write) refuses prices from roles that may not set them: both
-- refuse the whole import (42501), not a row.
--
-- Rows are matched by SKU (case-insensitively, as products_org_sku_idx): a SKU the org
-- already has UPDATES that product, a new one creates it. This is what Odoo users expect:
-- Odoo's import updates the records a file identifies and creates the rest, so an export,
-- edited in a spreadsheet and imported again, changes the catalogue instead of failing on
-- every row. On an update only the columns present in the file change the product; a blank
-- name, kind, unit, sale price or active keeps the current value, and a blank barcode, tax
-- rate or supplier clears it. The same SKU twice in one file is a row error (which row wins
-- would be a guess).
--
-- Fields: sku (required), name (required for a new product), kind (stocked, service,
-- consumable; Odoo's "storable" and "goods" mean stocked), uom, barcode, sale_price,
-- tax_rate (a tax rate's name), supplier (the name of a supplier account: unknown or
-- ambiguous names are row errors), active (yes/no).

create function public.import_products(p_org_id uuid, p_rows jsonb) returns jsonb
language plpgsql security invoker set search_path = '' as $$
declare
  v_row jsonb;
  v_i int := 0;
  v_created int := 0;
  v_updated int := 0;
  v_errors jsonb := '[]';
  v_seen jsonb := '{}';
  v_field text;
  v_constraint text;
  v_column text;
  v_message text;
  v_sku text;
  v_name text;
  v_kind public.product_kind;
  v_kind_text text;
  v_uom text;
  v_price numeric;
  v_active boolean;
  v_active_text text;
  v_tax_name text;
  v_tax_id uuid;
  v_supplier_name text;
  v_supplier_id uuid;
  v_matches int;
  v_existing uuid;
  v_n int;
begin
  if p_rows is null or jsonb_typeof(p_rows) <> 'array' then
    raise exception 'Rows must be a JSON array' using errcode = '22023';
  end if;
  if jsonb_array_length(p_rows) > 10000 then
    raise exception 'At most 10,000 rows per import' using errcode = '22023';
  end if;
  begin
    for v_row in select * from jsonb_array_elements(p_rows) loop
      v_i := v_i + 1;
      v_field := null;
      v_tax_id := null;
      v_supplier_id := null;
      begin
        if jsonb_typeof(v_row) <> 'object' then
          raise exception 'Each row is an object of fields' using errcode = '22023';
        end if;

        v_sku := nullif(btrim(v_row ->> 'sku'), '');
        v_field := 'sku';
        if v_sku is null then
          raise exception 'SKU is required' using errcode = '23502';
        end if;
        if v_sku !~ '^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$' then
          raise exception 'SKU is up to 64 letters, digits and . _ / - (starting with a letter or digit)'
            using errcode = '22023';
        end if;
        if v_seen ? lower(v_sku) then
          raise exception 'SKU % is already in row % of this file', v_sku, v_seen ->> lower(v_sku)
            using errcode = '22023';
        end if;
        v_seen := v_seen || jsonb_build_object(lower(v_sku), v_i);

        -- Types next, so a bad value names its field.
        v_field := 'kind';
        v_kind_text := lower(btrim(coalesce(v_row ->> 'kind', '')));
        v_kind := case
          when v_kind_text = '' then null
          when v_kind_text in ('stocked', 'storable', 'storable product', 'goods', 'product') then 'stocked'
          when v_kind_text in ('service', 'consumable') then v_kind_text::public.product_kind
        end;
        if v_kind_text <> '' and v_kind is null then
          raise exception 'Kind is stocked, service or consumable' using errcode = '22023';
        end if;

        v_field := 'sale_price';
        if nullif(btrim(v_row ->> 'sale_price'), '') !~ '^\d{1,14}(\.\d{1,4})?$' then
          raise exception 'Sale price is an amount like 19.99 (at most 4 decimals)' using errcode = '22023';
        end if;
        v_price := nullif(btrim(v_row ->> 'sale_price'), '')::numeric;

        v_field := 'active';
        v_active_text := lower(btrim(coalesce(v_row ->> 'active', '')));
        if v_active_text not in ('', 'true', 'false', 'yes', 'no', '1', '0') then
          raise exception 'Active is yes or no' using errcode = '22023';
        end if;
        v_active := case when v_active_text = '' then null else v_active_text in ('true', 'yes', '1') end;

        v_field := 'uom';
        v_uom := nullif(btrim(v_row ->> 'uom'), '');
        if length(v_uom) > 20 then
          raise exception 'Unit of measure is at most 20 characters' using errcode = '22023';
        end if;

        v_field := 'tax_rate';
        v_tax_name := nullif(btrim(v_row ->> 'tax_rate'), '');
        if v_tax_name is not null then
          select count(*), min(t.id::text)::uuid into v_matches, v_tax_id
            from public.tax_rates t where t.org_id = p_org_id and lower(t.name) = lower(v_tax_name);
          if v_matches = 0 then
            raise exception 'No tax rate named "%"', v_tax_name using errcode = '22023';
          elsif v_matches > 1 then
            raise exception 'Tax rate "%" matches % tax rates', v_tax_name, v_matches using errcode = '22023';
          end if;
        end if;

        v_field := 'supplier';
        v_supplier_name := nullif(btrim(v_row ->> 'supplier'), '');
        if v_supplier_name is not null then
          select count(*), min(a.id::text)::uuid into v_matches, v_supplier_id
            from public.accounts a
            where a.org_id = p_org_id and a.is_supplier and a.archived_at is null and a.merged_into is null
              and lower(a.name) = lower(v_supplier_name);
          if v_matches = 0 then
            raise exception 'No supplier named "%"', v_supplier_name using errcode = '22023';
          elsif v_matches > 1 then
            raise exception 'Supplier "%" matches % accounts; rename one to tell them apart', v_supplier_name, v_matches
              using errcode = '22023';
          end if;
        end if;

        v_field := null;
        v_name := nullif(btrim(v_row ->> 'name'), '');
        select p.id into v_existing from public.products p where p.org_id = p_org_id and lower(p.sku) = lower(v_sku);
        if v_existing is null then
          if v_name is null then
            v_field := 'name';
            raise exception 'Name is required' using errcode = '23502';
          end if;
          insert into public.products (org_id, sku, name, kind, uom, barcode, sale_price, tax_rate_id,
            preferred_supplier_id, active)
          values (p_org_id, v_sku, v_name, coalesce(v_kind, 'stocked'), coalesce(v_uom, 'unit'),
            nullif(btrim(v_row ->> 'barcode'), ''), coalesce(v_price, 0), v_tax_id, v_supplier_id,
            coalesce(v_active, true));
          v_created := v_created + 1;
        else
          update public.products p set
            name = coalesce(v_name, p.name),
            kind = coalesce(v_kind, p.kind),
            uom = coalesce(v_uom, p.uom),
            barcode = case when v_row ? 'barcode' then nullif(btrim(v_row ->> 'barcode'), '') else p.barcode end,
            sale_price = coalesce(v_price, p.sale_price),
            tax_rate_id = case when v_row ? 'tax_rate' then v_tax_id else p.tax_rate_id end,
            preferred_supplier_id = case when v_row ? 'supplier' then v_supplier_id else p.preferred_supplier_id end,
            active = coalesce(v_active, p.active)
          where p.id = v_existing;
          get diagnostics v_n = row_count;
          -- RLS hides rows from an update silently: a caller who may read but not write products.
          if v_n = 0 then
            raise exception 'You may not change products' using errcode = '42501';
          end if;
          v_updated := v_updated + 1;
        end if;
      exception when others then
        get stacked diagnostics v_constraint = constraint_name, v_column = column_name, v_message = message_text;
        if sqlstate = '42501' then
          raise;
        end if;
        if v_constraint = 'products_org_barcode_idx' then
          v_field := 'barcode';
          v_message := 'Another product already has this barcode';
        end if;
        v_errors := v_errors || jsonb_build_object('row', v_i,
          'field', coalesce(v_field, private.import_error_field('products', v_constraint, v_column)),
          'message', v_message);
      end;
    end loop;
    if jsonb_array_length(v_errors) > 0 then
      -- Undo every row of this import (caught just below).
      raise exception 'import has errors' using errcode = 'P0004';
    end if;
  exception when sqlstate 'P0004' then
    return jsonb_build_object('imported', 0, 'created', 0, 'updated', 0, 'errors', v_errors);
  end;
  return jsonb_build_object('imported', v_created + v_updated, 'created', v_created, 'updated', v_updated,
    'errors', '[]'::jsonb);
end;
$$;
revoke execute on function public.import_products(uuid, jsonb) from public, anon;
grant execute on function public.import_products(uuid, jsonb) to authenticated;
