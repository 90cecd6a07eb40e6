-- The `realtime` schema as Supabase Realtime installs it in a project database
-- (supabase/realtime priv/repo/tenant_db_dump_17.sql), reduced to what apps and the
-- local Realtime service use: realtime.messages (Realtime Authorization and
-- database broadcast), realtime.topic(), realtime.send(), realtime.broadcast_changes(),
-- realtime.subscription with its filter types and checks. Differences from the dump:
-- realtime.messages is not partitioned (the local service deletes rows older than
-- 72 hours instead of dropping daily partitions), and the wal2json-based
-- list_changes/apply_rls are replaced by the pgoutput stream plus `_realtime`
-- helpers below. Runs as supabase_admin on a fresh database.

-- Role memberships are cluster-wide and survive db:reset: grant idempotently.
grant anon to supabase_realtime_admin with inherit false;
grant authenticated to supabase_realtime_admin with inherit false;
grant service_role to supabase_realtime_admin with inherit false;
-- As on Supabase, postgres is a member of supabase_realtime_admin, so migrations can
-- create policies on realtime.messages.
grant supabase_realtime_admin to postgres with inherit true;

create schema if not exists realtime;
alter schema realtime owner to supabase_admin;

create type realtime.action as enum ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'ERROR');
alter type realtime.action owner to supabase_realtime_admin;

create type realtime.equality_op as enum (
  'eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'in', 'like', 'ilike', 'is', 'match', 'imatch', 'isdistinct'
);
alter type realtime.equality_op owner to supabase_realtime_admin;

create type realtime.user_defined_filter as (
  column_name text,
  op realtime.equality_op,
  value text,
  negate boolean
);
alter type realtime.user_defined_filter owner to supabase_realtime_admin;

create type realtime.wal_column as (
  name text,
  type_name text,
  type_oid oid,
  value jsonb,
  is_pkey boolean,
  is_selectable boolean
);
alter type realtime.wal_column owner to supabase_realtime_admin;

create type realtime.wal_rls as (
  wal jsonb,
  is_rls_enabled boolean,
  subscription_ids uuid[],
  errors text[]
);
alter type realtime.wal_rls owner to supabase_realtime_admin;

-- Text value of a column as JSON, the way Realtime types change payloads.
create function realtime."cast"(val text, type_ regtype) returns jsonb
language plpgsql immutable as $$
declare
  res jsonb;
begin
  if type_::text = 'bytea' then
    return to_jsonb(val);
  end if;
  execute format('select to_jsonb(%L::'|| type_::text || ')', val) into res;
  return res;
end
$$;
alter function realtime."cast"(text, regtype) owner to supabase_realtime_admin;

create function realtime.check_equality_op(op realtime.equality_op, type_ regtype, val_1 text, val_2 text)
returns boolean language plpgsql immutable as $$
declare
  op_symbol text = (
    case
      when op = 'eq' then '='
      when op = 'neq' then '!='
      when op = 'lt' then '<'
      when op = 'lte' then '<='
      when op = 'gt' then '>'
      when op = 'gte' then '>='
      when op = 'in' then '= any'
      else 'UNKNOWN OP'
    end
  );
  res boolean;
begin
  execute format(
    'select %L::'|| type_::text || ' ' || op_symbol
    || ' ( %L::'
    || (case when op = 'in' then type_::text || '[]' else type_::text end)
    || ')', val_1, val_2) into res;
  return res;
end;
$$;
alter function realtime.check_equality_op(realtime.equality_op, regtype, text, text) owner to supabase_realtime_admin;

create function realtime.check_equality_op(op realtime.equality_op, type_ regtype, val_1 text, val_2 text, negate boolean)
returns boolean language plpgsql stable as $$
declare
  op_symbol text;
  res boolean;
