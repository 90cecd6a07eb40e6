// Accounting figures (issue 9) against the real local stack with the demo data, through
// supabase-js as the app calls them (REST RPCs under RLS, as the demo accountant):
//  - trial balance, profit and loss and balance sheet over 1M journal lines in one org (plus
//    100k in a second org), median and p95 of 10 calls each (budget ≤ 300 ms, DESIGN.md
//    section 5: they read the daily balances, not the lines);
//  - the general ledger of the busiest account over a year: the first page and a page deep in the
//    year (the daily balances find the page's days; only those days' lines are read).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import WebSocket from 'ws';
import { createClient } from '@supabase/supabase-js';
import type { BenchRow } from './run.ts';
import { startStack } from '../stack/stack.ts';
import { freePort } from '../tests/helpers/ports.ts';

const NORTHWIND = 'aaaaaaaa-0000-4000-8000-000000000001';
const LINES = 1_000_000;
const OTHER_LINES = 100_000;
const CALLS = 10;

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

/**
 * Posted, balanced entries of four lines each (two debits, two credits of the same two amounts)
 * over 2024–2026, on the org's whole chart. The journal's per-row triggers (posting guard,
 * audit log, balance check at commit) are switched off for the load: the entries balance by
 * construction, and 1M audit rows would only measure the audit log. The daily-balance trigger
 * stays ON: it is a statement trigger, so the one INSERT of all the lines fills
 * gl_daily_balances exactly as postings do (checked against the lines below).
 */
export async function seedJournal(db: pg.Client, orgId: string, lines: number, tag: string) {
  const entries = lines / 4;
  await db.query(`create temp table bench_entries on commit drop as
    select n, gen_random_uuid() as id, date '2024-01-01' + ((n * 7919) % 1096) as day,
      (1 + (n * 37) % 250000) / 100.0 as x, (1 + (n * 53) % 90000) / 100.0 as y
    from generate_series(1, ${entries}) n`);
  await db.query(
    `insert into public.journal_entries (id, org_id, number, entry_date, description, status, source_type, posted_at)
     select e.id, $1, format('JE-%s-%s', $2::text, e.n), e.day, format('Bench entry %s', e.n), 'posted', 'manual', now()
     from bench_entries e`,
    [orgId, tag],
  );
  await db.query(
    `insert into public.journal_lines (org_id, entry_id, gl_account_id, debit, credit, description)
     select $1, e.id, a.ids[1 + (e.n * (j + 3) + j * 5) % array_length(a.ids, 1)],
       case j when 0 then e.x when 1 then e.y else 0 end, case j when 2 then e.x when 3 then e.y else 0 end,
       case when j = 0 then format('Line of entry %s', e.n) end
     from bench_entries e
     cross join generate_series(0, 3) j
     cross join (select array_agg(id order by code) as ids from public.gl_accounts where org_id = $1) a`,
    [orgId],
  );
}

