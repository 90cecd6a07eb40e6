-- pg_net stand-in for the Docker-free local stack.
--
-- Same objects as supabase/pg_net 0.19.x (sql/pg_net.sql): schema `net`, the queue
-- table `net.http_request_queue`, the response table `net._http_response`, and
-- net.http_get / net.http_post / net.http_delete returning a request id. What the
-- C background worker does is done by the stack's Node worker
-- (stack/workers/net.ts): it LISTENs on `pg_net_wake`, claims queued rows with
-- DELETE ... RETURNING (so each request is sent exactly once), sends them and
-- inserts the outcome into net._http_response, with pg_net's column values
-- (status_code, content_type, headers, content, timed_out, error_msg).
--
-- Queueing is transactional, as with the real extension: the queue row and the
-- NOTIFY both vanish if the calling transaction rolls back, so nothing is sent.
--
-- The grants at the end reproduce what Supabase's `issue_pg_net_access` event
-- trigger does after `create extension pg_net` (supabase/postgres
-- migrations/db/init-scripts/00000000000003-post-setup.sql): http_get and
-- http_post become SECURITY DEFINER with search_path = net and are executable by
-- postgres, anon, authenticated, service_role and supabase_functions_admin.
--
-- Supabase's recommended pattern (database webhooks / scheduled functions) works
-- unchanged here; in a migration:
--
--   create extension if not exists pg_net with schema extensions;
--   -- once per environment (not in a migration, the values differ):
--   --   select vault.create_secret('http://127.0.0.1:54321', 'project_url');
--   --   select vault.create_secret('<service_role or secret key>', 'service_role_key');
--   create function public.notify_order_created() returns trigger
--   language plpgsql security definer set search_path = '' as $$
--   begin
--     perform net.http_post(
--       url := (select decrypted_secret from vault.decrypted_secrets where name = 'project_url')
--              || '/functions/v1/order-created',
--       headers := jsonb_build_object(
--         'Content-Type', 'application/json',
--         'Authorization', 'Bearer ' || (select decrypted_secret from vault.decrypted_secrets
--                                        where name = 'service_role_key')),
--       body := jsonb_build_object('record', to_jsonb(new)),
--       timeout_milliseconds := 5000);
--     return new;
--   end $$;
--   create trigger order_created after insert on public.orders
--     for each row execute function public.notify_order_created();
--
-- See also stack/workers/README.md.

create schema if not exists net;

create domain net.http_method as text
check (
  value ilike 'get'
  or value ilike 'post'
  or value ilike 'delete'
);

-- Pending requests; the worker consumes (deletes) them. API: Private
create unlogged table net.http_request_queue(
    id bigserial,
    method net.http_method not null,
    url text not null,
    headers jsonb,
    body bytea,
    timeout_milliseconds int not null
);

-- The real extension looks for its background worker; here the Node worker's
-- LISTEN connection identifies itself with application_name 'pg_net worker'.
create or replace function net.check_worker_is_up() returns void as $$
begin
  if not exists (
    select pid from pg_stat_activity
    where backend_type ilike '%pg_net%' or application_name = 'pg_net worker'
  ) then
    raise exception using
      message = 'the pg_net background worker is not up'
    , detail  = 'the pg_net background worker is down due to an internal error and cannot process requests'
    , hint    = 'make sure that you didn''t modify any of pg_net internal tables';
  end if;
end
$$ language plpgsql;
comment on function net.check_worker_is_up() is 'raises an exception if the pg_net background worker is not up, otherwise it doesn''t return anything';

-- Associates a response with a request. API: Private
create unlogged table net._http_response(
    id bigint,
    status_code integer,
    content_type text,
    headers jsonb,
    content text,
    timed_out bool,
    error_msg text,
    created timestamptz not null default now()
);

create index on net._http_response (created);

-- Blocks until an http_request is complete. API: Private
create or replace function net._await_response(
    request_id bigint
)
    returns bool
    language plpgsql
as $$
declare
    rec net._http_response;
begin
    while rec is null loop
        select *
        into rec
        from net._http_response
        where id = request_id;

        if rec is null then
            -- Wait 50 ms before checking again
            perform pg_sleep(0.05);
        end if;
    end loop;

    return true;
end;
$$;

-- curl_easy_escape: percent-encode every byte except the RFC 3986 unreserved set.
create or replace function net._urlencode_string(string varchar)
    returns text
    language sql
    immutable
    strict
