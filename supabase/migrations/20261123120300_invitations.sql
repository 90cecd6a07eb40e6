-- Invitations: an owner or admin invites an e-mail with a role; the invitee accepts
-- with the token from the e-mail. Only a SHA-256 of the token is stored.

create table public.invitations (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  email text not null check (email ~* '^[^@\s]+@[^@\s]+\.[^@\s]+$' and length(email) <= 320),
  role public.app_role not null,
  token_hash text not null unique,
  invited_by uuid references auth.users (id) on delete set null default auth.uid(),
  expires_at timestamptz not null default now() + interval '7 days',
  accepted_at timestamptz,
  accepted_by uuid references auth.users (id) on delete set null,
  revoked_at timestamptz,
  created_at timestamptz not null default now(),
  check (expires_at > created_at)
);
alter table public.invitations enable row level security;
create index invitations_org_id_idx on public.invitations (org_id);
-- One open invitation per e-mail and organisation.
create unique index invitations_open_email_idx on public.invitations (org_id, lower(email))
  where accepted_at is null and revoked_at is null;

create policy invitations_select on public.invitations for select to authenticated
  using (
    org_id in (select private.org_ids_with_role('{owner,admin}'))
    or lower(email) = lower((select auth.jwt()) ->> 'email')
  );
-- Revoking is an update of revoked_at by owners and admins; nothing else changes.
create policy invitations_update on public.invitations for update to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin}')));
revoke insert, update, delete on public.invitations from anon, authenticated;
grant update (revoked_at) on public.invitations to authenticated;

create trigger invitations_audit after insert or update or delete on public.invitations
  for each row execute function private.audit_row('org_id', 'id');

-- Creates an invitation as the caller (owners and admins; only owners invite owners)
-- and returns the token once; the invite-member edge function e-mails it.
create function public.create_invitation(p_org_id uuid, p_email text, p_role public.app_role)
returns table (invitation_id uuid, token text, expires_at timestamptz)
language plpgsql security definer set search_path = '' as $$
declare
  v_token text := encode(extensions.gen_random_bytes(24), 'hex');
  v_id uuid;
  v_expires timestamptz;
begin
  if not private.has_role(p_org_id, '{owner,admin}') then
    raise exception 'Only owners and admins can invite members' using errcode = '42501';
  end if;
  if p_role = 'owner' and not private.has_role(p_org_id, '{owner}') then
    raise exception 'Only owners can invite owners' using errcode = '42501';
  end if;
  if exists (
    select 1 from public.memberships m join auth.users u on u.id = m.user_id
    where m.org_id = p_org_id and lower(u.email) = lower(btrim(p_email))
  ) then
    raise exception '% is already a member of this organisation', btrim(p_email) using errcode = '23505';
  end if;
  -- Re-inviting replaces the open invitation (a fresh token and expiry).
  update public.invitations i set revoked_at = now()
  where i.org_id = p_org_id and lower(i.email) = lower(btrim(p_email))
    and i.accepted_at is null and i.revoked_at is null;
  insert into public.invitations (org_id, email, role, token_hash, invited_by)
  values (p_org_id, lower(btrim(p_email)), p_role, encode(extensions.digest(v_token, 'sha256'), 'hex'), (select auth.uid()))
  returning id, invitations.expires_at into v_id, v_expires;
  return query select v_id, v_token, v_expires;
end;
$$;

-- Accepts an invitation for the signed-in user. Refuses unknown, expired, revoked,
-- reused and other-organisation tokens, and tokens addressed to another e-mail.
create function public.accept_invitation(p_org_id uuid, p_token text)
returns public.memberships
language plpgsql security definer set search_path = '' as $$
declare
  v_uid uuid := (select auth.uid());
  v_email text := lower((select auth.jwt()) ->> 'email');
  v_inv public.invitations;
  v_member public.memberships;
begin
  if v_uid is null then
    raise exception 'Sign in to accept an invitation' using errcode = '42501';
  end if;
  select * into v_inv from public.invitations
  where token_hash = encode(extensions.digest(coalesce(p_token, ''), 'sha256'), 'hex')
  for update;
  if not found or v_inv.org_id <> p_org_id then
    raise exception 'Invitation not found' using errcode = 'P0002', hint = 'Ask an admin for a new invitation.';
  end if;
  if v_inv.accepted_at is not null then
    raise exception 'This invitation has already been used' using errcode = 'P0001';
  end if;
  if v_inv.revoked_at is not null then
    raise exception 'This invitation was revoked' using errcode = 'P0001';
  end if;
  if v_inv.expires_at <= now() then
    raise exception 'This invitation has expired' using errcode = 'P0001', hint = 'Ask an admin for a new invitation.';
  end if;
  if v_email is distinct from lower(v_inv.email) then
    raise exception 'This invitation was sent to another e-mail address' using errcode = '42501';
  end if;
  insert into public.memberships (org_id, user_id, role) values (v_inv.org_id, v_uid, v_inv.role)
  on conflict (org_id, user_id) do nothing
  returning * into v_member;
  if v_member is null then
    raise exception 'You are already a member of this organisation' using errcode = '23505';
  end if;
  update public.invitations set accepted_at = now(), accepted_by = v_uid where id = v_inv.id;
  return v_member;
end;
$$;

revoke execute on function public.create_invitation(uuid, text, public.app_role) from public, anon;
revoke execute on function public.accept_invitation(uuid, text) from public, anon;
grant execute on function public.create_invitation(uuid, text, public.app_role) to authenticated;
grant execute on function public.accept_invitation(uuid, text) to authenticated;
