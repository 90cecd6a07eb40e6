-- CSV import of contacts, like import_accounts: every row or none, each row tried in its
-- own savepoint so every bad row is reported (row, field, message). Runs as the caller, so
-- RLS decides who may import (the roles that insert contacts).
--
-- The account comes as a name ("account"), matched case-insensitively among the org's
-- live accounts (not archived, not merged). A blank account imports the contact without one.
-- A name matching two accounts is a row error (ambiguous). An unknown name is a row error,
-- unless the row sets create_account (true/yes/1): then, as Pipedrive does with a
-- person's organization on import, a company account of that name is created (once: later
-- rows naming it link to it). Creating accounts needs a role that may insert accounts.

create function public.import_contacts(p_org_id uuid, p_rows jsonb) returns jsonb
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
  v_account_name text;
  v_account_id uuid;
  v_matches int;
  v_create text;
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
      v_account_id := null;
      begin
        if jsonb_typeof(v_row) <> 'object' then
          raise exception 'Each row is an object of fields' using errcode = '22023';
        end if;
        if coalesce(nullif(btrim(v_row ->> 'first_name'), ''), nullif(btrim(v_row ->> 'last_name'), ''),
            nullif(btrim(v_row ->> 'email'), '')) is null then
          v_field := 'first_name';
          raise exception 'A name or an e-mail address is required' using errcode = '23502';
        end if;
        v_create := lower(btrim(coalesce(v_row ->> 'create_account', '')));
        if v_create not in ('', 'true', 'false', 'yes', 'no', '1', '0') then
          v_field := 'create_account';
          raise exception 'Create account is yes or no' using errcode = '22023';
        end if;
        v_account_name := nullif(btrim(v_row ->> 'account'), '');
        if v_account_name is not null then
          select count(*), min(a.id::text)::uuid into v_matches, v_account_id
            from public.accounts a
            where a.org_id = p_org_id and a.archived_at is null and a.merged_into is null
              and lower(a.name) = lower(v_account_name);
          if v_matches > 1 then
            v_field := 'account';
            raise exception 'Account "%" matches % accounts; rename one to tell them apart', v_account_name, v_matches
              using errcode = '22023';
          elsif v_matches = 0 then
            v_field := 'account';
            if v_create not in ('true', 'yes', '1') then
              raise exception 'No account named "%"', v_account_name using errcode = '22023';
            end if;
            begin
              insert into public.accounts (org_id, name) values (p_org_id, v_account_name)
                returning id into v_account_id;
            exception when insufficient_privilege then
              raise exception 'No account named "%", and you may not create accounts', v_account_name
                using errcode = '22023';
            end;
            v_field := null;
          end if;
        end if;
        insert into public.contacts (org_id, account_id, first_name, last_name, email, phone, mobile, title, tags, notes)
        values (p_org_id, v_account_id, nullif(btrim(v_row ->> 'first_name'), ''), nullif(btrim(v_row ->> 'last_name'), ''),
          nullif(btrim(v_row ->> 'email'), ''), nullif(btrim(v_row ->> 'phone'), ''), nullif(btrim(v_row ->> 'mobile'), ''),
          nullif(btrim(v_row ->> 'title'), ''),
          coalesce(array(select btrim(t) from unnest(string_to_array(v_row ->> 'tags', ',')) t where btrim(t) <> ''), '{}'),
          nullif(v_row ->> 'notes', ''));
        v_count := v_count + 1;
      exception when others then
        get stacked diagnostics v_constraint = constraint_name, v_column = column_name, v_message = message_text;
        if sqlstate = '42501' then
          raise;
        end if;
        v_errors := v_errors || jsonb_build_object('row', v_i,
          'field', coalesce(v_field, private.import_error_field('contacts', v_constraint, v_column)),
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
revoke execute on function public.import_contacts(uuid, jsonb) from public, anon;
grant execute on function public.import_contacts(uuid, jsonb) to authenticated;
