-- Files attached to accounts, deals and tickets, in one private Storage bucket with one
-- folder per organisation: <org_id>/<accounts|deals|tickets>/<record_id>/<file name>.
-- Whoever may read the record reads its files; whoever may write the record adds and
-- removes them; the record must exist in that organisation.

insert into storage.buckets (id, name, public, file_size_limit)
values ('attachments', 'attachments', false, 26214400)
on conflict (id) do nothing;

create function private.can_attach(p_name text, p_write boolean) returns boolean
language plpgsql stable security definer set search_path = '' as $$
declare
  v_parts text[] := storage.foldername(p_name);
  v_uuid constant text := '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
  v_org uuid;
  v_record uuid;
  v_roles public.app_role[];
begin
  if coalesce(cardinality(v_parts), 0) <> 3 or v_parts[1] !~ v_uuid or v_parts[3] !~ v_uuid then
    return false;
  end if;
  v_org := v_parts[1]::uuid;
  v_record := v_parts[3]::uuid;
  v_roles := case v_parts[2]
    when 'accounts' then case when p_write then '{owner,admin,manager,sales}' else '{owner,admin,manager,sales,support,warehouse,accountant,viewer}' end
    when 'deals' then case when p_write then '{owner,admin,manager,sales}' else '{owner,admin,manager,sales,support,accountant,viewer}' end
    when 'tickets' then case when p_write then '{owner,admin,manager,support}' else '{owner,admin,manager,sales,support,accountant,viewer}' end
  end::public.app_role[];
  if v_roles is null or not private.has_role(v_org, v_roles) then
    return false;
  end if;
  return case v_parts[2]
    when 'accounts' then exists (select 1 from public.accounts a where a.id = v_record and a.org_id = v_org)
    when 'deals' then exists (select 1 from public.deals d where d.id = v_record and d.org_id = v_org)
    when 'tickets' then exists (select 1 from public.tickets t where t.id = v_record and t.org_id = v_org)
  end;
end;
$$;
revoke all on function private.can_attach(text, boolean) from public;
grant execute on function private.can_attach(text, boolean) to authenticated;

create policy attachments_select on storage.objects for select to authenticated
  using (bucket_id = 'attachments' and private.can_attach(name, false));
create policy attachments_insert on storage.objects for insert to authenticated
  with check (bucket_id = 'attachments' and private.can_attach(name, true));
create policy attachments_update on storage.objects for update to authenticated
  using (bucket_id = 'attachments' and private.can_attach(name, true))
  with check (bucket_id = 'attachments' and private.can_attach(name, true));
create policy attachments_delete on storage.objects for delete to authenticated
  using (bucket_id = 'attachments' and private.can_attach(name, true));
