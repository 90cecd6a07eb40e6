-- Duplicate detection (same e-mail or web domain) and merging of accounts and contacts.
-- A merge re-points every open record that references a duplicate to the surviving
-- record. The references are found in the catalog (every foreign key to the table,
-- single-column or composite with org_id), so a table added later is covered without
-- changing this code. Convention for later tables: a row whose table has a `posted_at`
-- column set is a posted document and is NOT changed; it keeps pointing at the
-- duplicate, which points at the survivor through merged_into.

-- Re-points references to p_table's rows p_from to p_to. Where the new reference would
-- collide with a unique key (e.g. the survivor is already on that deal), the now
-- redundant row is removed instead.
create function private.repoint_references(p_table regclass, p_from uuid[], p_to uuid) returns int
language plpgsql security definer set search_path = '' as $$
declare
  v_fk record;
  v_where text;
  v_rows int;
  v_total int := 0;
  v_ctid tid;
begin
  for v_fk in
    select c.conname, n.nspname, t.relname, c.conrelid,
      (select a.attname from pg_attribute a
        where a.attrelid = c.conrelid
          and a.attnum = c.conkey[array_position(c.confkey, (
            select r.attnum from pg_attribute r where r.attrelid = c.confrelid and r.attname = 'id'))]) as col,
      exists (select 1 from pg_attribute p where p.attrelid = c.conrelid and p.attname = 'posted_at' and not p.attisdropped) as has_posted
    from pg_constraint c
    join pg_class t on t.oid = c.conrelid
    join pg_namespace n on n.oid = t.relnamespace
    where c.contype = 'f' and c.confrelid = p_table
    order by n.nspname, t.relname, c.conname
  loop
    -- The table's own merged_into link is handled by the merge itself.
    if v_fk.conrelid = p_table and v_fk.col = 'merged_into' or v_fk.col is null then
      continue;
    end if;
    v_where := format('%I = any ($1)%s', v_fk.col, case when v_fk.has_posted then ' and posted_at is null' else '' end);
    begin
      execute format('update %I.%I set %I = $2 where %s', v_fk.nspname, v_fk.relname, v_fk.col, v_where) using p_from, p_to;
      get diagnostics v_rows = row_count;
    exception when unique_violation then
      -- Row by row: keep what can move, drop links the survivor already has.
      v_rows := 0;
      for v_ctid in execute format('select ctid from %I.%I where %s', v_fk.nspname, v_fk.relname, v_where) using p_from loop
        begin
          execute format('update %I.%I set %I = $2 where ctid = $1', v_fk.nspname, v_fk.relname, v_fk.col) using v_ctid, p_to;
        exception when unique_violation then
          execute format('delete from %I.%I where ctid = $1', v_fk.nspname, v_fk.relname) using v_ctid;
        end;
        v_rows := v_rows + 1;
      end loop;
    end;
    v_total := v_total + v_rows;
  end loop;
  return v_total;
end;
$$;
revoke all on function private.repoint_references(regclass, uuid[], uuid) from public;

create function private.check_merge(p_table text, p_survivor uuid, p_duplicates uuid[]) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  v_org uuid;
  v_merged uuid;
  v_count int;
begin
  execute format('select org_id, merged_into from public.%I where id = $1', p_table) into v_org, v_merged using p_survivor;
  if v_org is null or not private.is_member(v_org) then
    raise exception 'The record to keep was not found' using errcode = 'P0002';
  end if;
  if not private.has_role(v_org, case p_table when 'contacts' then '{owner,admin,manager,sales,support}'::public.app_role[]
       else '{owner,admin,manager,sales}'::public.app_role[] end) then
    raise exception 'You are not allowed to merge these records' using errcode = '42501';
  end if;
  if v_merged is not null then
    raise exception 'The record to keep was itself merged into another' using errcode = '23514';
  end if;
  if coalesce(cardinality(p_duplicates), 0) = 0 then
    raise exception 'Choose at least one duplicate to merge' using errcode = '22023';
  end if;
  if p_survivor = any (p_duplicates) then
    raise exception 'The record to keep cannot also be a duplicate' using errcode = '22023';
  end if;
  execute format('select count(*) from public.%I where id = any ($1) and org_id = $2 and merged_into is null', p_table)
    into v_count using p_duplicates, v_org;
  if v_count <> cardinality(array(select distinct unnest(p_duplicates))) then
    raise exception 'Some duplicates were not found in this organisation, or were already merged' using errcode = '23514';
  end if;
  -- Lock all of them for the duration of the merge.
  execute format('select 1 from public.%I where id = $1 or id = any ($2) order by id for update', p_table) using p_survivor, p_duplicates;
  return v_org;
end;
$$;
revoke all on function private.check_merge(text, uuid, uuid[]) from public;

create function public.merge_accounts(p_survivor uuid, p_duplicates uuid[]) returns public.accounts
language plpgsql security definer set search_path = '' as $$
declare
  v_row public.accounts;
