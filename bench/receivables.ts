// Receivables figures (issue 9): AR aging over a ledger of 1M journal lines, through
// supabase-js as the accountant calls it (REST RPC under RLS), budget ≤ 300 ms.
//
// The data set: 2,000 customers, 200,000 posted invoices over two years (each with its
// journal entry: receivable, two income lines, tax = 4 lines), 150,000 of them paid in
// full by a payment each (bank and receivable = 2 lines), some of the rest partly paid.
// That is 200k × 4 + 150k × 2 + partials ≈ 1.1M journal lines. It is bulk-loaded in SQL
// with the guards' session flag on and row triggers off (session_replication_role =
// replica): the documents are built consistent by construction (totals, amount_paid and
// allocations agree, allocations carry their document's and payment's dates), which the audit
// and the per-row checks would only slow down.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import WebSocket from 'ws';
import { createClient } from '@supabase/supabase-js';
import type { BenchRow } from './run.ts';
import { startStack } from '../stack/stack.ts';
import { freePort } from '../tests/helpers/ports.ts';

const ORG = 'aaaaaaaa-0000-4000-8000-000000000001';
const CUSTOMERS = 2_000;
const INVOICES = 200_000;
const PAID = 150_000;
const CALLS = 15;

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

export default async function run(): Promise<BenchRow[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerline-bench-receivables-'));
  fs.chmodSync(dataDir, 0o777);
  const stack = await startStack({
    dataDir,
    port: await freePort(),
    dbPort: await freePort(),
    mailPort: await freePort(),
    smtpPort: await freePort(),
    seedEnabled: true,
    log: () => undefined,
  });
  const db = new pg.Client({ connectionString: stack.config.adminDbUrl });
  await db.connect();
  try {
    const loadStarted = performance.now();
    await db.query(`set session_replication_role = replica`);
    await db.query(`select set_config('private.posting', 'on', false)`);
    await db.query(
      `insert into public.accounts (id, org_id, name)
       select ('d1000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, $1, 'Bench customer ' || n
       from generate_series(1, ${CUSTOMERS}) n`,
      [ORG],
    );
    const { rows: roles } = await db.query<{ role: string; id: string }>(
      `select role, id from public.gl_accounts where org_id = $1 and role in ('receivable', 'sales', 'service_sales', 'tax_payable', 'bank')`,
      [ORG],
    );
    const gl = Object.fromEntries(roles.map((r) => [r.role, r.id])) as Record<string, string>;
    // Invoices: net 100–1,099.00, 10 % tax, dated over the last two years, 30 days terms.
    await db.query(
      `create temporary table bench_invoices as
       select n, gen_random_uuid() as id, gen_random_uuid() as entry_id,
         ('d1000000-0000-4000-8000-' || lpad((1 + n % ${CUSTOMERS})::text, 12, '0'))::uuid as account_id,
         current_date - (n % 730) as invoice_date, round(100 + (n * 7919 % 100000) / 100.0, 2) as net
       from generate_series(1, ${INVOICES}) n`,
    );
    await db.query(
      `insert into public.journal_entries (id, org_id, number, entry_date, description, status, source_type, source_id, posted_at)
       select entry_id, $1, 'JE-B-' || n, invoice_date, 'Invoice B-' || n, 'posted', 'invoices', id, now() from bench_invoices`,
      [ORG],
    );
    await db.query(
      `insert into public.invoices (id, org_id, number, kind, account_id, status, invoice_date, due_date, currency,
         subtotal, tax_total, total, amount_paid, journal_entry_id, posted_at)
       select id, $1, 'INV-B-' || lpad(n::text, 7, '0'), 'invoice', account_id, 'posted', invoice_date, invoice_date + 30, 'USD',
         net, round(net * 0.1, 2), net + round(net * 0.1, 2),
         case when n <= ${PAID} then net + round(net * 0.1, 2) when n % 4 = 0 then round(net / 2, 2) else 0 end,
         entry_id, now()
       from bench_invoices`,
      [ORG],
    );
    await db.query(
      `insert into public.journal_lines (org_id, entry_id, gl_account_id, debit, credit, partner_id)
       select $1, i.entry_id, l.account, l.debit, l.credit, l.partner
       from bench_invoices i
       cross join lateral (values
         ($2::uuid, i.net + round(i.net * 0.1, 2), 0::numeric, i.account_id),
         ($3::uuid, 0, round(i.net * 0.6, 2), null::uuid),
         ($4::uuid, 0, i.net - round(i.net * 0.6, 2), null::uuid),
         ($5::uuid, 0, round(i.net * 0.1, 2), null::uuid)) as l(account, debit, credit, partner)`,
      [ORG, gl.receivable, gl.sales, gl.service_sales, gl.tax_payable],
    );
    // Payments: one per paid (or partly paid) invoice, 1–40 days after it, with its entry.
    await db.query(
      `create temporary table bench_payments as
       select i.n, i.id as invoice_id, i.account_id, gen_random_uuid() as id, gen_random_uuid() as entry_id,
         least(current_date, i.invoice_date + 1 + i.n % 40) as payment_date, v.amount_paid as amount
       from bench_invoices i join public.invoices v on v.id = i.id where v.amount_paid > 0`,
    );
    await db.query(
      `insert into public.journal_entries (id, org_id, number, entry_date, description, status, source_type, source_id, posted_at)
       select entry_id, $1, 'JE-BP-' || n, payment_date, 'Payment BP-' || n, 'posted', 'payments', id, now() from bench_payments`,
      [ORG],
    );
    await db.query(
      `insert into public.payments (id, org_id, number, direction, account_id, gl_account_id, payment_date, currency, amount,
         allocated_amount, journal_entry_id)
       select id, $1, 'RCPT-B-' || lpad(n::text, 7, '0'), 'incoming', account_id, $2, payment_date, 'USD', amount, amount, entry_id
       from bench_payments`,
      [ORG, gl.bank],
    );
    await db.query(
      `insert into public.payment_allocations (org_id, payment_id, invoice_id, amount, allocated_on, document_date, payment_date)
       select $1, p.id, p.invoice_id, p.amount, p.payment_date, i.invoice_date, p.payment_date
       from bench_payments p join bench_invoices i on i.id = p.invoice_id`,
      [ORG],
    );
    await db.query(
      `insert into public.journal_lines (org_id, entry_id, gl_account_id, debit, credit, partner_id)
       select $1, p.entry_id, l.account, l.debit, l.credit, l.partner
       from bench_payments p
       cross join lateral (values ($2::uuid, p.amount, 0::numeric, null::uuid), ($3::uuid, 0, p.amount, p.account_id))
         as l(account, debit, credit, partner)`,
      [ORG, gl.bank, gl.receivable],
    );
    await db.query(`set session_replication_role = origin`);
    await db.query(
      `analyze public.invoices; analyze public.payments; analyze public.payment_allocations; analyze public.journal_lines`,
    );
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const [counts] = (
      await db.query<{ lines: string; invoices: string; open: string; payments: string }>(
        `select (select count(*) from public.journal_lines where org_id = $1) as lines,
                (select count(*) from public.invoices where org_id = $1) as invoices,
                (select count(*) from public.invoices where org_id = $1 and status = 'posted' and amount_paid < total) as open,
                (select count(*) from public.payments where org_id = $1) as payments`,
        [ORG],
      )
    ).rows as [{ lines: string; invoices: string; open: string; payments: string }];

    const accountant = createClient(stack.config.apiUrl, stack.config.anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      realtime: { transport: WebSocket as never },
    });
    const { error: signInError } = await accountant.auth.signInWithPassword({
      email: 'accountant@northwind.test',
      password: 'ledgerline-demo',
    });
    if (signInError) throw signInError;
    const time = async (asOf: string | undefined) => {
      const latencies: number[] = [];
      let customers = 0;
      for (let i = 0; i < CALLS + 2; i++) {
        const started = performance.now();
        const { data, error } = await accountant.rpc(
          'ar_aging',
          asOf ? { p_org_id: ORG, p_as_of: asOf } : { p_org_id: ORG },
        );
        if (error) throw new Error(error.message);
        if (i >= 2) latencies.push(performance.now() - started);
        customers = (data as unknown[]).length;
      }
      return { latencies, customers };
    };
    const today = await time(undefined);
    const halfYearAgo = new Date(Date.now() - 182 * 86_400_000).toISOString().slice(0, 10);
    const past = await time(halfYearAgo);
    await accountant.auth.signOut();

    const sizes = `${Number(counts.lines).toLocaleString('en')} journal lines, ${Number(counts.invoices).toLocaleString('en')} invoices (${Number(counts.open).toLocaleString('en')} open), ${Number(counts.payments).toLocaleString('en')} payments; loaded in ${loadSeconds.toFixed(0)} s`;
    return [
      {
        metric: 'AR aging as of today, median',
        value: pct(today.latencies, 50),
        unit: 'ms',
        budget: '≤ 300 ms',
        note: `p95 ${Math.round(pct(today.latencies, 95))} ms; ${today.customers} customers owing; ${sizes}`,
      },
      {
        metric: 'AR aging as of six months ago, median',
        value: pct(past.latencies, 50),
        unit: 'ms',
        budget: '≤ 300 ms',
        note: `p95 ${Math.round(pct(past.latencies, 95))} ms; ${past.customers} customers owing then (documents settled since count as open)`,
      },
    ];
  } finally {
    await db.end();
    await stack.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
