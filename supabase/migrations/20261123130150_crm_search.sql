-- One search over the CRM's records for the command palette: Postgres full-text
-- (prefix matches on every word) ranked first, with a trigram fallback for typos and
-- fragments. Each searchable table carries a generated tsvector; search_records()
-- unions them under the caller's RLS. Later tables (tickets) join the union by
-- replacing the function.

-- array_to_string is only stable (it is polymorphic); for text[] it is immutable, which
-- generated columns need.
create function private.tags_text(p_tags text[]) returns text
language sql immutable parallel safe set search_path = '' as $$
  select coalesce(array_to_string(p_tags, ' '), '')
$$;
grant execute on function private.tags_text(text[]) to authenticated, service_role;

-- The address itself plus its parts ("wile@acme-widgets.test" is found by "acme" too).
create function private.email_words(p_email text) returns text
language sql immutable parallel safe set search_path = '' as $$
  select coalesce(p_email || ' ' || translate(p_email, '@.', '  '), '')
$$;
grant execute on function private.email_words(text) to authenticated, service_role;

alter table public.accounts add column search_vector tsvector generated always as (
  setweight(to_tsvector('simple'::regconfig, coalesce(name, '')), 'A')
  || setweight(to_tsvector('simple'::regconfig, private.email_words(email) || ' ' || private.email_words(domain) || ' ' || coalesce(phone, '')), 'B')
  || setweight(to_tsvector('simple'::regconfig, private.tags_text(tags)), 'C')
) stored;
alter table public.contacts add column search_vector tsvector generated always as (
  setweight(to_tsvector('simple'::regconfig, coalesce(first_name, '') || ' ' || coalesce(last_name, '')), 'A')
  || setweight(to_tsvector('simple'::regconfig, private.email_words(email) || ' ' || coalesce(phone, '') || ' ' || coalesce(mobile, '')), 'B')
  || setweight(to_tsvector('simple'::regconfig, coalesce(title, '') || ' ' || private.tags_text(tags)), 'C')
) stored;
alter table public.deals add column search_vector tsvector generated always as (
  setweight(to_tsvector('simple'::regconfig, coalesce(title, '')), 'A')
  || setweight(to_tsvector('simple'::regconfig, private.tags_text(tags)), 'C')
) stored;

create index accounts_search_idx on public.accounts using gin (search_vector);
create index contacts_search_idx on public.contacts using gin (search_vector);
create index deals_search_idx on public.deals using gin (search_vector);
create index accounts_name_trgm_idx on public.accounts using gin (name extensions.gin_trgm_ops);
create index contacts_name_trgm_idx on public.contacts using gin (full_name extensions.gin_trgm_ops);
create index deals_title_trgm_idx on public.deals using gin (title extensions.gin_trgm_ops);

-- "acme wid" → 'acme':* & 'wid':* (every word as a prefix); null when nothing is left.
create function private.prefix_tsquery(p_text text) returns tsquery
language sql immutable parallel safe set search_path = '' as $$
  select nullif(string_agg(quote_literal(w) || ':*', ' & '), '')::tsquery
  from regexp_split_to_table(lower(regexp_replace(coalesce(p_text, ''), '[^[:alnum:]@._-]+', ' ', 'g')), '\s+') w
  where w <> ''
$$;
grant execute on function private.prefix_tsquery(text) to authenticated, service_role;

create function public.search_records(p_org_id uuid, p_query text, p_limit int default 20)
returns table (kind text, id uuid, title text, subtitle text, score real)
language plpgsql stable security invoker set search_path = '' as $$
declare
  v_q tsquery := private.prefix_tsquery(p_query);
  v_text text := btrim(coalesce(p_query, ''));
begin
  if v_q is null or length(v_text) < 2 then
    return;
  end if;
  if length(v_text) > 200 then
    raise exception 'Search text is too long (at most 200 characters)' using errcode = '22023';
  end if;
  return query
  select r.kind, r.id, r.title, r.subtitle, r.score::real from (
    select 'account'::text as kind, a.id, a.name as title,
      concat_ws(' · ', nullif(a.domain, ''), nullif(a.email, '')) as subtitle,
      (case when a.search_vector @@ v_q then 1 + ts_rank(a.search_vector, v_q)
           else extensions.word_similarity(v_text, a.name) end)::real as score
    from public.accounts a
    where a.org_id = p_org_id and a.archived_at is null and a.merged_into is null
      and (a.search_vector @@ v_q or v_text operator(extensions.<%) a.name)
    union all
    select 'contact', c.id, coalesce(c.full_name, c.email),
      concat_ws(' · ', c.title, c.email),
      case when c.search_vector @@ v_q then 1 + ts_rank(c.search_vector, v_q)
           else extensions.word_similarity(v_text, c.full_name) end
    from public.contacts c
    where c.org_id = p_org_id and c.archived_at is null and c.merged_into is null
      and (c.search_vector @@ v_q or v_text operator(extensions.<%) c.full_name)
    union all
    select 'deal', d.id, d.title,
      concat_ws(' · ', d.status::text, d.amount::text || ' ' || d.currency),
      case when d.search_vector @@ v_q then 1 + ts_rank(d.search_vector, v_q)
           else extensions.word_similarity(v_text, d.title) end
    from public.deals d
    where d.org_id = p_org_id and d.archived_at is null
      and (d.search_vector @@ v_q or v_text operator(extensions.<%) d.title)
  ) r
  order by r.score desc, r.title
  limit least(greatest(coalesce(p_limit, 20), 1), 100);
end;
$$;
revoke execute on function public.search_records(uuid, text, int) from public, anon;
grant execute on function public.search_records(uuid, text, int) to authenticated;
