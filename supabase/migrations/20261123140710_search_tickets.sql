-- Tickets join the command palette's search: a generated tsvector over number,
-- subject and tags, a trigram index for typos, and one more branch in search_records().

alter table public.tickets add column search_vector tsvector generated always as (
  setweight(to_tsvector('simple'::regconfig, coalesce(subject, '')), 'A')
  || setweight(to_tsvector('simple'::regconfig, private.tags_text(tags)), 'C')
) stored;
create index tickets_search_idx on public.tickets using gin (search_vector);
create index tickets_number_idx on public.tickets (org_id, number text_pattern_ops);
create index tickets_subject_trgm_idx on public.tickets using gin (subject extensions.gin_trgm_ops);

create or replace function public.search_records(p_org_id uuid, p_query text, p_limit int default 20)
returns table (kind text, id uuid, title text, subtitle text, score real)
language plpgsql stable security invoker set search_path = '' as $$
declare
  v_q tsquery := private.prefix_tsquery(p_query);
  v_text text := btrim(coalesce(p_query, ''));
  v_number text := replace(replace(upper(btrim(coalesce(p_query, ''))), '%', ''), '_', '\_') || '%';
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
    union all
    select 'ticket', t.id, t.number || ' ' || t.subject,
      concat_ws(' · ', t.status::text, t.priority::text),
      (case when t.number ilike v_number then 3
            when t.search_vector @@ v_q then 1 + ts_rank(t.search_vector, v_q)
            else extensions.word_similarity(v_text, t.subject) end)::real
    from public.tickets t
    where t.org_id = p_org_id and t.archived_at is null
      -- A ticket number (or its start) finds the ticket directly.
      and (t.number ilike v_number or t.search_vector @@ v_q or v_text operator(extensions.<%) t.subject)
  ) r
  order by r.score desc, r.title
  limit least(greatest(coalesce(p_limit, 20), 1), 100);
end;
$$;