begin
  if op = 'isdistinct' then
    execute format(
      'select %L::%s %s %L::%s',
      val_1, type_::text,
      case when negate then 'IS NOT DISTINCT FROM' else 'IS DISTINCT FROM' end,
      val_2, type_::text
    ) into res;
    return res;
  end if;
  if op = 'is' then
    if val_2 not in ('null', 'true', 'false', 'unknown') then
      raise exception 'invalid value for is filter: must be null, true, false, or unknown';
    end if;
    execute format(
      'select %L::%s %s %s',
      val_1, type_::text,
      case when negate then 'IS NOT' else 'IS' end,
      upper(val_2)
    ) into res;
    return res;
  end if;
  op_symbol = case
    when op = 'eq' then '='
    when op = 'neq' then '!='
    when op = 'lt' then '<'
    when op = 'lte' then '<='
    when op = 'gt' then '>'
    when op = 'gte' then '>='
    when op = 'in' then '= any'
    when op = 'like' then 'LIKE'
    when op = 'ilike' then 'ILIKE'
    when op = 'match' then '~'
    when op = 'imatch' then '~*'
    else null
  end;
  if op_symbol is null then
    raise exception 'unsupported equality operator: %', op::text;
  end if;
  execute format(
    'select %L::%s %s (%L::%s)',
    val_1, type_::text, op_symbol, val_2,
    case when op = 'in' then type_::text || '[]' else type_::text end
  ) into res;
  return case when negate then not res else res end;
end;
$$;
alter function realtime.check_equality_op(realtime.equality_op, regtype, text, text, boolean) owner to supabase_realtime_admin;

create function realtime.is_visible_through_filters(columns realtime.wal_column[], filters realtime.user_defined_filter[])
returns boolean language sql stable as $$
  select
    filters is null
    or array_length(filters, 1) is null
    or coalesce(
      count(col.name) = count(1)
      and sum(
        realtime.check_equality_op(
          op := f.op,
          type_ := coalesce(col.type_oid::regtype, col.type_name::regtype),
          val_1 := col.value #>> '{}',
          val_2 := f.value,
          negate := coalesce(f.negate, false)
        )::int
      ) filter (where col.name is not null) = count(col.name),
      false
    )
  from
    unnest(filters) f
    left join unnest(columns) col on f.column_name = col.name;
$$;
alter function realtime.is_visible_through_filters(realtime.wal_column[], realtime.user_defined_filter[]) owner to supabase_realtime_admin;

create function realtime.to_regrole(role_name text) returns regrole
language sql immutable as $$ select role_name::regrole $$;
alter function realtime.to_regrole(text) owner to supabase_realtime_admin;

-- Private-channel policies read the channel's topic from here (Realtime sets it per check).
create function realtime.topic() returns text
language sql stable as $$
  select nullif(current_setting('realtime.topic', true), '')::text;
$$;
alter function realtime.topic() owner to supabase_realtime_admin;

create table realtime.subscription (
  id bigint not null generated always as identity,
  subscription_id uuid not null,
  entity regclass not null,
  filters realtime.user_defined_filter[] default '{}'::realtime.user_defined_filter[] not null,
  claims jsonb not null,
  claims_role regrole generated always as (realtime.to_regrole((claims ->> 'role'::text))) stored not null,
  created_at timestamp without time zone default timezone('utc'::text, now()) not null,
  action_filter text default '*'::text,
  selected_columns text[],
  constraint pk_subscription primary key (id),
  constraint subscription_action_filter_check check (action_filter = any (array['*'::text, 'INSERT'::text, 'UPDATE'::text, 'DELETE'::text]))
);
alter table realtime.subscription owner to supabase_realtime_admin;
create index ix_realtime_subscription_entity on realtime.subscription using btree (entity);
create unique index subscription_subscription_id_entity_filters_action_filter_selec
  on realtime.subscription using btree (subscription_id, entity, filters, action_filter, coalesce(selected_columns, '{}'::text[]));

-- Validates a postgres_changes binding (columns exist and are selectable by the role,
-- filter values cast to the column type, at most 100 `in` values). The local service
-- runs it by inserting the binding inside a transaction it rolls back.
create function realtime.subscription_check_filters() returns trigger
language plpgsql as $$
declare
  col_names text[] = coalesce(
    array_agg(a.attname order by a.attnum),
    '{}'::text[]
  )
  from pg_catalog.pg_attribute a
  where a.attrelid = new.entity
    and a.attnum > 0
    and not a.attisdropped
    and pg_catalog.has_column_privilege((new.claims ->> 'role'), a.attrelid, a.attnum, 'SELECT');
  filter realtime.user_defined_filter;
  col_type regtype;
  in_val jsonb;
  selected_col text;
