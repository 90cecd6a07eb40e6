-- Support tickets with SLAs. Each priority has first-response and resolution targets in
-- business minutes; due times are computed here from the organisation's working hours,
-- holidays and time zone (never typed in), recomputed when the priority changes. The
-- queue view says what has breached and what breaches next. Customer-facing comments
-- are e-mailed to the ticket's contact through the outbox.

create type public.ticket_status as enum ('new', 'open', 'pending', 'resolved', 'closed');
create type public.ticket_priority as enum ('low', 'normal', 'high', 'urgent');
create type public.ticket_channel as enum ('email', 'phone', 'web', 'chat');

create table public.sla_policies (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  priority public.ticket_priority not null,
  first_response_minutes int not null check (first_response_minutes between 1 and 100000),
  resolution_minutes int not null check (resolution_minutes between 1 and 1000000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, priority),
  check (resolution_minutes >= first_response_minutes)
);
alter table public.sla_policies enable row level security;

create function private.seed_sla_policies(p_org_id uuid) returns void
language sql security definer set search_path = '' as $$
  insert into public.sla_policies (org_id, priority, first_response_minutes, resolution_minutes) values
    (p_org_id, 'urgent', 60, 480), (p_org_id, 'high', 240, 960), (p_org_id, 'normal', 480, 2400), (p_org_id, 'low', 960, 4800)
  on conflict do nothing;
$$;
revoke all on function private.seed_sla_policies(uuid) from public;
create function private.organizations_seed_sla() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.seed_sla_policies(new.id);
  return null;
end;
$$;
create trigger organizations_seed_sla after insert on public.organizations
  for each row execute function private.organizations_seed_sla();
select private.seed_sla_policies(o.id) from public.organizations o;

-- p_start plus p_minutes of working time, given working hours per weekday
-- ({"mon": ["09:00", "17:00"], ..., "sun": null}), holidays and a time zone. Works in
-- local wall-clock time, so days across a DST change keep their hours.
create function private.add_business_minutes(p_start timestamptz, p_minutes int, p_hours jsonb, p_holidays date[], p_tz text)
returns timestamptz
language plpgsql stable set search_path = '' as $$
declare
  v_local timestamp := p_start at time zone p_tz;
  v_left numeric := p_minutes;
  v_day date;
  v_span jsonb;
  v_open timestamp;
  v_close timestamp;
  v_avail numeric;
  v_guard int := 0;
begin
  if p_minutes <= 0 then
    return p_start;
  end if;
  loop
    v_guard := v_guard + 1;
    if v_guard > 3700 then
      raise exception 'No working hours to count SLA time in' using errcode = '22023';
    end if;
    v_day := v_local::date;
    v_span := p_hours -> (array['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'])[extract(isodow from v_day)::int];
    if v_span is null or jsonb_typeof(v_span) <> 'array' or v_day = any (coalesce(p_holidays, '{}')) then
      v_local := (v_day + 1)::timestamp;
      continue;
    end if;
    v_open := v_day + (v_span ->> 0)::time;
    v_close := v_day + (v_span ->> 1)::time;
    if v_local < v_open then
      v_local := v_open;
    end if;
    if v_local >= v_close then
      v_local := (v_day + 1)::timestamp;
      continue;
    end if;
    v_avail := extract(epoch from v_close - v_local) / 60;
    if v_left <= v_avail then
      return (v_local + make_interval(mins => v_left::int)) at time zone p_tz;
    end if;
    v_left := v_left - v_avail;
    v_local := (v_day + 1)::timestamp;
  end loop;
end;
$$;
grant execute on function private.add_business_minutes(timestamptz, int, jsonb, date[], text) to authenticated, service_role;

create table public.tickets (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  -- TKT-<year>-00001, assigned in the database.
  number text not null default '',
  subject text not null check (length(btrim(subject)) between 1 and 300),
  description text check (description is null or length(description) <= 20000),
  status public.ticket_status not null default 'new',
  priority public.ticket_priority not null default 'normal',
  channel public.ticket_channel not null default 'email',
  account_id uuid,
  contact_id uuid,
  assignee_id uuid references public.profiles (id) on delete set null,
  tags text[] not null default '{}' check (cardinality(tags) <= 50),
  first_response_due_at timestamptz,
  resolution_due_at timestamptz,
  first_responded_at timestamptz,
  resolved_at timestamptz,
  closed_at timestamptz,
  archived_at timestamptz,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, number),
  foreign key (org_id, account_id) references public.accounts (org_id, id) on delete set null (account_id),
  foreign key (org_id, contact_id) references public.contacts (org_id, id) on delete set null (contact_id)
);
alter table public.tickets enable row level security;
create index tickets_org_status_idx on public.tickets (org_id, status, resolution_due_at);
create index tickets_account_idx on public.tickets (org_id, account_id);
create index tickets_contact_idx on public.tickets (org_id, contact_id);
create index tickets_assignee_idx on public.tickets (assignee_id);

create table public.ticket_comments (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  ticket_id uuid not null,
  author_id uuid references public.profiles (id) on delete set null default auth.uid(),
  body text not null check (length(btrim(body)) between 1 and 20000),
  -- Internal notes stay with staff; the others are e-mailed to the customer.
  is_internal boolean not null default false,
  created_at timestamptz not null default now(),
  unique (org_id, id),
  foreign key (org_id, ticket_id) references public.tickets (org_id, id) on delete cascade
);
alter table public.ticket_comments enable row level security;
create index ticket_comments_ticket_idx on public.ticket_comments (org_id, ticket_id, created_at);

