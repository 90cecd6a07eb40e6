-- Pipelines with ordered stages, deals on them, and the rules the shared board relies
-- on: a deal's order within its stage is a fractional rank (a text key that sorts
-- byte-wise) so concurrent moves never renumber a column; ranks are assigned here when
-- missing; stage changes stamp stage_changed_at, close won/lost deals and keep a history.

create type public.stage_kind as enum ('open', 'won', 'lost');
create type public.deal_status as enum ('open', 'won', 'lost');

create table public.pipelines (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 100),
  position int not null default 0,
  is_default boolean not null default false,
  archived_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id)
);
alter table public.pipelines enable row level security;
create index pipelines_org_idx on public.pipelines (org_id, position);
create unique index pipelines_one_default_idx on public.pipelines (org_id) where is_default;

create table public.pipeline_stages (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  pipeline_id uuid not null,
  name text not null check (length(btrim(name)) between 1 and 100),
  position int not null default 0,
  -- Chance of winning a deal in this stage, percent (weighted pipeline).
  probability numeric(5, 2) not null default 0 check (probability between 0 and 100),
  kind public.stage_kind not null default 'open',
  -- Deals idle longer than this many days are flagged "rotting" on the board.
  rotting_days int check (rotting_days is null or rotting_days between 1 and 365),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (pipeline_id, id),
  foreign key (org_id, pipeline_id) references public.pipelines (org_id, id) on delete cascade
);
alter table public.pipeline_stages enable row level security;
create index pipeline_stages_pipeline_idx on public.pipeline_stages (org_id, pipeline_id, position);

create table public.deals (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  pipeline_id uuid not null,
  stage_id uuid not null,
  title text not null check (length(btrim(title)) between 1 and 200),
  account_id uuid,
  contact_id uuid,
  amount numeric(18, 2) not null default 0 check (amount >= 0),
  -- '' (the default) means the organisation's base currency; the trigger fills it in.
  currency text not null default '' check (currency ~ '^[A-Z]{3}$'),
  -- Overrides the stage's probability when set.
  probability numeric(5, 2) check (probability is null or probability between 0 and 100),
  expected_close_date date,
  owner_id uuid references public.profiles (id) on delete set null default auth.uid(),
  tags text[] not null default '{}' check (cardinality(tags) <= 50),
  notes text check (notes is null or length(notes) <= 20000),
  -- '' (the default) means "at the end of the column"; the trigger assigns the key.
  rank text collate "C" not null default '',
  -- Bumped on every update (under the row lock), so clients can drop stale realtime echoes.
  version int not null default 1,
  status public.deal_status not null default 'open',
  stage_changed_at timestamptz not null default now(),
  closed_at timestamptz,
  lost_reason text check (lost_reason is null or length(btrim(lost_reason)) between 1 and 500),
  archived_at timestamptz,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  foreign key (org_id, pipeline_id) references public.pipelines (org_id, id),
  foreign key (pipeline_id, stage_id) references public.pipeline_stages (pipeline_id, id),
  foreign key (org_id, stage_id) references public.pipeline_stages (org_id, id),
  foreign key (org_id, account_id) references public.accounts (org_id, id) on delete set null (account_id),
  foreign key (org_id, contact_id) references public.contacts (org_id, id) on delete set null (contact_id)
);
alter table public.deals enable row level security;
-- Two cards never share a place in a column.
create unique index deals_stage_rank_idx on public.deals (stage_id, rank);
create index deals_org_pipeline_idx on public.deals (org_id, pipeline_id, stage_id) where archived_at is null;
create index deals_org_status_idx on public.deals (org_id, status, closed_at);
create index deals_owner_idx on public.deals (owner_id);
create index deals_account_idx on public.deals (org_id, account_id);
create index deals_contact_idx on public.deals (org_id, contact_id);
create index deals_tags_idx on public.deals using gin (tags);

-- Further people on a deal besides its main contact.
create table public.deal_contacts (
  org_id uuid not null references public.organizations (id) on delete cascade,
  deal_id uuid not null,
  contact_id uuid not null,
  role text check (role is null or length(role) <= 100),
  created_at timestamptz not null default now(),
  primary key (deal_id, contact_id),
  foreign key (org_id, deal_id) references public.deals (org_id, id) on delete cascade,
  foreign key (org_id, contact_id) references public.contacts (org_id, id) on delete cascade
);
alter table public.deal_contacts enable row level security;
create index deal_contacts_org_idx on public.deal_contacts (org_id);
create index deal_contacts_contact_idx on public.deal_contacts (contact_id);

