-- General-ledger reports: trial balance, profit and loss, balance sheet and the general ledger
-- of one account (DESIGN.md section 2 "Finance": owners, admins and accountants, managers and
-- viewers read them; every other role is refused, and another org is "not found").
--
-- They must stay fast over millions of journal lines, so they read gl_daily_balances: one row per
-- account and entry date holding the debits and credits of the posted lines of that day, kept
-- current by triggers (a few rows per account and day instead of every line). Only the general
-- ledger's line listing reads journal_lines, for one account and date range.
--
-- A line counts once its entry is posted. Entries reach "posted" two ways:
--  - private.post_journal() inserts the entry as posted, then its lines: the line trigger adds them;
--  - post_journal_entry() turns a draft (whose lines went in while it was a draft, uncounted) into a
--    posted entry: the entry trigger adds all its lines then.
-- Posted entries and their lines are immutable (guard_journal) except under private.posting, so
-- the line trigger also takes back updated or deleted lines of posted entries, to stay exact.
--
-- Locking: both triggers run inside the posting transaction after the JE number has been taken,
-- i.e. after the (org, fiscal year) document_sequences row is locked. Two postings that touch the
-- same (account, day) row have the same date, hence the same fiscal year and counter row, so they
-- already queue on that lock: the summary adds no new waits and cannot deadlock. Each trigger
-- writes its rows in (account, day) order anyway.

create table public.gl_daily_balances (
  org_id uuid not null references public.organizations (id) on delete cascade,
  gl_account_id uuid not null,
  day date not null,
  debit numeric(20, 2) not null default 0,
  credit numeric(20, 2) not null default 0,
  -- How many posted lines make up the day: the general ledger pages through days, not lines.
  line_count int not null default 0,
  primary key (gl_account_id, day),
  foreign key (org_id, gl_account_id) references public.gl_accounts (org_id, id) on delete cascade
);
alter table public.gl_daily_balances enable row level security;
create index gl_daily_balances_org_day_idx on public.gl_daily_balances (org_id, day);

-- Read like the journal; written only by the triggers below (security definer).
create policy gl_daily_balances_select on public.gl_daily_balances for select to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,accountant,viewer}')));
revoke insert, update, delete, truncate on public.gl_daily_balances from anon, authenticated;

-- journal_lines, per statement (post_journal inserts one line per statement, a bulk load many):
-- new lines of posted entries add, old lines of posted entries subtract. Lines of drafts are
-- ignored here and counted when their entry is posted.
create function private.journal_lines_to_daily() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op in ('INSERT', 'UPDATE') then
    insert into public.gl_daily_balances as b (org_id, gl_account_id, day, debit, credit, line_count)
    select n.org_id, n.gl_account_id, e.entry_date, sum(n.debit), sum(n.credit), count(*)
    from new_lines n join public.journal_entries e on e.id = n.entry_id and e.status = 'posted'
    group by 1, 2, 3
    order by 2, 3
    on conflict (gl_account_id, day) do update
      set debit = b.debit + excluded.debit, credit = b.credit + excluded.credit,
        line_count = b.line_count + excluded.line_count;
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    -- A whole organisation being deleted takes its balances with it: nothing to subtract.
    insert into public.gl_daily_balances as b (org_id, gl_account_id, day, debit, credit, line_count)
    select o.org_id, o.gl_account_id, e.entry_date, -sum(o.debit), -sum(o.credit), -count(*)
    from old_lines o join public.journal_entries e on e.id = o.entry_id and e.status = 'posted'
    where exists (select 1 from public.organizations g where g.id = o.org_id)
    group by 1, 2, 3
    order by 2, 3
    on conflict (gl_account_id, day) do update
      set debit = b.debit + excluded.debit, credit = b.credit + excluded.credit,
        line_count = b.line_count + excluded.line_count;
  end if;
  return null;
end;
$$;
create trigger journal_lines_daily_insert after insert on public.journal_lines
  referencing new table as new_lines for each statement execute function private.journal_lines_to_daily();
