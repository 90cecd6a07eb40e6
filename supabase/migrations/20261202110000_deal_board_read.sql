-- The deal board in one round trip: the pipeline asked for (else the org's default, else its
-- first active one), its stages and every card not archived, as one JSON document. Reading
-- the cards in pages of max-rows meant three sequential requests for 2,000 deals, after the
-- pipelines request; this starts at once and returns everything. Invoker: RLS decides what
-- the caller sees, exactly as a table read would. Cards leave out what all of them share
-- (org, pipeline, not archived); the client puts it back.
create function public.deal_board(p_org_id uuid, p_pipeline_id uuid default null) returns json
language sql stable security invoker set search_path = '' as $$
  with chosen as (
    select pl.id from public.pipelines pl
    where pl.org_id = p_org_id and pl.archived_at is null
    order by pl.id = p_pipeline_id desc nulls last, pl.is_default desc, pl.position, pl.name
    limit 1
  )
  select json_build_object(
    'pipeline_id', c.id,
    'stages', coalesce((
      select json_agg(json_build_object(
          'id', s.id, 'pipeline_id', s.pipeline_id, 'name', s.name, 'position', s.position,
          'probability', s.probability, 'kind', s.kind, 'rotting_days', s.rotting_days)
        order by s.position)
      from public.pipeline_stages s where s.pipeline_id = c.id), '[]'),
    'deals', coalesce((
      select json_agg(json_build_object(
          'id', d.id, 'stage_id', d.stage_id,
          'title', d.title, 'amount', d.amount, 'currency', d.currency, 'probability', d.probability,
          'expected_close_date', d.expected_close_date, 'owner_id', d.owner_id, 'account_id', d.account_id,
          'contact_id', d.contact_id, 'tags', d.tags, 'rank', d.rank, 'version', d.version, 'status', d.status,
          'stage_changed_at', d.stage_changed_at, 'updated_at', d.updated_at,
          'account', case when a.id is not null then json_build_object('name', a.name) end,
          'owner', case when o.id is not null then json_build_object('full_name', o.full_name, 'avatar_path', o.avatar_path) end))
      from public.deals d
      left join public.accounts a on a.id = d.account_id
      left join public.profiles o on o.id = d.owner_id
      where d.org_id = p_org_id and d.pipeline_id = c.id and d.archived_at is null), '[]'))
  from chosen c
$$;
revoke execute on function public.deal_board(uuid, uuid) from public, anon;
grant execute on function public.deal_board(uuid, uuid) to authenticated;
