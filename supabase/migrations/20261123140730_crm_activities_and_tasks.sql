-- Activities (calls, e-mails, meetings, notes) logged on accounts, contacts, deals,
-- leads and tickets, read as a timeline per record; and tasks with due dates,
-- assignees and reminders that become notifications (pg_cron, once per task).

create type public.activity_kind as enum ('call', 'email', 'meeting', 'note');
create type public.task_status as enum ('open', 'done');

create table public.activities (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  kind public.activity_kind not null,
  subject text not null check (length(btrim(subject)) between 1 and 300),
  body text check (body is null or length(body) <= 20000),
  occurred_at timestamptz not null default now(),
  duration_minutes int check (duration_minutes is null or duration_minutes between 0 and 1440),
  outcome text check (outcome is null or length(outcome) <= 200),
  owner_id uuid references public.profiles (id) on delete set null default auth.uid(),
  account_id uuid,
  contact_id uuid,
  deal_id uuid,
  lead_id uuid,
  ticket_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  foreign key (org_id, account_id) references public.accounts (org_id, id) on delete cascade,
  foreign key (org_id, contact_id) references public.contacts (org_id, id) on delete cascade,
  foreign key (org_id, deal_id) references public.deals (org_id, id) on delete cascade,
  foreign key (org_id, lead_id) references public.leads (org_id, id) on delete cascade,
  foreign key (org_id, ticket_id) references public.tickets (org_id, id) on delete cascade,
  check (num_nonnulls(account_id, contact_id, deal_id, lead_id, ticket_id) >= 1)
);
alter table public.activities enable row level security;
create index activities_account_idx on public.activities (org_id, account_id, occurred_at desc);
create index activities_contact_idx on public.activities (org_id, contact_id, occurred_at desc);
create index activities_deal_idx on public.activities (org_id, deal_id, occurred_at desc);
create index activities_lead_idx on public.activities (org_id, lead_id, occurred_at desc);
create index activities_ticket_idx on public.activities (org_id, ticket_id, occurred_at desc);
create index activities_owner_idx on public.activities (owner_id);

create table public.tasks (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  title text not null check (length(btrim(title)) between 1 and 300),
  notes text check (notes is null or length(notes) <= 20000),
  due_at timestamptz,
  reminder_at timestamptz,
  reminded_at timestamptz,
  assignee_id uuid references public.profiles (id) on delete set null default auth.uid(),
  status public.task_status not null default 'open',
  done_at timestamptz,
  priority public.ticket_priority not null default 'normal',
  account_id uuid,
  contact_id uuid,
  deal_id uuid,
  lead_id uuid,
  ticket_id uuid,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  foreign key (org_id, account_id) references public.accounts (org_id, id) on delete cascade,
  foreign key (org_id, contact_id) references public.contacts (org_id, id) on delete cascade,
  foreign key (org_id, deal_id) references public.deals (org_id, id) on delete cascade,
  foreign key (org_id, lead_id) references public.leads (org_id, id) on delete cascade,
  foreign key (org_id, ticket_id) references public.tickets (org_id, id) on delete cascade
);
alter table public.tasks enable row level security;
create index tasks_assignee_idx on public.tasks (assignee_id, status, due_at);
create index tasks_org_idx on public.tasks (org_id, status, due_at);
create index tasks_reminder_idx on public.tasks (reminder_at) where status = 'open' and reminded_at is null;
create index tasks_deal_idx on public.tasks (org_id, deal_id);
create index tasks_account_idx on public.tasks (org_id, account_id);

create function private.tasks_before_write() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.done_at := case when new.status = 'done' then coalesce(new.done_at, now()) end;
  -- A moved reminder fires again.
  if tg_op = 'UPDATE' and new.reminder_at is distinct from old.reminder_at then
    new.reminded_at := null;
  end if;
  return new;
end;
$$;
create trigger tasks_before_write before insert or update on public.tasks for each row execute function private.tasks_before_write();

-- Due reminders become one notification each for the assignee (the claim and the
-- stamp are one statement, so two runs never notify twice).
create function private.send_task_reminders() returns int
language plpgsql security definer set search_path = '' as $$
declare
  v_count int := 0;
  v_task record;
begin
  for v_task in
    update public.tasks t set reminded_at = now()
    where t.status = 'open' and t.reminded_at is null and t.reminder_at <= now() and t.assignee_id is not null
    returning t.*
  loop
    perform private.notify(v_task.org_id, v_task.assignee_id, 'task_reminder', format('Reminder: %s', v_task.title),
      case when v_task.due_at is not null then format('Due %s', to_char(v_task.due_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI "UTC"')) end,
      '/my-day', jsonb_build_object('task_id', v_task.id));
    v_count := v_count + 1;
  end loop;
  return v_count;
end;
$$;
revoke all on function private.send_task_reminders() from public;
select cron.schedule('task-reminders', '* * * * *', $$select private.send_task_reminders()$$);

create trigger activities_touch before update on public.activities for each row execute function private.touch_updated_at();
create trigger tasks_touch before update on public.tasks for each row execute function private.touch_updated_at();
create trigger activities_audit after insert or update or delete on public.activities for each row execute function private.audit_row();
create trigger tasks_audit after insert or update or delete on public.tasks for each row execute function private.audit_row();

-- Policies: CRM readers read; sales roles and support (DESIGN.md: "W on contacts and
-- activities") log activities; tasks are written by sales roles and support, and anyone
-- may update a task assigned to them (check it off).
create policy activities_select on public.activities for select to authenticated using (org_id in (select private.crm_reader_org_ids()));
create policy activities_write on public.activities for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales,support}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales,support}')));
create policy tasks_select on public.tasks for select to authenticated
  using (org_id in (select private.crm_reader_org_ids()) or assignee_id = (select auth.uid()));
create policy tasks_write on public.tasks for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales,support}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales,support}')));
create policy tasks_update_assigned on public.tasks for update to authenticated
  using (assignee_id = (select auth.uid()) and org_id in (select private.user_org_ids()))
  with check (assignee_id = (select auth.uid()) and org_id in (select private.user_org_ids()));

alter publication supabase_realtime add table public.activities, public.tasks;