as $$
    select coalesce(string_agg(
        case
            when ch ~ '^[A-Za-z0-9._~-]$' then ch
            else regexp_replace(upper(encode(convert_to(ch, 'UTF8'), 'hex')), '(..)', '%\1', 'g')
        end, '' order by i), '')
    from regexp_split_to_table(string, '') with ordinality as t(ch, i)
$$;

-- curl's URL API with CURLU_APPENDQUERY: validates the URL, normalises an empty
-- path to '/', and appends each (already encoded) key=value to the query.
create or replace function net._encode_url_with_params_array(url text, params_array text[])
    returns text
    language plpgsql
    immutable
    strict
as $$
declare
    m text[];
    base text;
    query text;
    fragment text;
    p text;
begin
    m := regexp_match(url, '^([A-Za-z][A-Za-z0-9+.-]*://[^/?#]+)([^?#]*)(\?[^#]*)?(#.*)?$');
    if m is null then
        if url !~ '^[A-Za-z][A-Za-z0-9+.-]*://' then
            raise exception 'invalid URL "%": Bad scheme', url;
        end if;
        raise exception 'invalid URL "%": Malformed input to a URL function', url;
    end if;
    base := m[1] || case when m[2] = '' then '/' else m[2] end;
    query := coalesce(substr(m[3], 2), '');
    fragment := coalesce(m[4], '');
    foreach p in array params_array loop
        if p is null then
            continue;
        end if;
        query := case when query = '' then p else query || '&' || p end;
    end loop;
    return base || case when query = '' then '' else '?' || query end || fragment;
end
$$;

-- The worker is the stack's Node process: restarting it means waking it.
create or replace function net.worker_restart()
  returns bool
  language plpgsql
as $$
begin
  perform pg_notify('pg_net_wake', 'restart');
  return true;
end
$$;

create or replace function net.wait_until_running()
  returns void
  language plpgsql
as $$
begin
  while not exists (
    select 1 from pg_stat_activity
    where backend_type ilike '%pg_net%' or application_name = 'pg_net worker'
  ) loop
    perform pg_sleep(0.05);
  end loop;
end
$$;
comment on function net.wait_until_running() is 'waits until the worker is running';

-- NOTIFY is delivered at commit only (and collapsed within a transaction), which
-- is exactly pg_net's "wake the worker at commit" behaviour.
create or replace function net.wake()
  returns void
  language plpgsql
as $$
begin
  perform pg_notify('pg_net_wake', '');
end
$$;

-- Interface to make an async request. API: Public
create or replace function net.http_get(
    -- url for the request
    url text,
    -- key/value pairs to be url encoded and appended to the `url`
    params jsonb default '{}'::jsonb,
    -- key/values to be included in request headers
    headers jsonb default '{}'::jsonb,
    -- the maximum number of milliseconds the request may take before being cancelled
    timeout_milliseconds int default 5000
)
    returns bigint
    language plpgsql
as $$
declare
    request_id bigint;
    params_array text[];
begin
    select coalesce(array_agg(net._urlencode_string(key) || '=' || net._urlencode_string(value)), '{}')
    into params_array
    from jsonb_each_text(params);

    insert into net.http_request_queue(method, url, headers, timeout_milliseconds)
    values (
        'GET',
        net._encode_url_with_params_array(url, params_array),
        headers,
        timeout_milliseconds
    )
    returning id
    into request_id;

    perform net.wake();

    return request_id;
end
$$;

-- Interface to make an async request. API: Public
create or replace function net.http_post(
    -- url for the request
    url text,
    -- body of the POST request
    body jsonb default '{}'::jsonb,
    -- key/value pairs to be url encoded and appended to the `url`
    params jsonb default '{}'::jsonb,
    -- key/values to be included in request headers
    headers jsonb default '{"Content-Type": "application/json"}'::jsonb,
    -- the maximum number of milliseconds the request may take before being cancelled
    timeout_milliseconds int DEFAULT 5000
)
    returns bigint
    language plpgsql
as $$
declare
    request_id bigint;
    params_array text[];
    content_type text;
begin
    select
        header_value into content_type
    from
        jsonb_each_text(coalesce(headers, '{}'::jsonb)) r(header_name, header_value)
    where
        lower(header_name) = 'content-type'
    limit
        1;

    -- If the user provided new headers and omitted the content type
    -- add it back in automatically
    if content_type is null then
        select headers || '{"Content-Type": "application/json"}'::jsonb into headers;
    end if;

    if content_type <> 'application/json' then
        raise exception 'Content-Type header must be "application/json"';
    end if;

    select
        coalesce(array_agg(net._urlencode_string(key) || '=' || net._urlencode_string(value)), '{}')
    into
        params_array
    from
        jsonb_each_text(params);

    insert into net.http_request_queue(method, url, headers, body, timeout_milliseconds)
    values (
        'POST',
        net._encode_url_with_params_array(url, params_array),
        headers,
        convert_to(body::text, 'UTF8'),
        timeout_milliseconds
    )
    returning id
    into request_id;

    perform net.wake();

    return request_id;
