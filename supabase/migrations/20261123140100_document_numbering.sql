-- Gapless document numbers per organisation, document type and fiscal year
-- (DESIGN.md invariant 5), e.g. PO-2026-00042. A number is taken inside the
-- transaction that confirms or posts the document: the counter row stays locked until
-- commit, so concurrent postings queue for it, and a rolled-back posting gives its
-- number back. Drafts have no number.

create table private.document_sequences (
  org_id uuid not null references public.organizations (id) on delete cascade,
  doc_type text not null check (doc_type ~ '^[A-Z]{2,5}$'),
  fiscal_year int not null,
  last_number int not null default 0 check (last_number >= 0),
  primary key (org_id, doc_type, fiscal_year)
);

-- The fiscal year a date falls in, named by the calendar year it starts in (with a
-- January start, simply the calendar year).
create function private.fiscal_year(p_org_id uuid, p_date date) returns int
language sql stable security definer set search_path = '' as $$
  select case when extract(month from p_date) >= o.fiscal_year_start_month
              then extract(year from p_date)::int else extract(year from p_date)::int - 1 end
  from public.organizations o where o.id = p_org_id
$$;

create function private.next_document_number(p_org_id uuid, p_doc_type text, p_date date default current_date)
returns text
language plpgsql security definer set search_path = '' as $$
declare
  v_year int := private.fiscal_year(p_org_id, p_date);
  v_next int;
begin
  if v_year is null then
    raise exception 'Organisation not found' using errcode = 'P0002';
  end if;
  insert into private.document_sequences as s (org_id, doc_type, fiscal_year, last_number)
  values (p_org_id, p_doc_type, v_year, 1)
  on conflict (org_id, doc_type, fiscal_year) do update set last_number = s.last_number + 1
  returning last_number into v_next;
  return format('%s-%s-%s', p_doc_type, v_year, lpad(v_next::text, 5, '0'));
end;
$$;

revoke all on function private.fiscal_year(uuid, date), private.next_document_number(uuid, text, date) from public;
grant execute on function private.fiscal_year(uuid, date) to authenticated, service_role;

-- Gives a number back, which is only allowed for the last one taken in its series
-- (e.g. a document confirmed by mistake and cancelled at once); true when released.
create function private.release_document_number(p_org_id uuid, p_number text) returns boolean
language plpgsql security definer set search_path = '' as $$
declare
  v_parts text[] := regexp_match(p_number, '^([A-Z]{2,5})-(\d{4})-(\d+)$');
begin
  if v_parts is null then
    raise exception 'Not a document number: %', p_number using errcode = '22023';
  end if;
  update private.document_sequences s set last_number = s.last_number - 1
  where s.org_id = p_org_id and s.doc_type = v_parts[1] and s.fiscal_year = v_parts[2]::int
    and s.last_number = v_parts[3]::int;
  return found;
end;
$$;
revoke all on function private.release_document_number(uuid, text) from public;
