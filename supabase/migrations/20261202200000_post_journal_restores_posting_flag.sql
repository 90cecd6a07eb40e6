-- private.post_journal() gives the caller back its own private.posting flag instead of
-- turning it off. Documents post their journal entry in the middle of their own posting
-- (delivery, invoice, payment, receipt, bill, return) and then still write their own rows,
-- which the guards allow only with the flag on; each caller had to switch it on again (or
-- go through post_journal_nested). The mechanism now does it once for every caller.

create or replace function private.post_journal(p_org_id uuid, p_date date, p_description text, p_source_type text, p_source_id uuid,
  p_lines jsonb, p_reversal_of uuid default null)
returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  v_entry uuid;
  v_line jsonb;
  v_debit numeric;
  v_credit numeric;
  v_posting text := coalesce(current_setting('private.posting', true), '');
begin
  perform private.check_period_open(p_org_id, p_date);
  perform set_config('private.posting', 'on', true);
  insert into public.journal_entries (org_id, entry_date, description, status, source_type, source_id, reversal_of,
    number, posted_at, posted_by)
  values (p_org_id, p_date, p_description, 'posted', p_source_type, p_source_id, p_reversal_of,
    private.next_document_number(p_org_id, 'JE', p_date), now(), (select auth.uid()))
  returning id into v_entry;
  for v_line in select * from jsonb_array_elements(p_lines) loop
    v_debit := round(coalesce((v_line ->> 'debit')::numeric, 0), 2);
    v_credit := round(coalesce((v_line ->> 'credit')::numeric, 0), 2);
    -- A negative amount flips sides (e.g. a gain instead of a loss).
    if v_debit < 0 then v_credit := v_credit - v_debit; v_debit := 0; end if;
    if v_credit < 0 then v_debit := v_debit - v_credit; v_credit := 0; end if;
    if v_debit = v_credit then
      continue;
    end if;
    insert into public.journal_lines (org_id, entry_id, gl_account_id, debit, credit, currency, amount_currency, partner_id, description)
    values (p_org_id, v_entry,
      coalesce((v_line ->> 'gl_account_id')::uuid, private.gl_account(p_org_id, v_line ->> 'account_role')),
      greatest(v_debit - v_credit, 0), greatest(v_credit - v_debit, 0),
      v_line ->> 'currency', (v_line ->> 'amount_currency')::numeric, (v_line ->> 'partner_id')::uuid, v_line ->> 'description');
  end loop;
  perform set_config('private.posting', v_posting, true);
  return v_entry;
end;
$$;

-- Kept for the trigger functions that call it; post_journal itself now restores the flag.
create or replace function private.post_journal_nested(p_org_id uuid, p_date date, p_description text,
  p_source_type text, p_source_id uuid, p_lines jsonb) returns uuid
language sql security definer set search_path = '' as $$
  select private.post_journal(p_org_id, p_date, p_description, p_source_type, p_source_id, p_lines)
$$;
