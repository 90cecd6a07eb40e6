-- A bill of materials and its lines saved in one transaction. Saved line by line through REST, a
-- line the database refuses (a loop, a service as a component) left the lines before it saved
-- and the ones after it not: the BOM on screen and the one stored differed. save_bom writes the
-- header, removes the lines left out, updates and adds the rest in order, then makes the BOM the
-- default if asked, so a refusal anywhere leaves the stored BOM exactly as it was.
--
--   p_bom     { product_id, name, output_quantity, is_active, is_default, notes, version? }
--   p_lines   [{ id?, product_id, quantity, scrap_pct, notes? }, ...] in position order
--   p_bom_id  left out to create a BOM, else the one to change
-- Returns the BOM's id. Security invoker: the boms/bom_lines policies decide who may write.
create function public.save_bom(p_org_id uuid, p_bom jsonb, p_lines jsonb, p_bom_id uuid default null)
returns uuid
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_id uuid := p_bom_id;
  v_default boolean := coalesce((p_bom ->> 'is_default')::boolean, false);
  v_line jsonb;
  v_position int;
begin
  if jsonb_typeof(p_bom) is distinct from 'object' then
    raise exception 'The bill of materials must be an object' using errcode = '22023';
  end if;
  if jsonb_typeof(p_lines) is distinct from 'array' then
    raise exception 'The lines must be a list' using errcode = '22023';
  end if;
  if v_id is null then
    insert into public.boms (org_id, product_id, name, output_quantity, is_active, is_default, notes, version)
    values (p_org_id, (p_bom ->> 'product_id')::uuid, p_bom ->> 'name',
      coalesce((p_bom ->> 'output_quantity')::numeric, 1), coalesce((p_bom ->> 'is_active')::boolean, true), false,
      p_bom ->> 'notes', coalesce((p_bom ->> 'version')::int, 0))
    returning id into v_id;
  else
    update public.boms b
    set product_id = (p_bom ->> 'product_id')::uuid,
      name = p_bom ->> 'name',
      output_quantity = coalesce((p_bom ->> 'output_quantity')::numeric, b.output_quantity),
      is_active = coalesce((p_bom ->> 'is_active')::boolean, b.is_active),
      notes = p_bom ->> 'notes',
      version = coalesce((p_bom ->> 'version')::int, b.version),
      -- Made the default only once its lines are in (below); unmarked at once when asked.
      is_default = b.is_default and v_default
    where b.org_id = p_org_id and b.id = v_id;
    if not found then
      raise exception 'Bill of materials not found' using errcode = 'P0002';
    end if;
  end if;

  delete from public.bom_lines l
  where l.org_id = p_org_id and l.bom_id = v_id
    and l.id not in (select (e ->> 'id')::uuid from jsonb_array_elements(p_lines) e where e ->> 'id' is not null);

  for v_line, v_position in
    select e, (t.ord - 1)::int from jsonb_array_elements(p_lines) with ordinality as t(e, ord)
  loop
    if v_line ->> 'id' is not null then
      update public.bom_lines l
      set product_id = (v_line ->> 'product_id')::uuid, quantity = (v_line ->> 'quantity')::numeric,
        scrap_pct = coalesce((v_line ->> 'scrap_pct')::numeric, 0), notes = v_line ->> 'notes', position = v_position
      where l.org_id = p_org_id and l.bom_id = v_id and l.id = (v_line ->> 'id')::uuid;
      if not found then
        raise exception 'Line % is not on this bill of materials', v_line ->> 'id' using errcode = 'P0002';
      end if;
    else
      insert into public.bom_lines (org_id, bom_id, position, product_id, quantity, scrap_pct, notes)
      values (p_org_id, v_id, v_position, (v_line ->> 'product_id')::uuid, (v_line ->> 'quantity')::numeric,
        coalesce((v_line ->> 'scrap_pct')::numeric, 0), v_line ->> 'notes');
    end if;
  end loop;

  if v_default then
    update public.boms b set is_default = true where b.org_id = p_org_id and b.id = v_id and not b.is_default;
  end if;
  return v_id;
end;
$$;

revoke execute on function public.save_bom(uuid, jsonb, jsonb, uuid) from public, anon;
grant execute on function public.save_bom(uuid, jsonb, jsonb, uuid) to authenticated;