begin
  perform private.check_merge('accounts', p_survivor, p_duplicates);
  perform set_config('private.merging', 'on', true);
  -- Empty fields of the survivor are filled from the duplicates (oldest first); tags and roles add up.
  update public.accounts s set
    email = coalesce(s.email, d.email), domain = coalesce(s.domain, d.domain), phone = coalesce(s.phone, d.phone),
    website = coalesce(s.website, d.website), tax_id = coalesce(s.tax_id, d.tax_id), currency = coalesce(s.currency, d.currency),
    credit_limit = coalesce(s.credit_limit, d.credit_limit), owner_id = coalesce(s.owner_id, d.owner_id),
    notes = coalesce(s.notes, d.notes),
    is_customer = s.is_customer or d.is_customer, is_supplier = s.is_supplier or d.is_supplier,
    tags = array(select distinct t from unnest(s.tags || d.tags) t order by 1)
  from (
    select (array_agg(email order by created_at) filter (where email is not null))[1] as email,
      (array_agg(domain order by created_at) filter (where domain is not null))[1] as domain,
      (array_agg(phone order by created_at) filter (where phone is not null))[1] as phone,
      (array_agg(website order by created_at) filter (where website is not null))[1] as website,
      (array_agg(tax_id order by created_at) filter (where tax_id is not null))[1] as tax_id,
      (array_agg(currency order by created_at) filter (where currency is not null))[1] as currency,
      (array_agg(credit_limit order by created_at) filter (where credit_limit is not null))[1] as credit_limit,
      (array_agg(owner_id order by created_at) filter (where owner_id is not null))[1] as owner_id,
      (array_agg(notes order by created_at) filter (where notes is not null))[1] as notes,
      bool_or(is_customer) as is_customer, bool_or(is_supplier) as is_supplier,
      coalesce(array_agg(t) filter (where t is not null), '{}') as tags
    from public.accounts left join lateral unnest(tags) t on true
    where id = any (p_duplicates)
  ) d
  where s.id = p_survivor;
  perform private.repoint_references('public.accounts'::regclass, p_duplicates, p_survivor);
  -- Earlier merges into a duplicate now point at the survivor, so merged_into never chains.
  update public.accounts set merged_into = p_survivor where merged_into = any (p_duplicates);
  update public.accounts set merged_into = p_survivor, archived_at = coalesce(archived_at, now()) where id = any (p_duplicates);
  perform set_config('private.merging', 'off', true);
  select * into v_row from public.accounts where id = p_survivor;
  return v_row;
end;
$$;

create function public.merge_contacts(p_survivor uuid, p_duplicates uuid[]) returns public.contacts
language plpgsql security definer set search_path = '' as $$
declare
  v_row public.contacts;
begin
  perform private.check_merge('contacts', p_survivor, p_duplicates);
  perform set_config('private.merging', 'on', true);
  update public.contacts s set
    account_id = coalesce(s.account_id, d.account_id), first_name = coalesce(s.first_name, d.first_name),
    last_name = coalesce(s.last_name, d.last_name), email = coalesce(s.email, d.email), phone = coalesce(s.phone, d.phone),
    mobile = coalesce(s.mobile, d.mobile), title = coalesce(s.title, d.title), owner_id = coalesce(s.owner_id, d.owner_id),
    notes = coalesce(s.notes, d.notes), tags = array(select distinct t from unnest(s.tags || d.tags) t order by 1)
  from (
    select (array_agg(account_id order by created_at) filter (where account_id is not null))[1] as account_id,
      (array_agg(first_name order by created_at) filter (where first_name is not null))[1] as first_name,
      (array_agg(last_name order by created_at) filter (where last_name is not null))[1] as last_name,
      (array_agg(email order by created_at) filter (where email is not null))[1] as email,
      (array_agg(phone order by created_at) filter (where phone is not null))[1] as phone,
      (array_agg(mobile order by created_at) filter (where mobile is not null))[1] as mobile,
      (array_agg(title order by created_at) filter (where title is not null))[1] as title,
      (array_agg(owner_id order by created_at) filter (where owner_id is not null))[1] as owner_id,
      (array_agg(notes order by created_at) filter (where notes is not null))[1] as notes,
      coalesce(array_agg(t) filter (where t is not null), '{}') as tags
    from public.contacts left join lateral unnest(tags) t on true
    where id = any (p_duplicates)
  ) d
  where s.id = p_survivor;
  perform private.repoint_references('public.contacts'::regclass, p_duplicates, p_survivor);
  update public.contacts set merged_into = p_survivor where merged_into = any (p_duplicates);
  update public.contacts set merged_into = p_survivor, archived_at = coalesce(archived_at, now()) where id = any (p_duplicates);
  perform set_config('private.merging', 'off', true);
  select * into v_row from public.contacts where id = p_survivor;
  return v_row;
end;
$$;

-- Likely duplicates in an org: groups of live records sharing an e-mail address (or,
-- for companies, a web domain). Runs under the caller's RLS.
create function public.find_duplicates(p_org_id uuid, p_entity text default 'accounts')
returns table (match_key text, match_on text, ids uuid[], names text[])
language sql stable security invoker set search_path = '' as $$
  select k.key, k.kind, array_agg(k.id order by k.created_at), array_agg(k.name order by k.created_at)
  from (
    select a.id, a.created_at, a.name, lower(a.email) as key, 'email' as kind from public.accounts a
      where p_entity = 'accounts' and a.org_id = p_org_id and a.merged_into is null and a.archived_at is null and a.email is not null
    union all
    select a.id, a.created_at, a.name, a.domain, 'domain' from public.accounts a
      where p_entity = 'accounts' and a.org_id = p_org_id and a.merged_into is null and a.archived_at is null and a.domain is not null
        and a.kind = 'company'
    union all
    select c.id, c.created_at, coalesce(c.full_name, c.email), lower(c.email), 'email' from public.contacts c
      where p_entity = 'contacts' and c.org_id = p_org_id and c.merged_into is null and c.archived_at is null and c.email is not null
  ) k
  group by k.key, k.kind
  having count(*) > 1
  order by k.key
$$;

revoke execute on function public.merge_accounts(uuid, uuid[]), public.merge_contacts(uuid, uuid[]), public.find_duplicates(uuid, text)
  from public, anon;
grant execute on function public.merge_accounts(uuid, uuid[]), public.merge_contacts(uuid, uuid[]), public.find_duplicates(uuid, text)
  to authenticated;