-- Numbers, SLA due times (from the policy of the priority, counted from creation) and
-- status stamps. Due times only change with the priority.
create function private.tickets_before_write() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_org public.organizations;
  v_policy public.sla_policies;
begin
  if tg_op = 'UPDATE' and (new.first_response_due_at is distinct from old.first_response_due_at
     or new.resolution_due_at is distinct from old.resolution_due_at)
     and new.priority = old.priority then
    raise exception 'SLA due times are computed from the priority and cannot be edited' using errcode = '42501';
  end if;
  if tg_op = 'UPDATE' and (new.number <> old.number or new.created_at <> old.created_at) then
    raise exception 'A ticket keeps its number and creation time' using errcode = '42501';
  end if;
  if tg_op = 'INSERT' then
    new.number := private.next_document_number(new.org_id, 'TKT', (new.created_at at time zone 'UTC')::date);
  end if;
  if tg_op = 'INSERT' or new.priority <> old.priority then
    select * into v_org from public.organizations o where o.id = new.org_id;
    select * into v_policy from public.sla_policies p where p.org_id = new.org_id and p.priority = new.priority;
    if found then
      new.first_response_due_at := private.add_business_minutes(new.created_at, v_policy.first_response_minutes,
        v_org.business_hours, v_org.holidays, v_org.time_zone);
      new.resolution_due_at := private.add_business_minutes(new.created_at, v_policy.resolution_minutes,
        v_org.business_hours, v_org.holidays, v_org.time_zone);
    else
      new.first_response_due_at := null;
      new.resolution_due_at := null;
    end if;
  end if;
  if new.status in ('resolved', 'closed') then
    new.resolved_at := coalesce(new.resolved_at, now());
  else
    new.resolved_at := null;
  end if;
  new.closed_at := case when new.status = 'closed' then coalesce(new.closed_at, now()) end;
  new.tags := array(select distinct btrim(t) from unnest(new.tags) t where btrim(t) <> '' order by 1);
  return new;
end;
$$;
create trigger tickets_before_write before insert or update on public.tickets
  for each row execute function private.tickets_before_write();
create trigger tickets_touch before update on public.tickets for each row execute function private.touch_updated_at();

-- A customer-facing comment by staff is the first response, and is e-mailed to the contact (once).
create function private.ticket_comments_after_insert() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_ticket public.tickets;
  v_email text;
begin
  if new.is_internal then
    return null;
  end if;
  select * into v_ticket from public.tickets t where t.id = new.ticket_id;
  update public.tickets t set first_responded_at = coalesce(t.first_responded_at, new.created_at),
      status = case when t.status = 'new' then 'open'::public.ticket_status else t.status end
    where t.id = new.ticket_id and (t.first_responded_at is null or t.status = 'new');
  select c.email into v_email from public.contacts c where c.id = v_ticket.contact_id;
  if v_email is not null then
    perform private.enqueue_email(new.org_id, v_email, format('[%s] %s', v_ticket.number, v_ticket.subject),
      new.body, null, 'ticket_comment', '[]', 'ticket-comment:' || new.id);
  end if;
  return null;
end;
$$;
create trigger ticket_comments_after_insert after insert on public.ticket_comments
  for each row execute function private.ticket_comments_after_insert();

create trigger sla_policies_touch before update on public.sla_policies for each row execute function private.touch_updated_at();
create trigger sla_policies_audit after insert or update or delete on public.sla_policies for each row execute function private.audit_row();
create trigger tickets_audit after insert or update or delete on public.tickets for each row execute function private.audit_row();
create trigger ticket_comments_audit after insert or update or delete on public.ticket_comments for each row execute function private.audit_row();

-- The queue: breach flags and the next due time that is still pending, sorted on by the UI.
create view public.ticket_queue with (security_invoker = on) as
select t.*,
  coalesce(t.first_responded_at > t.first_response_due_at, t.first_responded_at is null and now() > t.first_response_due_at, false)
    as first_response_breached,
  coalesce(t.resolved_at > t.resolution_due_at, t.resolved_at is null and now() > t.resolution_due_at, false)
    as resolution_breached,
  case when t.status in ('resolved', 'closed') then null
       else least(case when t.first_responded_at is null then t.first_response_due_at end, t.resolution_due_at) end
    as next_breach_at
from public.tickets t;

-- Policies (DESIGN.md "Support"): owner, admin, manager and support write; sales,
-- accountants and viewers read; warehouse staff see nothing.
create policy sla_policies_select on public.sla_policies for select to authenticated
  using (org_id in (select private.crm_reader_org_ids()));
create policy sla_policies_write on public.sla_policies for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,support}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager,support}')));
create policy tickets_select on public.tickets for select to authenticated
  using (org_id in (select private.crm_reader_org_ids()));
create policy tickets_insert on public.tickets for insert to authenticated
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager,support}')));
create policy tickets_update on public.tickets for update to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,support}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager,support}')));
create policy tickets_delete on public.tickets for delete to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager}')));
create policy ticket_comments_select on public.ticket_comments for select to authenticated
  using (org_id in (select private.crm_reader_org_ids()));
create policy ticket_comments_insert on public.ticket_comments for insert to authenticated
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager,support}')) and author_id = (select auth.uid()));
create policy ticket_comments_delete on public.ticket_comments for delete to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager}')));

alter publication supabase_realtime add table public.tickets, public.ticket_comments;