create trigger journal_lines_daily_update after update on public.journal_lines
  referencing old table as old_lines new table as new_lines for each statement execute function private.journal_lines_to_daily();
create trigger journal_lines_daily_delete after delete on public.journal_lines
  referencing old table as old_lines for each statement execute function private.journal_lines_to_daily();

-- journal_entries: a draft that becomes posted brings all its lines in (a posted entry never goes
-- back to draft nor changes its date: guard_journal).
create function private.journal_entries_to_daily() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.gl_daily_balances as b (org_id, gl_account_id, day, debit, credit, line_count)
  select l.org_id, l.gl_account_id, n.entry_date, sum(l.debit), sum(l.credit), count(*)
  from new_entries n
  join old_entries o on o.id = n.id and o.status <> 'posted'
  join public.journal_lines l on l.entry_id = n.id
  where n.status = 'posted'
  group by 1, 2, 3
  order by 2, 3
  on conflict (gl_account_id, day) do update
    set debit = b.debit + excluded.debit, credit = b.credit + excluded.credit,
      line_count = b.line_count + excluded.line_count;
  return null;
end;
$$;
create trigger journal_entries_daily_post after update on public.journal_entries
  referencing old table as old_entries new table as new_entries for each statement
  execute function private.journal_entries_to_daily();

-- Backfill from what is already posted.
insert into public.gl_daily_balances (org_id, gl_account_id, day, debit, credit, line_count)
select l.org_id, l.gl_account_id, e.entry_date, sum(l.debit), sum(l.credit), count(*)
from public.journal_lines l join public.journal_entries e on e.id = l.entry_id and e.status = 'posted'
group by 1, 2, 3;

revoke all on function private.journal_lines_to_daily(), private.journal_entries_to_daily() from public;

-- Who reads the books: a non-member gets "not found" (an org they cannot see does not exist for
-- them), a member whose role does not read finance is refused.
create function private.require_finance_reader(p_org_id uuid) returns void
language plpgsql stable security definer set search_path = '' as $$
begin
  if p_org_id is null or not private.is_member(p_org_id) then
    raise exception 'Organisation not found' using errcode = 'P0002';
  end if;
  if not private.has_role(p_org_id, '{owner,admin,manager,accountant,viewer}') then
    raise exception 'Your role may not read the financial reports'
      using errcode = '42501', hint = 'Owners, admins, accountants, managers and viewers read them.';
  end if;
end;
$$;
revoke all on function private.require_finance_reader(uuid) from public;
grant execute on function private.require_finance_reader(uuid) to authenticated, service_role;

create function private.check_report_range(p_from date, p_to date) returns void
language plpgsql immutable set search_path = '' as $$
begin
  if p_from is null or p_to is null then
    raise exception 'Give both a start and an end date' using errcode = '22004';
  end if;
  if p_from > p_to then
    raise exception 'The start date % is after the end date %', p_from, p_to using errcode = '22023';
  end if;
end;
$$;
revoke all on function private.check_report_range(date, date) from public;
grant execute on function private.check_report_range(date, date) to authenticated, service_role;

-- Trial balance: per account with a balance or movements, the opening balance (everything posted
-- before p_from), the period's debits and credits, and the closing balance. Balances are signed,
-- debit positive, and the closing balance is also split into a debit or a credit column. The
-- totals' debits equal their credits (invariant 3), for the period and for the closing balances.
create function public.trial_balance(p_org_id uuid, p_from date, p_to date) returns jsonb
language plpgsql stable security invoker set search_path = '' as $$
declare
  v_result jsonb;