begin
  for filter in select * from unnest(new.filters) loop
    if not filter.column_name = any(col_names) then
      raise exception 'invalid column for filter %', filter.column_name;
    end if;
    col_type = (
      select atttypid::regtype
      from pg_catalog.pg_attribute
      where attrelid = new.entity and attname = filter.column_name
    );
    if col_type is null then
      raise exception 'failed to lookup type for column %', filter.column_name;
    end if;
    if filter.op = 'in'::realtime.equality_op then
      in_val = realtime.cast(filter.value, (col_type::text || '[]')::regtype);
      if coalesce(jsonb_array_length(in_val), 0) > 100 then
        raise exception 'too many values for `in` filter. Maximum 100';
      end if;
    elsif filter.op = 'is'::realtime.equality_op then
      if filter.value not in ('null', 'true', 'false', 'unknown') then
        raise exception 'invalid value for is filter: must be null, true, false, or unknown';
      end if;
      if filter.value <> 'null' and col_type <> 'boolean'::regtype then
        raise exception 'is % filter requires a boolean column, got %', filter.value, col_type::text;
      end if;
    elsif filter.op in ('like'::realtime.equality_op, 'ilike'::realtime.equality_op) then
      if not exists (
        select 1 from pg_catalog.pg_operator where oprname = '~~' and oprleft = col_type
      ) then
        raise exception 'operator % requires a text-compatible column type, got %', filter.op::text, col_type::text;
      end if;
    elsif filter.op in ('match'::realtime.equality_op, 'imatch'::realtime.equality_op) then
      if not exists (
        select 1 from pg_catalog.pg_operator
        where oprname = case when filter.op = 'imatch'::realtime.equality_op then '~*' else '~' end
          and oprleft = col_type
          and oprright = col_type
          and oprresult = 'boolean'::regtype
      ) then
        raise exception 'operator % requires a text-compatible column type, got %', filter.op::text, col_type::text;
      end if;
      begin
        perform '' ~ filter.value;
      exception when others then
        raise exception 'invalid regular expression for % filter: %', filter.op::text, sqlerrm;
      end;
    else
      perform realtime.cast(filter.value, col_type);
    end if;
  end loop;
  if new.selected_columns is not null then
    for selected_col in select * from unnest(new.selected_columns) loop
      if not selected_col = any(col_names) then
        raise exception 'invalid column for select %', selected_col;
      end if;
    end loop;
  end if;
  new.filters = coalesce(
    array_agg(f order by f.column_name, f.op, f.value, f.negate),
    '{}'
  ) from unnest(new.filters) f;
  new.selected_columns = (select array_agg(c order by c) from unnest(new.selected_columns) c);
  return new;
end;
$$;
alter function realtime.subscription_check_filters() owner to supabase_realtime_admin;
create trigger tr_check_filters before insert or update on realtime.subscription
  for each row execute function realtime.subscription_check_filters();

-- Broadcast and presence authorization (RLS policies using realtime.topic()) and
-- database-originated broadcast (rows inserted here are streamed to channel members).
create table realtime.messages (
  topic text not null,
  extension text not null,
  payload jsonb,
  event text,
  private boolean default false,
  updated_at timestamp without time zone default now() not null,
  inserted_at timestamp without time zone default now() not null,
  id uuid default gen_random_uuid() not null,
  binary_payload bytea,
  constraint messages_pkey primary key (id, inserted_at)
);
alter table realtime.messages owner to supabase_realtime_admin;
alter table realtime.messages
  add constraint messages_payload_exclusive check ((payload is null) or (binary_payload is null)) not valid;
create index messages_inserted_at_topic_index on realtime.messages using btree (inserted_at desc, topic)
  where ((extension = 'broadcast'::text) and (private is true));
alter table realtime.messages enable row level security;

