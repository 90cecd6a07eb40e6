-- Leads and campaigns. Campaigns (channel, budget, dates, members) attribute leads and
-- deals; leads are scored by rules each organisation tunes (recomputed whenever a lead
-- or a rule changes) and converted into account + contact + deal in one transaction.

create type public.campaign_channel as enum ('email', 'social', 'ads', 'event', 'referral', 'other');
create type public.campaign_status as enum ('planned', 'active', 'completed', 'cancelled');
create type public.lead_status as enum ('new', 'contacted', 'qualified', 'unqualified', 'converted');

create table public.campaigns (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 200),
  channel public.campaign_channel not null default 'email',
  status public.campaign_status not null default 'planned',
  budget numeric(18, 2) not null default 0 check (budget >= 0),
  currency text not null default '' check (currency ~ '^[A-Z]{3}$'),
  starts_on date,
  ends_on date,
  owner_id uuid references public.profiles (id) on delete set null default auth.uid(),
  archived_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  check (ends_on is null or starts_on is null or ends_on >= starts_on)
);
alter table public.campaigns enable row level security;
create index campaigns_org_idx on public.campaigns (org_id, status);

create table public.leads (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  company_name text check (company_name is null or length(company_name) <= 200),
  contact_name text check (contact_name is null or length(contact_name) <= 200),
  email text check (email is null or email ~* '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  phone text check (phone is null or length(phone) <= 50),
  source text check (source is null or length(source) <= 100),
  campaign_id uuid,
  status public.lead_status not null default 'new',
  score int not null default 0,
  estimated_value numeric(18, 2) check (estimated_value is null or estimated_value >= 0),
  owner_id uuid references public.profiles (id) on delete set null,
  tags text[] not null default '{}' check (cardinality(tags) <= 50),
  notes text check (notes is null or length(notes) <= 20000),
  converted_account_id uuid,
  converted_contact_id uuid,
  converted_deal_id uuid,
  converted_at timestamptz,
  archived_at timestamptz,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  foreign key (org_id, campaign_id) references public.campaigns (org_id, id) on delete set null (campaign_id),
  foreign key (org_id, converted_account_id) references public.accounts (org_id, id),
  foreign key (org_id, converted_contact_id) references public.contacts (org_id, id),
  foreign key (org_id, converted_deal_id) references public.deals (org_id, id),
  check (coalesce(company_name, contact_name, email) is not null),
  check ((status = 'converted') = (converted_at is not null))
);
alter table public.leads enable row level security;
create index leads_org_status_idx on public.leads (org_id, status, score desc);
create index leads_campaign_idx on public.leads (org_id, campaign_id);
create index leads_owner_idx on public.leads (owner_id);

create table public.campaign_members (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  campaign_id uuid not null,
  contact_id uuid,
  lead_id uuid,
  status text not null default 'sent' check (status in ('planned', 'sent', 'responded', 'unsubscribed')),
  created_at timestamptz not null default now(),
  unique (org_id, id),
  foreign key (org_id, campaign_id) references public.campaigns (org_id, id) on delete cascade,
  foreign key (org_id, contact_id) references public.contacts (org_id, id) on delete cascade,
  foreign key (org_id, lead_id) references public.leads (org_id, id) on delete cascade,
  check (num_nonnulls(contact_id, lead_id) = 1)
);
alter table public.campaign_members enable row level security;
create index campaign_members_campaign_idx on public.campaign_members (org_id, campaign_id);
create unique index campaign_members_contact_idx on public.campaign_members (campaign_id, contact_id) where contact_id is not null;
create unique index campaign_members_lead_idx on public.campaign_members (campaign_id, lead_id) where lead_id is not null;

-- Deals are attributed to the campaign that brought them.
alter table public.deals add column campaign_id uuid;
alter table public.deals add constraint deals_campaign_fk
  foreign key (org_id, campaign_id) references public.campaigns (org_id, id) on delete set null (campaign_id);
create index deals_campaign_idx on public.deals (org_id, campaign_id);

-- Scoring: points per matching rule, summed.
create table public.lead_scoring_rules (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  field text not null check (field in ('source', 'email', 'phone', 'company_name', 'estimated_value', 'campaign_id', 'tags')),
  operator text not null check (operator in ('equals', 'contains', 'is_set', 'greater_than')),
  value text check (value is null or length(value) <= 200),
  points int not null check (points between -1000 and 1000),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  unique (org_id, id)
);
alter table public.lead_scoring_rules enable row level security;
create index lead_scoring_rules_org_idx on public.lead_scoring_rules (org_id);

create function private.lead_score(p_lead public.leads) returns int
language sql stable security definer set search_path = '' as $$
  select coalesce(sum(r.points), 0)::int
  from public.lead_scoring_rules r,
  lateral (select case r.field
      when 'source' then p_lead.source when 'email' then p_lead.email when 'phone' then p_lead.phone
      when 'company_name' then p_lead.company_name when 'estimated_value' then p_lead.estimated_value::text
      when 'campaign_id' then p_lead.campaign_id::text when 'tags' then array_to_string(p_lead.tags, ',') end as v) f
  where r.org_id = p_lead.org_id and r.active and case r.operator
      when 'is_set' then nullif(f.v, '') is not null
      when 'equals' then lower(f.v) = lower(r.value)
      when 'contains' then f.v ilike '%' || r.value || '%'
      when 'greater_than' then f.v ~ '^-?\d+(\.\d+)?$' and r.value ~ '^-?\d+(\.\d+)?$' and f.v::numeric > r.value::numeric
    end
$$;

create function private.leads_before_write() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  new.email := nullif(lower(btrim(new.email)), '');
  new.score := private.lead_score(new);
  if tg_op = 'UPDATE' and old.status = 'converted' and coalesce(current_setting('private.converting', true), '') <> 'on'
     and (new.status <> 'converted' or new.converted_account_id is distinct from old.converted_account_id) then
    raise exception 'A converted lead stays converted' using errcode = '42501';
  end if;
  if new.status = 'converted' and coalesce(current_setting('private.converting', true), '') <> 'on'
     and (tg_op = 'INSERT' or old.status <> 'converted') then
    raise exception 'Convert leads with convert_lead()' using errcode = '42501';
  end if;
  return new;
end;
$$;
create trigger leads_before_write before insert or update on public.leads
  for each row execute function private.leads_before_write();

-- Rules changed: rescore the org's open leads.
create function private.rescore_leads() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  -- The before-write trigger recomputes the score of every lead touched here.
  update public.leads l set score = 0
  where l.org_id = coalesce((to_jsonb(new) ->> 'org_id')::uuid, (to_jsonb(old) ->> 'org_id')::uuid)
    and l.status <> 'converted';
  return null;
end;
$$;
create trigger lead_scoring_rules_rescore after insert or update or delete on public.lead_scoring_rules
  for each row execute function private.rescore_leads();

-- Converts a lead into an account (new, or an existing one), a contact and optionally a
-- deal, in one transaction; the lead records what it became.
create function public.convert_lead(p_lead_id uuid, p_account_id uuid default null, p_create_deal boolean default true,
  p_stage_id uuid default null, p_deal_title text default null, p_amount numeric default null)
returns public.leads
language plpgsql security invoker set search_path = '' as $$
declare
  v_lead public.leads;
  v_account uuid := p_account_id;
  v_contact uuid;
  v_deal uuid;
  v_stage public.pipeline_stages;
  v_first text;
  v_last text;
begin
  select * into v_lead from public.leads l where l.id = p_lead_id for update;
  if not found then
    raise exception 'Lead not found' using errcode = 'P0002';
  end if;
  if v_lead.status = 'converted' then
    raise exception 'This lead was already converted' using errcode = '23514';
  end if;
  if v_account is null then
    insert into public.accounts (org_id, name, kind, email, phone, owner_id, tags)
    values (v_lead.org_id, coalesce(v_lead.company_name, v_lead.contact_name, v_lead.email),
      case when v_lead.company_name is null then 'person' else 'company' end::public.party_kind,
      v_lead.email, v_lead.phone, coalesce(v_lead.owner_id, (select auth.uid())), v_lead.tags)
    returning id into v_account;
  elsif not exists (select 1 from public.accounts a where a.id = v_account and a.org_id = v_lead.org_id) then
    raise exception 'Account not found in this organisation' using errcode = 'P0002';
  end if;
  if v_lead.contact_name is not null or v_lead.email is not null then
    v_first := nullif(split_part(btrim(v_lead.contact_name), ' ', 1), '');
    v_last := nullif(btrim(substr(btrim(v_lead.contact_name), length(coalesce(v_first, '')) + 1)), '');
    insert into public.contacts (org_id, account_id, first_name, last_name, email, phone, owner_id)
    values (v_lead.org_id, v_account, v_first, v_last, v_lead.email, v_lead.phone, coalesce(v_lead.owner_id, (select auth.uid())))
    returning id into v_contact;
  end if;
  if p_create_deal then
    if p_stage_id is null then
      select s.* into v_stage from public.pipeline_stages s join public.pipelines p on p.id = s.pipeline_id
      where p.org_id = v_lead.org_id and p.is_default and s.kind = 'open' order by s.position limit 1;
    else
      select s.* into v_stage from public.pipeline_stages s where s.id = p_stage_id and s.org_id = v_lead.org_id;
    end if;
    if v_stage.id is null then
      raise exception 'No open stage to put the deal in' using errcode = '23514';
    end if;
    insert into public.deals (org_id, pipeline_id, stage_id, title, account_id, contact_id, amount, owner_id, campaign_id)
    values (v_lead.org_id, v_stage.pipeline_id, v_stage.id,
      coalesce(nullif(btrim(p_deal_title), ''), coalesce(v_lead.company_name, v_lead.contact_name, v_lead.email) || ' deal'),
      v_account, v_contact, coalesce(p_amount, v_lead.estimated_value, 0), coalesce(v_lead.owner_id, (select auth.uid())), v_lead.campaign_id)
    returning id into v_deal;
  end if;
  perform set_config('private.converting', 'on', true);
  update public.leads l set status = 'converted', converted_at = now(), converted_account_id = v_account,
      converted_contact_id = v_contact, converted_deal_id = v_deal
    where l.id = p_lead_id returning * into v_lead;
  perform set_config('private.converting', 'off', true);
  return v_lead;
end;
$$;

-- Per campaign: leads, conversions, deals, won revenue, cost per lead and return.
create view public.campaign_stats with (security_invoker = on) as
select c.id as campaign_id, c.org_id, c.name, c.budget, c.currency,
  (select count(*) from public.leads l where l.campaign_id = c.id) as leads,
  (select count(*) from public.leads l where l.campaign_id = c.id and l.status = 'converted') as converted_leads,
  (select count(*) from public.deals d where d.campaign_id = c.id and d.archived_at is null) as deals,
  (select coalesce(sum(d.amount), 0) from public.deals d where d.campaign_id = c.id and d.status = 'won') as won_amount,
  round(c.budget / nullif((select count(*) from public.leads l where l.campaign_id = c.id), 0), 2) as cost_per_lead,
  round(((select coalesce(sum(d.amount), 0) from public.deals d where d.campaign_id = c.id and d.status = 'won') - c.budget)
    / nullif(c.budget, 0), 4) as return_on_budget
from public.campaigns c;

create function private.campaigns_before_write() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if coalesce(new.currency, '') = '' then
    select o.base_currency into new.currency from public.organizations o where o.id = new.org_id;
  end if;
  return new;
end;
$$;
create trigger campaigns_before_write before insert or update on public.campaigns
  for each row execute function private.campaigns_before_write();

create trigger campaigns_touch before update on public.campaigns for each row execute function private.touch_updated_at();
create trigger leads_touch before update on public.leads for each row execute function private.touch_updated_at();
create trigger campaigns_audit after insert or update or delete on public.campaigns for each row execute function private.audit_row();
create trigger leads_audit after insert or update or delete on public.leads for each row execute function private.audit_row();
create trigger campaign_members_audit after insert or update or delete on public.campaign_members for each row execute function private.audit_row();
create trigger lead_scoring_rules_audit after insert or update or delete on public.lead_scoring_rules for each row execute function private.audit_row();

insert into private.personal_data_fields values
  ('leads', 'email', 'email', '{"contact_name": "Erased", "email": null, "phone": null, "notes": null}');

revoke execute on function public.convert_lead(uuid, uuid, boolean, uuid, text, numeric) from public, anon;
grant execute on function public.convert_lead(uuid, uuid, boolean, uuid, text, numeric) to authenticated;

-- Policies: CRM readers read; sales roles write; managers and up configure scoring.
create policy campaigns_select on public.campaigns for select to authenticated using (org_id in (select private.crm_reader_org_ids()));
create policy campaigns_write on public.campaigns for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales}')));
create policy campaign_members_select on public.campaign_members for select to authenticated using (org_id in (select private.crm_reader_org_ids()));
create policy campaign_members_write on public.campaign_members for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales}')));
create policy leads_select on public.leads for select to authenticated using (org_id in (select private.crm_reader_org_ids()));
create policy leads_write on public.leads for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales}')));
create policy lead_scoring_rules_select on public.lead_scoring_rules for select to authenticated using (org_id in (select private.crm_reader_org_ids()));
create policy lead_scoring_rules_write on public.lead_scoring_rules for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager}')));

alter publication supabase_realtime add table public.leads;
