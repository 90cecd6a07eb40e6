-- Erasing a person (GDPR art. 17): one call anonymises their personal data in every
-- table registered in private.personal_data_fields (later features register their
-- own columns, e.g. contacts), inside the audit log's old/new values too, signs
-- them out everywhere, and records that an erasure happened.

create table private.personal_data_fields (
  table_name text primary key,
  -- How a row is tied to the person: by their user id or by their e-mail.
  match_column text not null,
  match_kind text not null check (match_kind in ('user_id', 'email')),
  -- Column → replacement value (JSON null = SQL null).
  replacements jsonb not null check (jsonb_typeof(replacements) = 'object')
);

insert into private.personal_data_fields values
  ('profiles', 'id', 'user_id', '{"email": "erased@erased.invalid", "full_name": null, "avatar_path": null}'),
  ('invitations', 'email', 'email', '{"email": "erased@erased.invalid"}');

create table private.erasures (
  id bigint generated always as identity primary key,
  subject_id uuid not null,
  requested_by uuid,
  tables text[] not null,
  erased_at timestamptz not null default now()
);

create function public.erase_person(p_user_id uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_caller uuid := (select auth.uid());
  v_email text;
  f record;
  v_set text;
  v_ids text[];
  v_tables text[] := '{}';
  v_col text;
begin
  if not (v_caller = p_user_id or (select auth.role()) = 'service_role') then
    raise exception 'Only the person themselves or a service administrator can erase a person'
      using errcode = '42501';
  end if;
  select lower(email) into v_email from auth.users where id = p_user_id;
  if not found then
    raise exception 'User not found' using errcode = 'P0002';
  end if;

  perform set_config('private.erasure_in_progress', 'on', true);

  for f in select * from private.personal_data_fields loop
    select string_agg(format('%I = %L', key, value #>> '{}'), ', ') into v_set
    from jsonb_each(f.replacements);
    -- The affected rows' ids, to rewrite their audit trail as well.
    execute format(
      'select array_agg(id::text) from public.%I where %s',
      f.table_name,
      case f.match_kind when 'user_id' then format('%I = %L::uuid', f.match_column, p_user_id)
                        else format('lower(%I) = %L', f.match_column, v_email) end
    ) into v_ids;
    if v_ids is null then
      continue;
    end if;
    execute format('update public.%I set %s where id::text = any ($1)', f.table_name, v_set) using v_ids;
    for v_col in select jsonb_object_keys(f.replacements) loop
      update public.audit_log a
      set changes = jsonb_set(a.changes, array[v_col],
        jsonb_build_object(
          'old', case when a.changes -> v_col -> 'old' = 'null'::jsonb then 'null'::jsonb else f.replacements -> v_col end,
          'new', case when a.changes -> v_col -> 'new' = 'null'::jsonb then 'null'::jsonb else f.replacements -> v_col end))
      where a.table_name = f.table_name and a.row_id = any (v_ids) and a.changes ? v_col;
    end loop;
    v_tables := v_tables || f.table_name;
  end loop;

  -- The login itself: no e-mail, no metadata, no way back in.
  update auth.users
  set email = format('erased+%s@erased.invalid', id), phone = null, raw_user_meta_data = '{}',
      encrypted_password = '', banned_until = 'infinity', email_change = '', updated_at = now()
  where id = p_user_id;
  delete from auth.identities where user_id = p_user_id;
  delete from auth.sessions where user_id = p_user_id;
  -- The sync trigger copied the placeholder e-mail into profiles; keep the registry's value.
  update public.profiles set email = 'erased@erased.invalid' where id = p_user_id;

  insert into private.erasures (subject_id, requested_by, tables) values (p_user_id, v_caller, v_tables);
  insert into public.audit_log (org_id, table_name, row_id, action, changes, actor_id)
  select m.org_id, 'profiles', p_user_id::text, 'ERASE', '{}', v_caller
  from public.memberships m where m.user_id = p_user_id;
end;
$$;

revoke execute on function public.erase_person(uuid) from public, anon;
grant execute on function public.erase_person(uuid) to authenticated, service_role;
