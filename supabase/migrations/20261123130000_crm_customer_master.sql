-- The customer master shared by the CRM and the ERP: one party record per company or
-- person the org buys from or sells to (never a second copy for suppliers), contacts
-- under parties, and addresses. Child rows reference their parent through
-- (org_id, id) so a row can never point into another tenant, even by a guessed id.

create extension if not exists pg_trgm with schema extensions;

-- Readers and writers of CRM data (DESIGN.md section 2).
create function private.crm_reader_org_ids() returns setof uuid
language plpgsql stable security definer rows 5 set search_path = '' as $$
begin
  return query select m.org_id from public.memberships m
    where m.user_id = (select auth.uid()) and m.role <> 'warehouse';
end;
$$;
revoke all on function private.crm_reader_org_ids() from public;
grant execute on function private.crm_reader_org_ids() to authenticated, service_role;

create type public.party_kind as enum ('company', 'person');

create table public.accounts (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  kind public.party_kind not null default 'company',
  name text not null check (length(btrim(name)) between 1 and 200),
  email text check (email is null or email ~* '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  -- Lower-case host name without "www.", kept so by a trigger (duplicate detection).
  domain text check (domain is null or domain ~ '^[a-z0-9.-]+\.[a-z]{2,}$'),
  phone text check (phone is null or length(phone) <= 50),
  website text check (website is null or length(website) <= 500),
  tax_id text check (tax_id is null or length(tax_id) <= 50),
  is_customer boolean not null default true,
  is_supplier boolean not null default false,
  currency text check (currency is null or currency ~ '^[A-Z]{3}$'),
  payment_terms_days int not null default 30 check (payment_terms_days between 0 and 365),
  credit_limit numeric(18, 2) check (credit_limit is null or credit_limit >= 0),
  owner_id uuid references public.profiles (id) on delete set null default auth.uid(),
  tags text[] not null default '{}' check (cardinality(tags) <= 50),
  notes text check (notes is null or length(notes) <= 20000),
  -- Set by a merge: the surviving record. Posted documents keep pointing here and are found through it.
  merged_into uuid,
  archived_at timestamptz,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  foreign key (org_id, merged_into) references public.accounts (org_id, id),
  check (merged_into is null or merged_into <> id)
);
alter table public.accounts enable row level security;
create index accounts_org_name_idx on public.accounts (org_id, name);
create index accounts_org_email_idx on public.accounts (org_id, lower(email)) where email is not null;
create index accounts_org_domain_idx on public.accounts (org_id, domain) where domain is not null;
create index accounts_owner_id_idx on public.accounts (owner_id);
create index accounts_merged_into_idx on public.accounts (merged_into) where merged_into is not null;
create index accounts_tags_idx on public.accounts using gin (tags);

create table public.contacts (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  account_id uuid,
  first_name text check (first_name is null or length(first_name) <= 100),
  last_name text check (last_name is null or length(last_name) <= 100),
  full_name text generated always as (nullif(btrim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')), '')) stored,
  email text check (email is null or email ~* '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  phone text check (phone is null or length(phone) <= 50),
  mobile text check (mobile is null or length(mobile) <= 50),
  title text check (title is null or length(title) <= 200),
  owner_id uuid references public.profiles (id) on delete set null default auth.uid(),
  tags text[] not null default '{}' check (cardinality(tags) <= 50),
  notes text check (notes is null or length(notes) <= 20000),
  merged_into uuid,
  archived_at timestamptz,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  foreign key (org_id, account_id) references public.accounts (org_id, id) on delete set null (account_id),
  foreign key (org_id, merged_into) references public.contacts (org_id, id),
  check (merged_into is null or merged_into <> id),
  check (coalesce(first_name, last_name, email) is not null)
);
alter table public.contacts enable row level security;
create index contacts_org_name_idx on public.contacts (org_id, last_name, first_name);
create index contacts_org_email_idx on public.contacts (org_id, lower(email)) where email is not null;
create index contacts_account_idx on public.contacts (org_id, account_id);
create index contacts_owner_id_idx on public.contacts (owner_id);
create index contacts_merged_into_idx on public.contacts (merged_into) where merged_into is not null;
create index contacts_tags_idx on public.contacts using gin (tags);

create type public.address_kind as enum ('billing', 'shipping', 'other');

create table public.addresses (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  account_id uuid not null,
  kind public.address_kind not null default 'billing',
  line1 text not null check (length(btrim(line1)) between 1 and 200),
  line2 text check (line2 is null or length(line2) <= 200),
  city text check (city is null or length(city) <= 100),
  region text check (region is null or length(region) <= 100),
  postal_code text check (postal_code is null or length(postal_code) <= 20),
  country text check (country is null or country ~ '^[A-Z]{2}$'),
  is_default boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  foreign key (org_id, account_id) references public.accounts (org_id, id) on delete cascade
);
alter table public.addresses enable row level security;
create index addresses_account_idx on public.addresses (org_id, account_id);
-- One default address per kind and account.
create unique index addresses_one_default_idx on public.addresses (account_id, kind) where is_default;

-- Normalise what duplicate detection compares.
create function private.normalize_account() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.email := nullif(lower(btrim(new.email)), '');
  new.domain := nullif(regexp_replace(lower(btrim(new.domain)), '^(https?://)?(www\.)?([^/]*).*$', '\3'), '');
  if new.domain is null and new.website is not null then
    new.domain := nullif(regexp_replace(lower(btrim(new.website)), '^(https?://)?(www\.)?([^/:]*).*$', '\3'), '');
    if new.domain !~ '^[a-z0-9.-]+\.[a-z]{2,}$' then
      new.domain := null;
    end if;
  end if;
  if new.domain is null and new.email is not null and new.kind = 'company' then
    new.domain := split_part(new.email, '@', 2);
  end if;
  new.tags := array(select distinct btrim(t) from unnest(new.tags) t where btrim(t) <> '' order by 1);
  return new;
end;
$$;

create function private.normalize_contact() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.email := nullif(lower(btrim(new.email)), '');
  new.first_name := nullif(btrim(new.first_name), '');
  new.last_name := nullif(btrim(new.last_name), '');
  new.tags := array(select distinct btrim(t) from unnest(new.tags) t where btrim(t) <> '' order by 1);
  return new;
end;
$$;

create trigger accounts_normalize before insert or update on public.accounts
  for each row execute function private.normalize_account();
create trigger contacts_normalize before insert or update on public.contacts
  for each row execute function private.normalize_contact();
create trigger accounts_touch before update on public.accounts
  for each row execute function private.touch_updated_at();
create trigger contacts_touch before update on public.contacts
  for each row execute function private.touch_updated_at();
create trigger addresses_touch before update on public.addresses
  for each row execute function private.touch_updated_at();
create trigger accounts_audit after insert or update or delete on public.accounts
  for each row execute function private.audit_row();
create trigger contacts_audit after insert or update or delete on public.contacts
  for each row execute function private.audit_row();
create trigger addresses_audit after insert or update or delete on public.addresses
  for each row execute function private.audit_row();

-- Policies. Every member reads parties and contacts (warehouse staff ship to them);
-- sales roles write parties and addresses; support also writes contacts.
create policy accounts_select on public.accounts for select to authenticated
  using (org_id in (select private.user_org_ids()));
create policy accounts_insert on public.accounts for insert to authenticated
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales}')));
create policy accounts_update on public.accounts for update to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales}')));
create policy accounts_delete on public.accounts for delete to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager}')));

create policy contacts_select on public.contacts for select to authenticated
  using (org_id in (select private.user_org_ids()));
create policy contacts_insert on public.contacts for insert to authenticated
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales,support}')));
create policy contacts_update on public.contacts for update to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales,support}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales,support}')));
create policy contacts_delete on public.contacts for delete to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager}')));

