-- An append-only audit log filled by one generic trigger that each business table
-- attaches (`private.audit_row('<org column>', '<row id column>')`). Nobody may
-- update or delete it; the one exception is GDPR erasure, which anonymises values
-- through private.erase_person and says so in the log.

create table public.audit_log (
  id bigint generated always as identity primary key,
  -- No foreign key: the trail outlives a deleted organisation.
  org_id uuid not null,
  table_name text not null,
  row_id text not null,
  action text not null check (action in ('INSERT', 'UPDATE', 'DELETE', 'ERASE')),
  -- {column: {"old": value, "new": value}} for the columns that changed.
  changes jsonb not null default '{}',
  actor_id uuid default auth.uid(),
  created_at timestamptz not null default now()
);
alter table public.audit_log enable row level security;
create index audit_log_org_created_idx on public.audit_log (org_id, created_at desc);
create index audit_log_row_idx on public.audit_log (table_name, row_id);

create policy audit_log_select on public.audit_log for select to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,accountant}')));

revoke insert, update, delete, truncate on public.audit_log from anon, authenticated, service_role;

create function private.audit_log_is_append_only() returns trigger
language plpgsql set search_path = '' as $$
begin
  if current_setting('private.erasure_in_progress', true) = 'on' and tg_op = 'UPDATE' then
    return new;
  end if;
  raise exception 'audit_log is append-only' using errcode = '42501';
end;
$$;

create trigger audit_log_append_only before update or delete on public.audit_log
  for each row execute function private.audit_log_is_append_only();
create trigger audit_log_no_truncate before truncate on public.audit_log
  for each statement execute function private.audit_log_is_append_only();

-- Generic row trigger: tg_argv[0] = column holding the org id (default org_id),
-- tg_argv[1] = column identifying the row (default id).
create function private.audit_row() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_org_col text := coalesce(tg_argv[0], 'org_id');
  v_id_col text := coalesce(tg_argv[1], 'id');
  v_old jsonb := case when tg_op <> 'INSERT' then to_jsonb(old) end;
  v_new jsonb := case when tg_op <> 'DELETE' then to_jsonb(new) end;
  v_row jsonb := coalesce(v_new, v_old);
  v_changes jsonb := '{}';
  v_key text;
begin
  for v_key in select jsonb_object_keys(v_row) loop
    if v_key in ('updated_at') then
      continue;
    end if;
    if tg_op = 'UPDATE' and (v_old -> v_key) is not distinct from (v_new -> v_key) then
      continue;
    end if;
    v_changes := v_changes || jsonb_build_object(
      v_key, jsonb_build_object('old', v_old -> v_key, 'new', v_new -> v_key));
  end loop;
  if tg_op = 'UPDATE' and v_changes = '{}' then
    return null;
  end if;
  insert into public.audit_log (org_id, table_name, row_id, action, changes, actor_id)
  values ((v_row ->> v_org_col)::uuid, tg_table_name, v_row ->> v_id_col, tg_op, v_changes, (select auth.uid()));
  return null;
end;
$$;

create trigger organizations_audit after insert or update or delete on public.organizations
  for each row execute function private.audit_row('id', 'id');
create trigger memberships_audit after insert or update or delete on public.memberships
  for each row execute function private.audit_row('org_id', 'user_id');
