-- Delivery of the e-mail outbox by the send-emails edge function, the way Supabase
-- recommends calling functions from Postgres: pg_net for the webhook when mail is
-- queued, pg_cron for retries, the project URL and service key read from Vault.
-- Per environment, store the two secrets once:
--   select vault.create_secret('https://<ref>.supabase.co', 'project_url');
--   select vault.create_secret('<service_role key>', 'service_role_key');
-- (The local stack stores its own on start.)

create extension if not exists pg_net with schema extensions;
create extension if not exists pg_cron with schema pg_catalog;
create extension if not exists supabase_vault;

-- Calls an edge function with the service key; a no-op when the secrets are missing.
create function private.invoke_edge_function(p_name text, p_body jsonb default '{}') returns bigint
language plpgsql security definer set search_path = '' as $$
declare
  v_url text;
  v_key text;
begin
  select decrypted_secret into v_url from vault.decrypted_secrets where name = 'project_url';
  select decrypted_secret into v_key from vault.decrypted_secrets where name = 'service_role_key';
  if v_url is null or v_key is null then
    raise warning 'project_url / service_role_key are not in vault: % not invoked', p_name;
    return null;
  end if;
  return net.http_post(
    url := rtrim(v_url, '/') || '/functions/v1/' || p_name,
    body := coalesce(p_body, '{}'),
    headers := jsonb_build_object('Content-Type', 'application/json', 'Authorization', 'Bearer ' || v_key),
    timeout_milliseconds := 30000
  );
end;
$$;
revoke execute on function private.invoke_edge_function(text, jsonb) from public;

-- One wake-up per statement that queues mail (the worker drains the whole queue).
create function private.wake_email_worker() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.invoke_edge_function('send-emails');
  return null;
end;
$$;

create trigger email_outbox_wake after insert on public.email_outbox
  for each statement execute function private.wake_email_worker();

-- Retries (back-off is in complete_outbox_email) and anything a lost webhook missed.
select cron.schedule('send-emails', '* * * * *', $$select private.invoke_edge_function('send-emails')
  where exists (select 1 from public.email_outbox where status in ('queued', 'failed') and next_attempt_at <= now() and attempts < 8)$$);

-- invite-member (service role) queues the product's invitation e-mail for people who
-- already have an account.
create function public.enqueue_invitation_email(p_invitation_id uuid, p_accept_url text) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  v_inv public.invitations;
  v_org text;
begin
  select * into v_inv from public.invitations where id = p_invitation_id;
  if not found then
    raise exception 'Invitation not found' using errcode = 'P0002';
  end if;
  select name into v_org from public.organizations where id = v_inv.org_id;
  return private.enqueue_email(
    v_inv.org_id,
    v_inv.email,
    format('You are invited to join %s on Ledgerline', v_org),
    format(E'You have been invited to join %s as %s.\n\nAccept the invitation: %s\n\nThe link expires on %s.',
      v_org, v_inv.role, p_accept_url, to_char(v_inv.expires_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI "UTC"')),
    null,
    'invitation',
    '[]',
    'invitation:' || v_inv.id
  );
end;
$$;
revoke execute on function public.enqueue_invitation_email(uuid, text) from public, anon, authenticated;
grant execute on function public.enqueue_invitation_email(uuid, text) to service_role;