-- Quote lines. product_id gets its foreign key when the product catalogue exists.
create table public.deal_lines (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  deal_id uuid not null,
  position int not null default 0,
  product_id uuid,
  description text not null check (length(btrim(description)) between 1 and 500),
  quantity numeric(18, 4) not null default 1 check (quantity > 0),
  unit_price numeric(18, 4) not null default 0 check (unit_price >= 0),
  discount_pct numeric(5, 2) not null default 0 check (discount_pct between 0 and 100),
  tax_rate numeric(6, 3) not null default 0 check (tax_rate between 0 and 100),
  net_amount numeric(18, 2) generated always as (round(quantity * unit_price * (1 - discount_pct / 100), 2)) stored,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (org_id, deal_id) references public.deals (org_id, id) on delete cascade
);
alter table public.deal_lines enable row level security;
create index deal_lines_deal_idx on public.deal_lines (org_id, deal_id, position);

-- Every stage change, for velocity and conversion reports. Written only by the trigger.
create table public.deal_stage_history (
  id bigint generated always as identity primary key,
  org_id uuid not null references public.organizations (id) on delete cascade,
  deal_id uuid not null,
  from_stage_id uuid,
  to_stage_id uuid not null,
  -- How long the deal sat in from_stage.
  seconds_in_from_stage bigint,
  changed_by uuid references auth.users (id) on delete set null,
  changed_at timestamptz not null default now(),
  foreign key (org_id, deal_id) references public.deals (org_id, id) on delete cascade
);
alter table public.deal_stage_history enable row level security;
create index deal_stage_history_deal_idx on public.deal_stage_history (org_id, deal_id, changed_at);
create index deal_stage_history_to_stage_idx on public.deal_stage_history (org_id, to_stage_id, changed_at);

-- Fractional ranks: an integer part (a head letter giving its length, then base-62
-- digits) and an optional fraction. Keys sort byte-wise (collate "C").
create function private.rank_digits() returns text
language sql immutable parallel safe set search_path = '' as $$
  select '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
$$;

create function private.rank_integer_length(p_head text) returns int
language sql immutable parallel safe set search_path = '' as $$
  select case
    when p_head collate "C" between 'a' and 'z' then ascii(p_head) - ascii('a') + 2
    when p_head collate "C" between 'A' and 'Z' then ascii('Z') - ascii(p_head) + 2
  end
$$;

create function private.rank_is_valid(p_key text) returns boolean
language plpgsql immutable parallel safe set search_path = '' as $$
declare
  v_len int;
begin
  if p_key is null or p_key !~ '^[A-Za-z][0-9A-Za-z]*$' then
    return false;
  end if;
  v_len := private.rank_integer_length(left(p_key, 1));
  if length(p_key) < v_len then
    return false;
  end if;
  -- The fraction never ends in the zero digit, so every key has keys on both sides.
  return length(p_key) = v_len or right(p_key, 1) <> '0';
end;
$$;

-- A fraction strictly between a and b (b null = 1); a = '' is 0.
create function private.rank_midpoint(a text, b text) returns text
language plpgsql immutable parallel safe set search_path = '' as $$
declare
  v_digits constant text := private.rank_digits();
  n int := 0;
  da int;
  db int;
begin
  if b is not null then
    while coalesce(nullif(substr(a, n + 1, 1), ''), '0') = substr(b, n + 1, 1) loop
      n := n + 1;
    end loop;
    if n > 0 then
      return left(b, n) || private.rank_midpoint(substr(a, n + 1), substr(b, n + 1));
    end if;
  end if;
  da := case when a = '' then 0 else strpos(v_digits, left(a, 1)) - 1 end;
  db := case when b is null then 62 else strpos(v_digits, left(b, 1)) - 1 end;
  if db - da > 1 then
    return substr(v_digits, (da + db) / 2 + 1, 1);
  elsif b is not null and length(b) > 1 then
    return left(b, 1);
  else
    return substr(v_digits, da + 1, 1) || private.rank_midpoint(substr(a, 2), null);
  end if;
end;
$$;

-- The next / previous integer part, or null past the ends of the key space.
create function private.rank_step_integer(p_int text, p_step int) returns text
language plpgsql immutable parallel safe set search_path = '' as $$
declare
  v_digits constant text := private.rank_digits();
  v_head text := left(p_int, 1);
  v_body text := substr(p_int, 2);
  i int := length(v_body);
  d int;
