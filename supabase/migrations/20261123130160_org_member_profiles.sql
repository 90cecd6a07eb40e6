-- Pickers ("owner", "assignee") and presence need the names of everyone in the
-- organisation, but memberships are readable in full only by owners and admins. This
-- RPC gives any member the people of their own organisation (name, e-mail, avatar,
-- role) and nothing about other organisations.
create function public.org_member_profiles(p_org_id uuid)
returns table (id uuid, full_name text, email text, avatar_path text, role public.app_role)
language plpgsql stable security definer set search_path = '' as $$
begin
  if not private.is_member(p_org_id) then
    raise exception 'Organisation not found' using errcode = 'P0002';
  end if;
  return query
    select p.id, p.full_name, p.email, p.avatar_path, m.role
    from public.memberships m join public.profiles p on p.id = m.user_id
    where m.org_id = p_org_id
    order by coalesce(p.full_name, p.email);
end;
$$;
revoke execute on function public.org_member_profiles(uuid) from public, anon;
grant execute on function public.org_member_profiles(uuid) to authenticated;