begin
  perform private.require_finance_reader(p_org_id);
  perform private.check_report_range(p_from, p_to);
  with sums as (
    select b.gl_account_id,
      sum(b.debit - b.credit) filter (where b.day < p_from) as opening,
      coalesce(sum(b.debit) filter (where b.day >= p_from), 0) as debit,
      coalesce(sum(b.credit) filter (where b.day >= p_from), 0) as credit
    from public.gl_daily_balances b
    where b.org_id = p_org_id and b.day <= p_to
    group by b.gl_account_id
  ),
  lines as (
    select a.id, a.code, a.name, a.type, coalesce(s.opening, 0) as opening, s.debit, s.credit,
      coalesce(s.opening, 0) + s.debit - s.credit as closing
    from sums s join public.gl_accounts a on a.id = s.gl_account_id
    where coalesce(s.opening, 0) <> 0 or s.debit <> 0 or s.credit <> 0
  )
  select jsonb_build_object(
    'from', p_from, 'to', p_to,
    'lines', coalesce(jsonb_agg(jsonb_build_object(
      'gl_account_id', l.id, 'code', l.code, 'name', l.name, 'type', l.type,
      'opening_balance', l.opening, 'debit', l.debit, 'credit', l.credit, 'closing_balance', l.closing,
      'closing_debit', greatest(l.closing, 0), 'closing_credit', greatest(-l.closing, 0)) order by l.code), '[]'),
    'totals', jsonb_build_object(
      'opening_debit', coalesce(sum(greatest(l.opening, 0)), 0),
      'opening_credit', coalesce(sum(greatest(-l.opening, 0)), 0),
      'debit', coalesce(sum(l.debit), 0), 'credit', coalesce(sum(l.credit), 0),
      'closing_debit', coalesce(sum(greatest(l.closing, 0)), 0),
      'closing_credit', coalesce(sum(greatest(-l.closing, 0)), 0)))
  into v_result
  from lines l;
  return v_result;
end;
$$;

-- Profit and loss over a date range: income accounts (credit − debit) and expense accounts
-- (debit − credit) that moved in the range, their totals and the net profit (income − expenses).
create function public.profit_and_loss(p_org_id uuid, p_from date, p_to date) returns jsonb
language plpgsql stable security invoker set search_path = '' as $$
declare
  v_result jsonb;
begin
  perform private.require_finance_reader(p_org_id);
  perform private.check_report_range(p_from, p_to);
  with lines as (
    select a.id, a.code, a.name, a.type,
      case when a.type = 'income' then sum(b.credit - b.debit) else sum(b.debit - b.credit) end as amount
    from public.gl_daily_balances b join public.gl_accounts a on a.id = b.gl_account_id
    where b.org_id = p_org_id and b.day between p_from and p_to and a.type in ('income', 'expense')
    group by a.id
    having sum(b.debit) <> 0 or sum(b.credit) <> 0
  ),
  totals as (
    select coalesce(sum(l.amount) filter (where l.type = 'income'), 0) as income,
      coalesce(sum(l.amount) filter (where l.type = 'expense'), 0) as expense
    from lines l
  )
  select jsonb_build_object(
    'from', p_from, 'to', p_to,
    'income', coalesce((select jsonb_agg(jsonb_build_object('gl_account_id', l.id, 'code', l.code, 'name', l.name,
      'amount', l.amount) order by l.code) from lines l where l.type = 'income'), '[]'),
    'expenses', coalesce((select jsonb_agg(jsonb_build_object('gl_account_id', l.id, 'code', l.code, 'name', l.name,
      'amount', l.amount) order by l.code) from lines l where l.type = 'expense'), '[]'),
    'totals', jsonb_build_object('income', t.income, 'expenses', t.expense, 'net_profit', t.income - t.expense))
  into v_result
  from totals t;
  return v_result;
end;
$$;

-- Balance sheet at the end of p_as_of: assets (debit − credit), liabilities and equity
-- (credit − debit), where equity also holds the earnings not yet closed into an equity account:
-- income − expenses of the current fiscal year up to the date, and of earlier years (shown apart
-- when not zero). So assets = liabilities + equity always holds.
create function public.balance_sheet(p_org_id uuid, p_as_of date) returns jsonb
language plpgsql stable security invoker set search_path = '' as $$
declare
  v_year_start date;
  v_result jsonb;