begin
  while i > 0 loop
    d := strpos(v_digits, substr(v_body, i, 1)) - 1 + p_step;
    if d between 0 and 61 then
      return v_head || overlay(v_body placing substr(v_digits, d + 1, 1) from i for 1);
    end if;
    v_body := overlay(v_body placing (case when p_step > 0 then '0' else 'z' end) from i for 1);
    i := i - 1;
  end loop;
  -- Carried past the head: the integer part changes length.
  if p_step > 0 then
    if v_head = 'Z' then return 'a0'; end if;
    if v_head = 'z' then return null; end if;
    v_head := chr(ascii(v_head) + 1);
    return v_head || case when v_head collate "C" > 'a' then v_body || '0' else substr(v_body, 2) end;
  else
    if v_head = 'a' then return 'Zz'; end if;
    if v_head = 'A' then return null; end if;
    v_head := chr(ascii(v_head) - 1);
    return v_head || case when v_head collate "C" < 'Z' then v_body || 'z' else substr(v_body, 2) end;
  end if;
end;
$$;

-- A key strictly between a and b (either may be null for "the start" / "the end").
create function private.rank_between(a text, b text) returns text
language plpgsql immutable parallel safe set search_path = '' as $$
declare
  ia text;
  ib text;
  v text;
begin
  if a is not null and not private.rank_is_valid(a) or b is not null and not private.rank_is_valid(b) then
    raise exception 'Invalid rank key' using errcode = '22023';
  end if;
  if a is not null and b is not null and a collate "C" >= b collate "C" then
    raise exception 'Rank % is not before %', a, b using errcode = '22023';
  end if;
  if a is null and b is null then
    return 'a0';
  end if;
  if a is null then
    ib := left(b, private.rank_integer_length(left(b, 1)));
    if ib = 'A' || repeat('0', 26) then
      return ib || private.rank_midpoint('', substr(b, length(ib) + 1));
    end if;
    if ib collate "C" < b collate "C" then
      return ib;
    end if;
    v := private.rank_step_integer(ib, -1);
    if v is null then raise exception 'Rank key space exhausted' using errcode = '22003'; end if;
    return v;
  end if;
  ia := left(a, private.rank_integer_length(left(a, 1)));
  if b is null then
    return coalesce(private.rank_step_integer(ia, 1), ia || private.rank_midpoint(substr(a, length(ia) + 1), null));
  end if;
  ib := left(b, private.rank_integer_length(left(b, 1)));
  if ia = ib then
    return ia || private.rank_midpoint(substr(a, length(ia) + 1), substr(b, length(ib) + 1));
  end if;
  v := private.rank_step_integer(ia, 1);
  if v is null then raise exception 'Rank key space exhausted' using errcode = '22003'; end if;
  if v collate "C" < b collate "C" then
    return v;
  end if;
  return ia || private.rank_midpoint(substr(a, length(ia) + 1), null);
end;
$$;

alter table public.deals add constraint deals_rank_valid check (private.rank_is_valid(rank));

-- Locks a board column (its stage row) until the end of the transaction; false when
-- the stage is not in the given organisation. Definer: the caller may only read stages.
create function private.lock_deal_column(p_stage_id uuid, p_org_id uuid default null) returns boolean
language plpgsql security definer set search_path = '' as $$
begin
  perform 1 from public.pipeline_stages s
    where s.id = p_stage_id and (p_org_id is null or s.org_id = p_org_id)
    for no key update;
  return found;
end;
$$;
revoke all on function private.lock_deal_column(uuid, uuid) from public;
grant execute on function private.lock_deal_column(uuid, uuid) to authenticated, service_role;

-- Before a deal is written: pipeline from the stage, currency from the org, a rank at
-- the end of the column when none is given (or when the card changes column without
-- one), stage stamps, status and closing from the stage's kind.
create function private.deals_before_write() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_stage public.pipeline_stages;
  v_last text;