create function realtime.send(payload jsonb, event text, topic text, private boolean default true) returns void
language plpgsql as $$
declare
  generated_id uuid;
  final_payload jsonb;
begin
  begin
    generated_id := gen_random_uuid();
    if payload ? 'id' then
      final_payload := payload;
    else
      final_payload := jsonb_set(payload, '{id}', to_jsonb(generated_id));
    end if;
    execute format('SET LOCAL realtime.topic TO %L', topic);
    insert into realtime.messages (id, payload, event, topic, private, extension)
    values (generated_id, final_payload, event, topic, private, 'broadcast');
  exception
    when others then
      raise warning 'WarnSendingBroadcastMessage: %', sqlerrm;
  end;
end;
$$;
alter function realtime.send(jsonb, text, text, boolean) owner to supabase_realtime_admin;

create function realtime.send_binary(payload bytea, event text, topic text, private boolean default true) returns void
language plpgsql as $$
declare
  generated_id uuid;
begin
  begin
    generated_id := gen_random_uuid();
    execute format('SET LOCAL realtime.topic TO %L', topic);
    insert into realtime.messages (id, binary_payload, event, topic, private, extension)
    values (generated_id, payload, event, topic, private, 'broadcast');
  exception
    when others then
      raise warning 'WarnSendingBroadcastMessage: %', sqlerrm;
  end;
end;
$$;
alter function realtime.send_binary(bytea, text, text, boolean) owner to supabase_realtime_admin;

create function realtime.broadcast_changes(
  topic_name text, event_name text, operation text, table_name text, table_schema text,
  new record, old record, level text default 'ROW'::text
) returns void
language plpgsql as $$
declare
  row_data jsonb := '{}'::jsonb;
begin
  if level = 'STATEMENT' then
    raise exception 'function can only be triggered for each row, not for each statement';
  end if;
  if operation = 'INSERT' or operation = 'UPDATE' or operation = 'DELETE' then
    row_data := jsonb_build_object('old_record', old, 'record', new, 'operation', operation, 'table', table_name, 'schema', table_schema);
    perform realtime.send(row_data, event_name, topic_name);
  else
    raise exception 'Unexpected operation type: %', operation;
  end if;
exception
  when others then
    raise exception 'Failed to process the row: %', sqlerrm;
end;
$$;
alter function realtime.broadcast_changes(text, text, text, text, text, record, record, text) owner to supabase_realtime_admin;

create table realtime.schema_migrations (
  version bigint not null primary key,
  inserted_at timestamp(0) without time zone default now()
);
alter table realtime.schema_migrations owner to supabase_admin;

grant usage on schema realtime to postgres with grant option;
grant usage on schema realtime to anon, authenticated, service_role;
grant all on schema realtime to supabase_realtime_admin with grant option;

grant all on function realtime."cast"(text, regtype) to postgres, dashboard_user, anon, authenticated, service_role;
grant all on function realtime.check_equality_op(realtime.equality_op, regtype, text, text) to postgres, dashboard_user, anon, authenticated, service_role;
grant all on function realtime.check_equality_op(realtime.equality_op, regtype, text, text, boolean) to postgres, dashboard_user, anon, authenticated, service_role;
grant all on function realtime.is_visible_through_filters(realtime.wal_column[], realtime.user_defined_filter[]) to postgres, dashboard_user, anon, authenticated, service_role;
grant all on function realtime.to_regrole(text) to postgres, dashboard_user, anon, authenticated, service_role;
grant all on function realtime.subscription_check_filters() to postgres, dashboard_user, anon, authenticated, service_role;
grant all on function realtime.topic() to postgres, dashboard_user;
grant all on function realtime.send(jsonb, text, text, boolean) to postgres, dashboard_user;
grant all on function realtime.send_binary(bytea, text, text, boolean) to postgres, dashboard_user;
grant all on function realtime.broadcast_changes(text, text, text, text, text, record, record, text) to postgres, dashboard_user;