end
$$;

-- Interface to make an async request. API: Public
create or replace function net.http_delete(
    -- url for the request
    url text,
    -- key/value pairs to be url encoded and appended to the `url`
    params jsonb default '{}'::jsonb,
    -- key/values to be included in request headers
    headers jsonb default '{}'::jsonb,
    -- the maximum number of milliseconds the request may take before being cancelled
    timeout_milliseconds int default 5000,
    -- optional body of the request
    body jsonb default NULL
)
    returns bigint
    language plpgsql
as $$
declare
    request_id bigint;
    params_array text[];
begin
    select coalesce(array_agg(net._urlencode_string(key) || '=' || net._urlencode_string(value)), '{}')
    into params_array
    from jsonb_each_text(params);

    insert into net.http_request_queue(method, url, headers, body, timeout_milliseconds)
    values (
        'DELETE',
        net._encode_url_with_params_array(url, params_array),
        headers,
        convert_to(body::text, 'UTF8'),
        timeout_milliseconds
    )
    returning id
    into request_id;

    perform net.wake();

    return request_id;
end
$$;

-- Lifecycle states of a request (all protocols). API: Public
create type net.request_status as enum ('PENDING', 'SUCCESS', 'ERROR');

-- A response from an HTTP server. API: Public
create type net.http_response AS (
    status_code integer,
    headers jsonb,
    body text
);

-- State wrapper around responses. API: Public
create type net.http_response_result as (
    status net.request_status,
    message text,
    response net.http_response
);

-- Collect respones of an http request. API: Private
create or replace function net._http_collect_response(
    -- request_id reference
    request_id bigint,
    -- when `true`, return immediately. when `false` wait for the request to complete before returning
    async bool default true
)
    returns net.http_response_result
    language plpgsql
as $$
declare
    rec net._http_response;
begin
    if not async then
        perform net._await_response(request_id);
    end if;

    select *
    into rec
    from net._http_response
    where id = request_id;

    if rec is null or rec.error_msg is not null then
        return (
            'ERROR',
            coalesce(rec.error_msg, 'request matching request_id not found'),
            null
        )::net.http_response_result;
    end if;

    return (
        'SUCCESS',
        'ok',
        (
            rec.status_code,
            rec.headers,
            rec.content
        )::net.http_response
    )::net.http_response_result;
end;
$$;

create or replace function net.http_collect_response(
    request_id bigint,
    async bool default true
)
    returns net.http_response_result
    language plpgsql
as $$
begin
  raise notice 'The net.http_collect_response function is deprecated.';
  return net._http_collect_response(request_id, async);
end;
$$;

grant usage on schema net to PUBLIC;
grant all on all sequences in schema net to PUBLIC;
grant all on all tables in schema net to PUBLIC;

-- What Supabase's issue_pg_net_access event trigger applies after creation.
alter function net.http_get(url text, params jsonb, headers jsonb, timeout_milliseconds integer) security definer;
alter function net.http_post(url text, body jsonb, params jsonb, headers jsonb, timeout_milliseconds integer) security definer;
alter function net.http_get(url text, params jsonb, headers jsonb, timeout_milliseconds integer) set search_path = net;
alter function net.http_post(url text, body jsonb, params jsonb, headers jsonb, timeout_milliseconds integer) set search_path = net;
revoke all on function net.http_get(url text, params jsonb, headers jsonb, timeout_milliseconds integer) from public;
revoke all on function net.http_post(url text, body jsonb, params jsonb, headers jsonb, timeout_milliseconds integer) from public;

do $$
declare
  r text;
begin
  foreach r in array array['supabase_functions_admin', 'postgres', 'anon', 'authenticated', 'service_role'] loop
    if exists (select 1 from pg_roles where rolname = r) then
      execute format('grant usage on schema net to %I', r);
      execute format('grant execute on function net.http_get(text, jsonb, jsonb, integer) to %I', r);
      execute format('grant execute on function net.http_post(text, jsonb, jsonb, jsonb, integer) to %I', r);
    end if;
  end loop;
end
$$;