begin
  select * into v_stage from public.pipeline_stages s where s.id = new.stage_id and s.org_id = new.org_id;
  if not found then
    raise exception 'Stage not found in this organisation' using errcode = '23503';
  end if;
  new.pipeline_id := v_stage.pipeline_id;
  if coalesce(new.currency, '') = '' then
    select o.base_currency into new.currency from public.organizations o where o.id = new.org_id;
  end if;
  new.tags := array(select distinct btrim(t) from unnest(new.tags) t where btrim(t) <> '' order by 1);

  if coalesce(new.rank, '') = ''
     or tg_op = 'UPDATE' and new.stage_id <> old.stage_id and new.rank = old.rank then
    -- Serialises rank assignment per column, so two writers never take the same place.
    perform private.lock_deal_column(new.stage_id);
    select max(d.rank) into v_last from public.deals d where d.stage_id = new.stage_id and d.id <> new.id;
    new.rank := private.rank_between(v_last, null);
  end if;

  if tg_op = 'UPDATE' then
    new.version := old.version + 1;
  end if;
  if tg_op = 'INSERT' or new.stage_id <> old.stage_id then
    new.stage_changed_at := now();
  end if;
  new.status := v_stage.kind::text::public.deal_status;
  if new.status = 'open' then
    new.closed_at := null;
    new.lost_reason := null;
  elsif tg_op = 'INSERT' or old.status is distinct from new.status then
    new.closed_at := coalesce(case when tg_op = 'INSERT' then new.closed_at end, now());
  end if;
  if new.status = 'lost' and new.lost_reason is null then
    raise exception 'A lost deal needs a reason' using errcode = '23514', hint = 'Set lost_reason';
  end if;
  return new;
end;
$$;

create function private.deals_record_stage_change() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.deal_stage_history (org_id, deal_id, from_stage_id, to_stage_id, seconds_in_from_stage, changed_by)
  values (
    new.org_id, new.id,
    case when tg_op = 'UPDATE' then old.stage_id end,
    new.stage_id,
    case when tg_op = 'UPDATE' then extract(epoch from now() - old.stage_changed_at)::bigint end,
    (select auth.uid())
  );
  return null;
end;
$$;

create trigger deals_before_write before insert or update on public.deals
  for each row execute function private.deals_before_write();
create trigger deals_touch before update on public.deals
  for each row execute function private.touch_updated_at();
create trigger deals_stage_history_insert after insert on public.deals
  for each row execute function private.deals_record_stage_change();
create trigger deals_stage_history_update after update of stage_id on public.deals
  for each row when (old.stage_id is distinct from new.stage_id)
  execute function private.deals_record_stage_change();

-- A deal with quote lines is worth the sum of its lines.
create function private.deal_lines_roll_up() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_deal uuid := coalesce(new.deal_id, old.deal_id);
begin
  update public.deals d set amount = coalesce((select sum(l.net_amount) from public.deal_lines l where l.deal_id = v_deal), 0)
  where d.id = v_deal
    and (exists (select 1 from public.deal_lines l where l.deal_id = v_deal) or tg_op = 'DELETE');
  return null;
end;
$$;
create trigger deal_lines_roll_up after insert or update or delete on public.deal_lines
  for each row execute function private.deal_lines_roll_up();
create trigger deal_lines_touch before update on public.deal_lines
  for each row execute function private.touch_updated_at();

create trigger pipelines_touch before update on public.pipelines
  for each row execute function private.touch_updated_at();
create trigger pipeline_stages_touch before update on public.pipeline_stages
  for each row execute function private.touch_updated_at();

create trigger pipelines_audit after insert or update or delete on public.pipelines
  for each row execute function private.audit_row();
create trigger pipeline_stages_audit after insert or update or delete on public.pipeline_stages
  for each row execute function private.audit_row();
create trigger deals_audit after insert or update or delete on public.deals
  for each row execute function private.audit_row();
create trigger deal_contacts_audit after insert or update or delete on public.deal_contacts
  for each row execute function private.audit_row('org_id', 'deal_id');
create trigger deal_lines_audit after insert or update or delete on public.deal_lines
  for each row execute function private.audit_row();

-- Moves a card: into p_stage_id, just after p_after_id (the card above it) or just
-- before p_before_id (the card below it), or to the end of the column when neither is
-- given. Neighbours that moved away meanwhile are ignored: the card lands next to
-- what is really there, and the column lock keeps two moves from taking one gap.
create function public.move_deal(
  p_deal_id uuid,
  p_stage_id uuid,
  p_after_id uuid default null,
  p_before_id uuid default null,
  p_lost_reason text default null
) returns public.deals
language plpgsql security invoker set search_path = '' as $$
declare
  v_deal public.deals;
  v_lo text;
  v_hi text;