begin
  perform private.require_finance_reader(p_org_id);
  if p_as_of is null then
    raise exception 'Give the date of the balance sheet' using errcode = '22004';
  end if;
  select make_date(private.fiscal_year(p_org_id, p_as_of), o.fiscal_year_start_month, 1) into v_year_start
  from public.organizations o where o.id = p_org_id;
  with sums as (
    select b.gl_account_id, sum(b.debit - b.credit) as balance,
      sum(b.debit - b.credit) filter (where b.day < v_year_start) as before_year,
      bool_or(b.debit <> 0 or b.credit <> 0) as moved
    from public.gl_daily_balances b
    where b.org_id = p_org_id and b.day <= p_as_of
    group by b.gl_account_id
  ),
  accounts as (
    select a.id, a.code, a.name, a.type, s.balance, coalesce(s.before_year, 0) as before_year
    from sums s join public.gl_accounts a on a.id = s.gl_account_id
    where s.moved
  ),
  lines as (
    select a.type::text as section, a.id, a.code, a.name,
      case when a.type = 'asset' then a.balance else -a.balance end as amount
    from accounts a where a.type in ('asset', 'liability', 'equity') and a.balance <> 0
    union all
    select 'equity', null, null, 'Earnings of earlier years not closed', -coalesce(sum(a.before_year), 0)
    from accounts a where a.type in ('income', 'expense')
    having coalesce(sum(a.before_year), 0) <> 0
    union all
    select 'equity', null, null, 'Current-year earnings', -coalesce(sum(a.balance - a.before_year), 0)
    from accounts a where a.type in ('income', 'expense')
  ),
  section_lines as (
    select l.section, jsonb_agg(jsonb_build_object('gl_account_id', l.id, 'code', l.code, 'name', l.name,
      'amount', l.amount) order by l.code nulls last, l.name) as items, sum(l.amount) as total
    from lines l group by l.section
  ),
  totals as (
    select coalesce(max(s.total) filter (where s.section = 'asset'), 0) as assets,
      coalesce(max(s.total) filter (where s.section = 'liability'), 0) as liabilities,
      coalesce(max(s.total) filter (where s.section = 'equity'), 0) as equity
    from section_lines s
  )
  select jsonb_build_object(
    'as_of', p_as_of, 'fiscal_year_start', v_year_start,
    'assets', coalesce((select s.items from section_lines s where s.section = 'asset'), '[]'),
    'liabilities', coalesce((select s.items from section_lines s where s.section = 'liability'), '[]'),
    'equity', coalesce((select s.items from section_lines s where s.section = 'equity'), '[]'),
    'totals', jsonb_build_object('assets', t.assets, 'liabilities', t.liabilities, 'equity', t.equity,
      'liabilities_and_equity', t.liabilities + t.equity))
  into v_result
  from totals t;
  return v_result;
end;
$$;

-- The general ledger of one account over a date range: the opening balance, one page of its
-- posted lines in entry order (date, posting, number) each with the running balance after it,
-- and the period's debits, credits and closing balance. Balances are signed, debit positive.
-- The daily balances give the opening balance, the totals, the line count and, for the page, the
-- days it spans and the balance before its first day; only those days' lines are read (an
-- account with thousands of lines a year pages as fast as a quiet one).
create function public.general_ledger(p_org_id uuid, p_gl_account_id uuid, p_from date, p_to date,
  p_limit int default 100, p_offset int default 0)
returns jsonb
language plpgsql stable security invoker set search_path = '' as $$
declare
  v_account public.gl_accounts;
  v_opening numeric;
  v_debit numeric;
  v_credit numeric;
  v_count int;
  v_first date;
  v_last date;
  v_skip int;
  v_balance numeric;
  v_lines jsonb;