export default async function run(): Promise<BenchRow[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerline-bench-accounting-'));
  fs.chmodSync(dataDir, 0o777);
  const stack = await startStack({
    dataDir,
    port: await freePort(),
    dbPort: await freePort(),
    mailPort: await freePort(),
    smtpPort: await freePort(),
    seedEnabled: true,
  });
  const db = new pg.Client({ connectionString: stack.config.adminDbUrl });
  await db.connect();
  try {
    const globex = (await db.query<{ id: string }>(`select id from public.organizations where slug = 'globex'`))
      .rows[0]!.id;
    const seedStarted = performance.now();
    const triggers = {
      journal_entries: ['journal_entries_guard', 'journal_entries_audit', 'journal_entries_balanced'],
      journal_lines: ['journal_lines_guard', 'journal_lines_audit', 'journal_lines_balanced'],
    };
    for (const [table, names] of Object.entries(triggers))
      for (const t of names) await db.query(`alter table public.${table} disable trigger ${t}`);
    try {
      await db.query('begin');
      await seedJournal(db, NORTHWIND, LINES, 'BENCH');
      await db.query('commit');
      await db.query('begin');
      await seedJournal(db, globex, OTHER_LINES, 'BENCH');
      await db.query('commit');
    } finally {
      for (const [table, names] of Object.entries(triggers))
        for (const t of names) await db.query(`alter table public.${table} enable trigger ${t}`);
    }
    await db.query(`analyze public.journal_entries, public.journal_lines, public.gl_daily_balances`);
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    const [counts] = (
      await db.query<{ lines: number; entries: number; days: number; mismatches: number }>(
        `select (select count(*)::int from public.journal_lines where org_id = $1) as lines,
           (select count(*)::int from public.journal_entries where org_id = $1 and status = 'posted') as entries,
           (select count(*)::int from public.gl_daily_balances where org_id = $1) as days,
           (select count(*)::int from (
              (select l.gl_account_id, e.entry_date, sum(l.debit), sum(l.credit), count(*)::int
               from public.journal_lines l join public.journal_entries e on e.id = l.entry_id
               where l.org_id = $1 and e.status = 'posted' group by 1, 2)
              except
              (select gl_account_id, day, debit, credit, line_count from public.gl_daily_balances where org_id = $1)) d)
             as mismatches`,
        [NORTHWIND],
      )
    ).rows as [{ lines: number; entries: number; days: number; mismatches: number }];
    if (counts.mismatches !== 0)
      throw new Error(`gl_daily_balances differs from the lines in ${counts.mismatches} rows`);
    const allLines = (await db.query<{ n: number }>(`select count(*)::int as n from public.journal_lines`)).rows[0]!.n;

    const accountant = createClient(stack.config.apiUrl, stack.config.anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      realtime: { transport: WebSocket as never },
    });
    const { error: signInError } = await accountant.auth.signInWithPassword({
      email: 'accountant@northwind.test',
      password: 'ledgerline-demo',
    });
    if (signInError) throw signInError;

    const time = async (fn: string, args: Record<string, unknown>) => {
      const times: number[] = [];
      for (let i = 0; i <= CALLS; i++) {
        const started = performance.now();
        const { data, error } = await accountant.rpc(fn as never, args as never);
        if (error) throw new Error(`${fn}: ${error.message}`);
        if (!data) throw new Error(`${fn}: no data`);
        if (i > 0) times.push(performance.now() - started); // the first call warms the connection
      }
      return { p50: pct(times, 50), p95: pct(times, 95) };
    };
    const range = { p_org_id: NORTHWIND, p_from: '2026-01-01', p_to: '2026-12-31' };
    const tb = await time('trial_balance', range);
    const pl = await time('profit_and_loss', range);
    const bs = await time('balance_sheet', { p_org_id: NORTHWIND, p_as_of: '2026-06-30' });
    const busiest = (
      await db.query<{ id: string; n: number }>(
        `select gl_account_id as id, count(*)::int as n from public.journal_lines l join public.journal_entries e on e.id = l.entry_id
         where l.org_id = $1 and e.entry_date between '2026-01-01' and '2026-12-31' group by 1 order by 2 desc limit 1`,
        [NORTHWIND],
      )
    ).rows[0]!;
    const gl = await time('general_ledger', { ...range, p_gl_account_id: busiest.id, p_limit: 100, p_offset: 0 });
    const deepOffset = Math.floor(busiest.n / 200) * 100; // a page half-way through the year
    const glDeep = await time('general_ledger', {
      ...range,
      p_gl_account_id: busiest.id,
      p_limit: 100,
      p_offset: deepOffset,
    });

    const rows = `${counts.lines.toLocaleString('en')} journal lines (${counts.entries.toLocaleString('en')} posted entries, ${counts.days.toLocaleString('en')} daily balances) in the org, ${allLines.toLocaleString('en')} in all; REST as the accountant`;
    return [
      {
        metric: 'trial balance over a year, median',
        value: tb.p50,
        unit: 'ms',
        budget: '≤ 300 ms',
        note: `p95 ${tb.p95.toFixed(1)} ms; ${rows}`,
      },
      {
        metric: 'profit and loss over a year, median',
        value: pl.p50,
        unit: 'ms',
        budget: '≤ 300 ms',
        note: `p95 ${pl.p95.toFixed(1)} ms`,
      },
      {
        metric: 'balance sheet as of a date, median',
        value: bs.p50,
        unit: 'ms',
        budget: '≤ 300 ms',
        note: `p95 ${bs.p95.toFixed(1)} ms`,
      },
      {
        metric: 'general ledger of the busiest account over a year, first 100 lines, median',
        value: gl.p50,
        unit: 'ms',
        note: `p95 ${gl.p95.toFixed(1)} ms; ${busiest.n.toLocaleString('en')} lines of the account in the range`,
      },
      {
        metric: 'same, the page at line ' + (deepOffset + 1).toLocaleString('en') + ', median',
        value: glDeep.p50,
        unit: 'ms',
        note: `p95 ${glDeep.p95.toFixed(1)} ms; running balance carried from the daily balances`,
      },
      {
        metric: 'seeding 1.1M journal lines (daily-balance trigger on)',
        value: seedSeconds,
        unit: 's',
        note: 'one INSERT per org; per-row guard/audit/balance triggers off for the load',
      },
    ];
  } finally {
    await db.end();
    await stack.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