begin
  select * into v_deal from public.deals d where d.id = p_deal_id;
  if not found then
    raise exception 'Deal not found' using errcode = 'P0002';
  end if;
  if not private.lock_deal_column(p_stage_id, v_deal.org_id) then
    raise exception 'Stage not found in this organisation' using errcode = '23503';
  end if;
  if p_after_id is not null then
    select d.rank into v_lo from public.deals d where d.id = p_after_id and d.stage_id = p_stage_id and d.id <> p_deal_id;
  end if;
  if v_lo is null and p_before_id is not null then
    select d.rank into v_hi from public.deals d where d.id = p_before_id and d.stage_id = p_stage_id and d.id <> p_deal_id;
    if v_hi is not null then
      select max(d.rank) into v_lo from public.deals d
        where d.stage_id = p_stage_id and d.id <> p_deal_id and d.rank < v_hi;
    end if;
  elsif v_lo is not null then
    select min(d.rank) into v_hi from public.deals d
      where d.stage_id = p_stage_id and d.id <> p_deal_id and d.rank > v_lo;
  end if;
  if v_lo is null and v_hi is null then
    if p_after_id is null and p_before_id is not null then
      -- The card below is gone: top of the column.
      select min(d.rank) into v_hi from public.deals d where d.stage_id = p_stage_id and d.id <> p_deal_id;
    else
      select max(d.rank) into v_lo from public.deals d where d.stage_id = p_stage_id and d.id <> p_deal_id;
    end if;
  end if;
  update public.deals d
    set stage_id = p_stage_id,
        rank = private.rank_between(v_lo, v_hi),
        lost_reason = coalesce(p_lost_reason, d.lost_reason)
    where d.id = p_deal_id
    returning * into v_deal;
  if not found then
    raise exception 'You cannot move this deal' using errcode = '42501';
  end if;
  return v_deal;
end;
$$;
revoke execute on function public.move_deal(uuid, uuid, uuid, uuid, text) from public, anon;
grant execute on function public.move_deal(uuid, uuid, uuid, uuid, text) to authenticated;

-- Every organisation starts with a sales pipeline.
create function private.seed_default_pipeline(p_org_id uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_pipeline uuid;
begin
  insert into public.pipelines (org_id, name, position, is_default) values (p_org_id, 'Sales', 0, true)
    returning id into v_pipeline;
  insert into public.pipeline_stages (org_id, pipeline_id, name, position, probability, kind, rotting_days) values
    (p_org_id, v_pipeline, 'Lead in', 0, 10, 'open', 14),
    (p_org_id, v_pipeline, 'Qualified', 1, 25, 'open', 14),
    (p_org_id, v_pipeline, 'Proposal', 2, 50, 'open', 21),
    (p_org_id, v_pipeline, 'Negotiation', 3, 75, 'open', 21),
    (p_org_id, v_pipeline, 'Won', 4, 100, 'won', null),
    (p_org_id, v_pipeline, 'Lost', 5, 0, 'lost', null);
end;
$$;
revoke all on function private.seed_default_pipeline(uuid) from public;

create function private.organizations_seed_crm() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.seed_default_pipeline(new.id);
  return null;
end;
$$;
create trigger organizations_seed_crm after insert on public.organizations
  for each row execute function private.organizations_seed_crm();
select private.seed_default_pipeline(o.id) from public.organizations o
  where not exists (select 1 from public.pipelines p where p.org_id = o.id);

-- Policies: CRM readers (every role but warehouse) read; sales roles write; managers
-- and up delete. Pipelines are configured by managers and up.
create policy pipelines_select on public.pipelines for select to authenticated
  using (org_id in (select private.crm_reader_org_ids()));
create policy pipelines_write on public.pipelines for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager}')));
create policy pipeline_stages_select on public.pipeline_stages for select to authenticated
  using (org_id in (select private.crm_reader_org_ids()));
create policy pipeline_stages_write on public.pipeline_stages for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager}')));

create policy deals_select on public.deals for select to authenticated
  using (org_id in (select private.crm_reader_org_ids()));
create policy deals_insert on public.deals for insert to authenticated
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales}')));
create policy deals_update on public.deals for update to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales}')));
create policy deals_delete on public.deals for delete to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager}')));

create policy deal_contacts_select on public.deal_contacts for select to authenticated
  using (org_id in (select private.crm_reader_org_ids()));
create policy deal_contacts_write on public.deal_contacts for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales}')));

create policy deal_lines_select on public.deal_lines for select to authenticated
  using (org_id in (select private.crm_reader_org_ids()));
create policy deal_lines_write on public.deal_lines for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales}')));

create policy deal_stage_history_select on public.deal_stage_history for select to authenticated
  using (org_id in (select private.crm_reader_org_ids()));
revoke insert, update, delete on public.deal_stage_history from anon, authenticated;

alter publication supabase_realtime add table public.pipelines, public.pipeline_stages, public.deals;