begin
  perform private.require_finance_reader(p_org_id);
  perform private.check_report_range(p_from, p_to);
  if p_limit is null or p_limit not between 1 and 1000 or p_offset is null or p_offset < 0 then
    raise exception 'Pages hold 1 to 1000 lines from an offset of 0 or more' using errcode = '22023';
  end if;
  select * into v_account from public.gl_accounts a where a.id = p_gl_account_id and a.org_id = p_org_id;
  if not found then
    raise exception 'Account not found' using errcode = 'P0002';
  end if;
  select coalesce(sum(b.debit - b.credit) filter (where b.day < p_from), 0),
    coalesce(sum(b.debit) filter (where b.day >= p_from), 0),
    coalesce(sum(b.credit) filter (where b.day >= p_from), 0),
    coalesce(sum(b.line_count) filter (where b.day >= p_from), 0)
  into v_opening, v_debit, v_credit, v_count
  from public.gl_daily_balances b
  where b.gl_account_id = p_gl_account_id and b.day <= p_to and b.org_id = p_org_id;

  -- The days holding lines offset+1 .. offset+limit, how many lines of the first one come before
  -- the page, and the balance before that day.
  with days as (
    select b.day, b.line_count, b.debit - b.credit as net,
      coalesce(sum(b.line_count) over w, 0) as lines_before, coalesce(sum(b.debit - b.credit) over w, 0) as net_before
    from public.gl_daily_balances b
    where b.gl_account_id = p_gl_account_id and b.org_id = p_org_id and b.day between p_from and p_to
      and b.line_count > 0
    window w as (order by b.day rows between unbounded preceding and 1 preceding)
  ),
  page_days as (
    select * from days d
    where d.lines_before < p_offset + p_limit and d.lines_before + d.line_count > p_offset
  )
  select min(d.day), max(d.day), p_offset - min(d.lines_before), v_opening + (array_agg(d.net_before order by d.day))[1]
  into v_first, v_last, v_skip, v_balance
  from page_days d;

  if v_first is not null then
    -- EXECUTE: planned with the actual days and account, so a busy account's few days are read
    -- through the entries' date index and a quiet account's lines through its own index.
    execute $q$
      with range as (
        select l.id, l.entry_id, e.number, e.entry_date, coalesce(l.description, e.description) as description,
          l.partner_id, l.debit, l.credit, e.posted_at
        from public.journal_entries e join public.journal_lines l on l.entry_id = e.id
        where e.org_id = $1 and e.entry_date between $3 and $4 and e.status = 'posted'
          and l.org_id = $1 and l.gl_account_id = $2
      ),
      running as (
        select r.*, $5 + sum(r.debit - r.credit) over w as balance, row_number() over w as n
        from range r
        window w as (order by r.entry_date, r.posted_at, r.number, r.id rows between unbounded preceding and current row)
      ),
      page as (
        select * from running r order by r.n offset $6 limit $7
      )
      select coalesce(jsonb_agg(jsonb_build_object('line_id', p.id, 'entry_id', p.entry_id, 'entry_number', p.number,
        'entry_date', p.entry_date, 'description', p.description, 'partner_id', p.partner_id,
        'partner_name', (select c.name from public.accounts c where c.id = p.partner_id),
        'debit', p.debit, 'credit', p.credit, 'balance', p.balance) order by p.n), '[]')
      from page p
    $q$ into v_lines using p_org_id, p_gl_account_id, v_first, v_last, v_balance, v_skip, p_limit;
  end if;

  return jsonb_build_object(
    'account', jsonb_build_object('id', v_account.id, 'code', v_account.code, 'name', v_account.name,
      'type', v_account.type),
    'from', p_from, 'to', p_to, 'limit', p_limit, 'offset', p_offset, 'line_count', v_count,
    'opening_balance', v_opening, 'debit', v_debit, 'credit', v_credit,
    'closing_balance', v_opening + v_debit - v_credit,
    'lines', coalesce(v_lines, '[]'));
end;
$$;

revoke execute on function public.trial_balance(uuid, date, date), public.profit_and_loss(uuid, date, date),
  public.balance_sheet(uuid, date), public.general_ledger(uuid, uuid, date, date, int, int) from public, anon;
grant execute on function public.trial_balance(uuid, date, date), public.profit_and_loss(uuid, date, date),
  public.balance_sheet(uuid, date), public.general_ledger(uuid, uuid, date, date, int, int) to authenticated;
