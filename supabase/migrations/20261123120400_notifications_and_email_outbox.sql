-- In-app notifications per user, and the outbox of every e-mail the product sends
-- (invoices, alerts, invitations). A worker (edge function send-emails) delivers
-- queued messages through the configured provider and records the outcome.

create table public.notifications (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  kind text not null check (length(kind) between 1 and 64),
  title text not null check (length(title) between 1 and 300),
  body text check (body is null or length(body) <= 4000),
  link text check (link is null or length(link) <= 2000),
  data jsonb not null default '{}',
  read_at timestamptz,
  created_at timestamptz not null default now()
);
alter table public.notifications enable row level security;
create index notifications_user_unread_idx on public.notifications (user_id, created_at desc) where read_at is null;
create index notifications_org_id_idx on public.notifications (org_id);

create policy notifications_select on public.notifications for select to authenticated
  using (user_id = (select auth.uid()) and org_id in (select private.user_org_ids()));
create policy notifications_update on public.notifications for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()));
revoke insert, update, delete on public.notifications from anon, authenticated;
-- Marking as read is the only change a user makes.
grant update (read_at) on public.notifications to authenticated;

create type public.email_status as enum ('queued', 'sending', 'sent', 'failed');

create table public.email_outbox (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  to_email text not null check (to_email ~* '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  subject text not null check (length(subject) between 1 and 500),
  text_body text not null,
  html_body text,
  -- Storage objects to attach: [{"bucket": "...", "path": "...", "filename": "..."}].
  attachments jsonb not null default '[]' check (jsonb_typeof(attachments) = 'array'),
  template text,
  -- Retries of the same request enqueue one message.
  idempotency_key text,
  status public.email_status not null default 'queued',
  attempts int not null default 0,
  last_error text,
  provider_message_id text,
  next_attempt_at timestamptz not null default now(),
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  unique (org_id, idempotency_key)
);
alter table public.email_outbox enable row level security;
create index email_outbox_due_idx on public.email_outbox (next_attempt_at) where status in ('queued', 'failed');
create index email_outbox_org_created_idx on public.email_outbox (org_id, created_at desc);

create policy email_outbox_select on public.email_outbox for select to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin}')));
revoke insert, update, delete on public.email_outbox from anon, authenticated;

-- Used by RPCs and edge functions of later features; not callable from the API.
create function private.notify(p_org_id uuid, p_user_id uuid, p_kind text, p_title text, p_body text default null,
  p_link text default null, p_data jsonb default '{}') returns uuid
language sql security definer set search_path = '' as $$
  insert into public.notifications (org_id, user_id, kind, title, body, link, data)
  values (p_org_id, p_user_id, p_kind, p_title, p_body, p_link, coalesce(p_data, '{}'))
  returning id;
$$;

create function private.enqueue_email(p_org_id uuid, p_to text, p_subject text, p_text text, p_html text default null,
  p_template text default null, p_attachments jsonb default '[]', p_idempotency_key text default null) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  v_id uuid;
begin
  insert into public.email_outbox (org_id, to_email, subject, text_body, html_body, template, attachments, idempotency_key)
  values (p_org_id, p_to, p_subject, p_text, p_html, p_template, coalesce(p_attachments, '[]'), p_idempotency_key)
  on conflict (org_id, idempotency_key) do nothing
  returning id into v_id;
  if v_id is null then
    select id into v_id from public.email_outbox where org_id = p_org_id and idempotency_key = p_idempotency_key;
  end if;
  return v_id;
end;
$$;

-- The delivery worker claims due messages (service_role only) and reports back.
create function public.claim_outbox_emails(p_limit int default 20) returns setof public.email_outbox
language sql security definer set search_path = '' as $$
  update public.email_outbox o
  set status = 'sending', attempts = o.attempts + 1
  where o.id in (
    select id from public.email_outbox
    where status in ('queued', 'failed') and next_attempt_at <= now() and attempts < 8
    order by next_attempt_at
    limit greatest(1, least(p_limit, 100))
    for update skip locked
  )
  returning o.*;
$$;

create function public.complete_outbox_email(p_id uuid, p_ok boolean, p_provider_message_id text default null,
  p_error text default null) returns void
language sql security definer set search_path = '' as $$
  update public.email_outbox
  set status = case when p_ok then 'sent'::public.email_status else 'failed'::public.email_status end,
      sent_at = case when p_ok then now() end,
      provider_message_id = p_provider_message_id,
      last_error = case when p_ok then null else left(p_error, 2000) end,
      -- Exponential back-off: 1, 2, 4 ... minutes.
      next_attempt_at = case when p_ok then next_attempt_at else now() + make_interval(mins => power(2, attempts - 1)::int) end
  where id = p_id;
$$;

revoke execute on function private.notify(uuid, uuid, text, text, text, text, jsonb) from public;
revoke execute on function private.enqueue_email(uuid, text, text, text, text, text, jsonb, text) from public;
revoke execute on function public.claim_outbox_emails(int) from public, anon, authenticated;
revoke execute on function public.complete_outbox_email(uuid, boolean, text, text) from public, anon, authenticated;
grant execute on function public.claim_outbox_emails(int) to service_role;
grant execute on function public.complete_outbox_email(uuid, boolean, text, text) to service_role;

alter publication supabase_realtime add table public.notifications;