create policy addresses_select on public.addresses for select to authenticated
  using (org_id in (select private.user_org_ids()));
create policy addresses_insert on public.addresses for insert to authenticated
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales}')));
create policy addresses_update on public.addresses for update to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales}')));
create policy addresses_delete on public.addresses for delete to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales}')));

-- A merged record is history: only a merge (which sets private.merging for its
-- transaction) may write merged_into.
create function private.guard_merged_into() returns trigger
language plpgsql set search_path = '' as $$
begin
  if new.merged_into is distinct from (case when tg_op = 'UPDATE' then old.merged_into end)
     and coalesce(current_setting('private.merging', true), '') <> 'on' then
    raise exception 'merged_into is set only by merging records' using errcode = '42501';
  end if;
  return new;
end;
$$;
create trigger accounts_guard_merged_into before insert or update on public.accounts
  for each row execute function private.guard_merged_into();
create trigger contacts_guard_merged_into before insert or update on public.contacts
  for each row execute function private.guard_merged_into();

-- Contacts are people: erasing a person anonymises the contacts with their e-mail.
insert into private.personal_data_fields values
  ('contacts', 'email', 'email', '{"first_name": "Erased", "last_name": null, "email": null, "phone": null, "mobile": null, "notes": null}');

alter publication supabase_realtime add table public.accounts, public.contacts;
