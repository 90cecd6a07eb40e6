-- CSV import of accounts: every row or none. Each row is tried in its own savepoint so
-- every bad row is reported (row number, field, message); if any row is bad the whole
-- import is rolled back and the caller gets the list to fix. Runs as the caller (RLS).

-- The column a failed insert is about, from the constraint that refused it.
create function private.import_error_field(p_table text, p_constraint text, p_column text) returns text
language sql immutable set search_path = '' as $$
  select coalesce(nullif(p_column, ''),
    substring(p_constraint from '^' || p_table || '_(.+)_(check|key|fkey|not_null)$'), '')
$$;

create function public.import_accounts(p_org_id uuid, p_rows jsonb) returns jsonb
language plpgsql security invoker set search_path = '' as $$
declare
  v_row jsonb;
  v_i int := 0;
  v_count int := 0;
  v_errors jsonb := '[]';
  v_field text;
  v_constraint text;
  v_column text;
  v_message text;
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
      begin
        -- Types first, so a bad number names its field.
        if coalesce(v_row ->> 'kind', 'company') not in ('company', 'person') then
          v_field := 'kind';
          raise exception 'Kind is company or person' using errcode = '22023';
        end if;
        if nullif(v_row ->> 'payment_terms_days', '') !~ '^\d{1,3}$' then
          v_field := 'payment_terms_days';
          raise exception 'Payment terms are a whole number of days' using errcode = '22023';
        end if;
        if nullif(v_row ->> 'credit_limit', '') !~ '^\d{1,15}(\.\d{1,2})?$' then
          v_field := 'credit_limit';
          raise exception 'Credit limit is an amount like 2500 or 2500.50' using errcode = '22023';
        end if;
        if nullif(btrim(v_row ->> 'name'), '') is null then
          v_field := 'name';
          raise exception 'Name is required' using errcode = '23502';
        end if;
        insert into public.accounts (org_id, name, kind, email, website, phone, tax_id, currency, payment_terms_days,
          credit_limit, tags, is_customer, is_supplier, notes)
        values (p_org_id, btrim(v_row ->> 'name'), coalesce(nullif(v_row ->> 'kind', ''), 'company')::public.party_kind,
          nullif(btrim(v_row ->> 'email'), ''), nullif(btrim(v_row ->> 'website'), ''), nullif(btrim(v_row ->> 'phone'), ''),
          nullif(btrim(v_row ->> 'tax_id'), ''), upper(nullif(btrim(v_row ->> 'currency'), '')),
          coalesce(nullif(v_row ->> 'payment_terms_days', '')::int, 30), nullif(v_row ->> 'credit_limit', '')::numeric,
          coalesce(array(select btrim(t) from unnest(string_to_array(v_row ->> 'tags', ',')) t where btrim(t) <> ''), '{}'),
          coalesce(nullif(v_row ->> 'is_customer', '')::boolean, true), coalesce(nullif(v_row ->> 'is_supplier', '')::boolean, false),
          nullif(v_row ->> 'notes', ''));
        v_count := v_count + 1;
      exception when others then
        get stacked diagnostics v_constraint = constraint_name, v_column = column_name, v_message = message_text;
        if sqlstate = '42501' then
          raise;
        end if;
        v_errors := v_errors || jsonb_build_object('row', v_i,
          'field', coalesce(v_field, private.import_error_field('accounts', v_constraint, v_column)),
          'message', v_message);
      end;
    end loop;
    if jsonb_array_length(v_errors) > 0 then
      -- Undo every row of this import (caught just below).
      raise exception 'import has errors' using errcode = 'P0004';
    end if;
  exception when sqlstate 'P0004' then
    return jsonb_build_object('imported', 0, 'errors', v_errors);
  end;
  return jsonb_build_object('imported', v_count, 'errors', '[]'::jsonb);
end;
$$;
revoke execute on function public.import_accounts(uuid, jsonb) from public, anon;
grant execute on function public.import_accounts(uuid, jsonb) to authenticated;
revoke all on function private.import_error_field(text, text, text) from public;
grant execute on function private.import_error_field(text, text, text) to authenticated;