grant all on table realtime.messages to postgres, dashboard_user;
grant select, insert, update on table realtime.messages to anon, authenticated, service_role;
grant all on table realtime.subscription to postgres, dashboard_user;
grant select on table realtime.subscription to anon, authenticated, service_role;
grant all on sequence realtime.subscription_id_seq to postgres, dashboard_user;
grant usage on sequence realtime.subscription_id_seq to anon, authenticated, service_role;

alter default privileges for role supabase_admin in schema realtime grant all on sequences to postgres, dashboard_user;
alter default privileges for role supabase_admin in schema realtime grant all on functions to postgres, dashboard_user;
alter default privileges for role supabase_admin in schema realtime grant all on tables to postgres, dashboard_user;

-- Database-originated broadcast: the Realtime service streams inserts into
-- realtime.messages through this publication (Realtime's own name for it).
create publication supabase_realtime_messages_publication for table realtime.messages;

-- @realtime-helpers: everything below is idempotent and re-applied by the Realtime
-- service at each start, so an existing data dir gets the current version.
-- ---------------------------------------------------------------------------
-- `_realtime`: helpers of the local Realtime service, in a schema the API does not
-- expose; only the superuser the service connects as may use them.
-- ---------------------------------------------------------------------------
create schema if not exists _realtime;
revoke all on schema _realtime from public;
drop function if exists _realtime.apply_change(oid, text, text, text[], text[], text[], text[], text[], jsonb, jsonb, jsonb, integer);

-- Everything one postgres_changes event needs, in one round trip (Realtime's
-- apply_rls, grouped by claims instead of by subscription):
--   * column values typed as Realtime types them (realtime.cast: to_jsonb of the value
--     cast to the column type),
--   * per role: column privileges, the 400 (no primary key) / 401 (primary key not
--     selectable) errors, and one payload per distinct `select` list,
--   * each distinct filter evaluated in SQL with the column's type
--     (realtime.check_equality_op), on the new row, or on the old identity for DELETE,
--   * for each distinct claims set whose bindings pass their filters: whether that
--     role + claims may SELECT the row, by running the table's own policies
--     (one prepared primary-key lookup per event, executed once per claims set).
-- DELETE is never RLS-checked; with RLS on, old_record keeps only primary-key columns.
-- Arguments: p_xid, the transaction's id (from pgoutput's Begin); p_roles text[] (distinct roles); p_selects jsonb, per role an array of
-- `select` lists (null = all columns); p_filters jsonb, distinct [column, op, value,
-- negate]; p_claims jsonb, distinct [{"r": role index, "c": claims, "s": [[filter
-- indexes of one binding], ...]}]. Returns {"found", "rls", "role_errors", "payloads",
-- "filters", "visible", "rls_errors"}; a role with an error gets its error payload regardless of
-- filters, as apply_rls does.
create or replace function _realtime.apply_change(
  p_xid bigint,
  p_entity oid,
  p_action text,
  p_commit_timestamp text,
  p_new_names text[],
  p_new_vals text[],
  p_old_names text[],
  p_old_vals text[],
  p_roles text[],
  p_selects jsonb,
  p_filters jsonb,
  p_claims jsonb,
  p_max_record_bytes integer
) returns jsonb
language plpgsql as $$
declare
  v_schema text;
  v_table text;
  v_rls boolean;
  v_expr text;
  v_new_json jsonb[];
  v_old_json jsonb[];
  v_columns realtime.wal_column[];
  v_old_columns realtime.wal_column[];
  v_role_columns realtime.wal_column[];
  v_role_old_columns realtime.wal_column[];
  v_too_big boolean;
  v_role text;
  v_role_errors boolean[] := '{}';
  v_payloads jsonb := '[]'::jsonb;
  v_role_payloads jsonb;
  v_sel jsonb;
  v_sel_cols text[];
  v_output jsonb;
  v_filter_results boolean[] := '{}';
  v_f jsonb;
  v_col realtime.wal_column;
  v_ok boolean;
  v_visible boolean[] := '{}';
  v_claim jsonb;
  v_role_idx integer;
  v_prepared boolean := false;
  v_pk_where text;
  v_rls_errors jsonb := '[]'::jsonb;
  i integer;
  k integer;
