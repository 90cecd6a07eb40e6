-- An account's type decides which side of the balance sheet or income statement its balance
-- lands on, so it cannot change once entries are posted to it (the reports of closed periods
-- would change under the accountant). Drafts do not count: they are not in any report yet.
create function private.guard_gl_account_type() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.type is distinct from old.type and exists (
    select 1 from public.journal_lines l join public.journal_entries e on e.id = l.entry_id
    where l.org_id = old.org_id and l.gl_account_id = old.id and e.status = 'posted'
  ) then
    raise exception 'Account % has posted entries: its type cannot change from % to %', old.code, old.type, new.type
      using errcode = '23514', hint = 'Open a new account of the right type and move the balance with a journal entry.';
  end if;
  return new;
end;
$$;
revoke all on function private.guard_gl_account_type() from public;
create trigger gl_accounts_type_guard before update of type on public.gl_accounts
  for each row execute function private.guard_gl_account_type();