begin
  select n.nspname, c.relname, c.relrowsecurity into v_schema, v_table, v_rls
  from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  where c.oid = p_entity;
  if not found then
    return jsonb_build_object('found', false);
  end if;

  -- Values as JSON, one dynamic statement per tuple.
  select string_agg(
           case
             when a.atttypid is null then 'null::jsonb'
             when a.atttypid = 'bytea'::regtype then format('to_jsonb($1[%s])', x.i)
             else format('to_jsonb($1[%s]::%s)', x.i, a.atttypid::regtype::text)
           end, ',' order by x.i)
    into v_expr
    from unnest(p_new_names) with ordinality x(name, i)
    left join pg_catalog.pg_attribute a
      on a.attrelid = p_entity and a.attname = x.name and a.attnum > 0 and not a.attisdropped;
  if v_expr is not null then
    execute 'select array[' || v_expr || ']::jsonb[]' into v_new_json using p_new_vals;
  end if;
  select string_agg(
           case
             when a.atttypid is null then 'null::jsonb'
             when a.atttypid = 'bytea'::regtype then format('to_jsonb($1[%s])', x.i)
             else format('to_jsonb($1[%s]::%s)', x.i, a.atttypid::regtype::text)
           end, ',' order by x.i)
    into v_expr
    from unnest(p_old_names) with ordinality x(name, i)
    left join pg_catalog.pg_attribute a
      on a.attrelid = p_entity and a.attname = x.name and a.attnum > 0 and not a.attisdropped;
  if v_expr is not null then
    execute 'select array[' || v_expr || ']::jsonb[]' into v_old_json using p_old_vals;
  end if;

  v_columns := array(
    select (x.name, a.atttypid::regtype::text, a.atttypid, v_new_json[x.i], coalesce(pk.is_pk, false), true)::realtime.wal_column
    from unnest(p_new_names) with ordinality x(name, i)
    left join pg_catalog.pg_attribute a
      on a.attrelid = p_entity and a.attname = x.name and a.attnum > 0 and not a.attisdropped
    left join lateral (
      select true as is_pk from pg_catalog.pg_index ix
      where ix.indrelid = p_entity and ix.indisprimary and a.attnum = any(ix.indkey)
    ) pk on true
    order by x.i);
  v_old_columns := array(
    select (x.name, a.atttypid::regtype::text, a.atttypid, v_old_json[x.i], coalesce(pk.is_pk, false), true)::realtime.wal_column
    from unnest(p_old_names) with ordinality x(name, i)
    left join pg_catalog.pg_attribute a
      on a.attrelid = p_entity and a.attname = x.name and a.attnum > 0 and not a.attisdropped
    left join lateral (
      select true as is_pk from pg_catalog.pg_index ix
      where ix.indrelid = p_entity and ix.indisprimary and a.attnum = any(ix.indkey)
    ) pk on true
    order by x.i);

  -- Realtime measures the wal2json record; the values as JSON are the same order of size.
  v_too_big := octet_length(coalesce(array_to_string(p_new_vals, ''), '') || coalesce(array_to_string(p_old_vals, ''), ''))
    > p_max_record_bytes;

  -- Distinct filters, on the new row (or on the old identity for DELETE).
  for i in 0 .. coalesce(jsonb_array_length(p_filters), 0) - 1 loop
    v_f := p_filters -> i;
    select c.* into v_col
      from unnest(case when p_action = 'DELETE' then v_old_columns else v_columns end) c
     where c.name = v_f ->> 0 and c.type_oid is not null
     limit 1;
    if not found then
      v_ok := false;
    else
      begin
        v_ok := coalesce(realtime.check_equality_op(
          op := (v_f ->> 1)::realtime.equality_op,
          type_ := v_col.type_oid::regtype,
          val_1 := v_col.value #>> '{}',
          val_2 := v_f ->> 2,
          negate := coalesce((v_f ->> 3)::boolean, false)
        ), false);
      exception when others then
        v_ok := false;
      end;
    end if;
    v_filter_results := v_filter_results || v_ok;
  end loop;

  -- Per role: privileges, errors, payloads.
  for i in 1 .. coalesce(array_length(p_roles, 1), 0) loop
    v_role := p_roles[i];
    v_role_columns := array(
      select (c.name, c.type_name, c.type_oid, c.value, c.is_pkey,
              c.type_oid is not null and pg_catalog.has_column_privilege(v_role, p_entity, c.name, 'SELECT'))::realtime.wal_column
      from unnest(v_columns) c);
    v_role_old_columns := array(
      select (c.name, c.type_name, c.type_oid, c.value, c.is_pkey,
              c.type_oid is not null and pg_catalog.has_column_privilege(v_role, p_entity, c.name, 'SELECT'))::realtime.wal_column
      from unnest(v_old_columns) c);
    v_role_payloads := '[]'::jsonb;

    if p_action <> 'DELETE' and not exists (select 1 from unnest(v_role_columns) c where c.is_pkey) then
      v_role_errors := v_role_errors || true;
      for v_sel in select value from jsonb_array_elements(p_selects -> (i - 1)) loop
        v_role_payloads := v_role_payloads || jsonb_build_array(jsonb_build_object(
          'schema', v_schema, 'table', v_table, 'type', p_action,
          'errors', jsonb_build_array('Error 400: Bad Request, no primary key')));
      end loop;
    elsif p_action <> 'DELETE' and exists (select 1 from unnest(v_role_columns) c where c.is_pkey and not c.is_selectable) then
      v_role_errors := v_role_errors || true;
      for v_sel in select value from jsonb_array_elements(p_selects -> (i - 1)) loop
        v_role_payloads := v_role_payloads || jsonb_build_array(jsonb_build_object(
          'schema', v_schema, 'table', v_table, 'type', p_action,
          'errors', jsonb_build_array('Error 401: Unauthorized')));
      end loop;
    else
      v_role_errors := v_role_errors || false;
      for v_sel in select value from jsonb_array_elements(p_selects -> (i - 1)) loop
        v_sel_cols := case when jsonb_typeof(v_sel) = 'array'
                           then array(select jsonb_array_elements_text(v_sel)) end;
        v_output := jsonb_build_object(
          'schema', v_schema,
          'table', v_table,
          'type', p_action,
          'commit_timestamp', p_commit_timestamp,
          'errors', case when v_too_big then jsonb_build_array('Error 413: Payload Too Large') end,
          'columns', coalesce((
            select jsonb_agg(jsonb_build_object('name', pa.attname, 'type', pt.typname) order by pa.attnum)
            from pg_catalog.pg_attribute pa
            join pg_catalog.pg_type pt on pa.atttypid = pt.oid
            left join (
              select unnest(conkey) as pkey_attnum from pg_catalog.pg_constraint
              where conrelid = p_entity and contype = 'p'
            ) pk on pk.pkey_attnum = pa.attnum
            where pa.attrelid = p_entity
              and pa.attnum > 0
              and not pa.attisdropped
              and pg_catalog.has_column_privilege(v_role, p_entity, pa.attname, 'SELECT')
              and (v_sel_cols is null or pa.attname = any(v_sel_cols) or pk.pkey_attnum is not null)
          ), '[]'::jsonb)
        );
        if p_action in ('INSERT', 'UPDATE') then
          v_output := v_output || jsonb_build_object('record', coalesce((
            select jsonb_object_agg(
                     coalesce((c).name, (oc).name),
                     case when (c).name is null then (oc).value else (c).value end)
            from unnest(v_role_columns) c
            full outer join unnest(v_role_old_columns) oc on (c).name = (oc).name
            where coalesce((c).is_selectable, (oc).is_selectable)
              and (v_sel_cols is null or coalesce((c).name, (oc).name) = any(v_sel_cols) or coalesce((c).is_pkey, (oc).is_pkey))
              and (not v_too_big or octet_length((c).value::text) <= 64)
          ), '{}'::jsonb));
        end if;
        if p_action in ('UPDATE', 'DELETE') then
          v_output := v_output || jsonb_build_object('old_record', coalesce((
            select jsonb_object_agg((c).name, (c).value)
            from unnest(v_role_old_columns) c
            where (c).is_selectable
              and (v_sel_cols is null or (c).name = any(v_sel_cols) or (c).is_pkey)
              and (not v_too_big or octet_length((c).value::text) <= 64)
              and (p_action <> 'DELETE' or not v_rls or (c).is_pkey)
          ), '{}'::jsonb));
        end if;
        v_role_payloads := v_role_payloads || jsonb_build_array(v_output);
      end loop;
    end if;
    v_payloads := v_payloads || jsonb_build_array(v_role_payloads);
  end loop;

  -- Per distinct claims set: may it see the row?
  for i in 0 .. coalesce(jsonb_array_length(p_claims), 0) - 1 loop
    v_claim := p_claims -> i;
    v_role_idx := (v_claim ->> 'r')::integer + 1;
    if v_role_errors[v_role_idx] then
      v_visible := v_visible || false;
      continue;
    end if;
    -- Only claims with a binding whose filters all pass are checked.
    if not exists (
      select 1 from jsonb_array_elements(v_claim -> 's') s(idx)
      where not exists (
        select 1 from jsonb_array_elements_text(s.idx) f(k)
        where not v_filter_results[f.k::integer + 1]
      )
    ) then
      v_visible := v_visible || false;
      continue;
    end if;
    if not v_rls or p_action = 'DELETE' then
      v_visible := v_visible || true;
      continue;
    end if;
    if not v_prepared then
      -- The walsender may stream a commit a moment before the committing backend
      -- leaves the proc array; until then new snapshots do not see the row. Wait
      -- (briefly) until transaction p_xid is visible.
      if p_xid is not null then
        for k in 1 .. 400 loop
          select pg_catalog.pg_visible_in_snapshot(
                   (case when ((b.e << 32) | p_xid) > b.x then ((b.e - 1) << 32) | p_xid
                         else (b.e << 32) | p_xid end)::text::xid8,
                   b.s)
            into v_ok
            from (select a.s, pg_catalog.pg_snapshot_xmax(a.s)::text::bigint as x,
                         pg_catalog.pg_snapshot_xmax(a.s)::text::bigint >> 32 as e
                    from (select pg_catalog.pg_current_snapshot() as s) a) b;
          exit when v_ok;
          perform pg_catalog.pg_sleep(0.0005);
        end loop;
      end if;
      select string_agg(format('%I = %L', c.name, c.value #>> '{}'), ' and ')
        into v_pk_where
        from unnest(v_columns) c where c.is_pkey;
      if exists (select 1 from pg_catalog.pg_prepared_statements where name = '_realtime_rls_stmt') then
        deallocate _realtime_rls_stmt;
      end if;
      execute format('prepare _realtime_rls_stmt as select exists(select 1 from %s where %s)',
                     p_entity::regclass, v_pk_where);
      v_prepared := true;
    end if;
    begin
      perform pg_catalog.set_config('role', p_roles[v_role_idx], true),
              pg_catalog.set_config('request.jwt.claims', (v_claim -> 'c')::text, true);
      execute 'execute _realtime_rls_stmt' into v_ok;
      perform pg_catalog.set_config('role', null, true);
    exception when others then
      -- A policy that fails for this user hides the row from them (the role is reset
      -- with the subtransaction); the service logs why.
      v_ok := false;
      v_rls_errors := v_rls_errors || jsonb_build_array(sqlstate || ': ' || sqlerrm);
    end;
    v_visible := v_visible || coalesce(v_ok, false);
  end loop;
  perform pg_catalog.set_config('request.jwt.claims', null, true);
  if v_prepared then
    deallocate _realtime_rls_stmt;
  end if;

  return jsonb_build_object(
    'found', true,
    'rls', v_rls,
    'role_errors', to_jsonb(v_role_errors),
    'payloads', v_payloads,
    'filters', to_jsonb(v_filter_results),
    'visible', to_jsonb(v_visible),
    'rls_errors', v_rls_errors
  );
end;
$$;
revoke all on function _realtime.apply_change(bigint, oid, text, text, text[], text[], text[], text[], text[], jsonb, jsonb, jsonb, integer) from public;
