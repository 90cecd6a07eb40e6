// RLS matrix lines for accounting (DESIGN.md section 2 "Finance"): owners, admins and
// accountants write the books; managers and viewers read them; exchange rates are read
// by every member (quotes and orders in foreign currencies); currencies are global
// reference data every signed-in user reads and nobody writes. The general ledger's daily
// balances are read like the journal and written only by its triggers.
import { all, insertRow, none, type MatrixEntry } from './entry.ts';

const books = { ...none, owner: 'SIUD', admin: 'SIUD', accountant: 'SIUD', manager: 'S', viewer: 'S' };

export const ACCOUNTING: MatrixEntry[] = [
  {
    table: 'currencies',
    global: true,
    probe: () => ({ code: 'CHF' }),
    insert: () => ({ code: 'XTS', name: 'Testing currency' }),
    update: { name: 'Franc' },
    allow: all('S'),
  },
  {
    table: 'exchange_rates',
    setup: async (ctx) => ({
      id: await insertRow(ctx, 'exchange_rates', {
        org_id: ctx.orgId,
        currency: 'GBP',
        rate_date: '2026-01-01',
        rate: 1.25,
      }),
    }),
    probe: (f, org) => ({ id: f.orgs[org].rows.exchange_rates!.id! }),
    insert: (f, org) => ({ org_id: f.orgs[org].id, currency: 'GBP', rate_date: '2026-01-02', rate: 1.26 }),
    update: { rate: 1.3 },
    allow: { ...all('S'), owner: 'SIUD', admin: 'SIUD', accountant: 'SIUD' },
  },
  {
    table: 'gl_accounts',
    // `id` stays unreferenced (deletable); journal lines below use `lines`.
    setup: async (ctx) => ({
      id: await insertRow(ctx, 'gl_accounts', {
        org_id: ctx.orgId,
        code: '6999',
        name: 'Probe expense',
        type: 'expense',
      }),
      lines: await insertRow(ctx, 'gl_accounts', {
        org_id: ctx.orgId,
        code: '6997',
        name: 'Probe lines',
        type: 'expense',
      }),
    }),
    probe: (f, org) => ({ id: f.orgs[org].rows.gl_accounts!.id! }),
    insert: (f, org) => ({ org_id: f.orgs[org].id, code: '6998', name: 'New expense', type: 'expense' }),
    update: { name: 'Renamed expense' },
    allow: books,
  },
  {
    table: 'fiscal_periods',
    setup: async (ctx) => ({
      id: await insertRow(ctx, 'fiscal_periods', {
        org_id: ctx.orgId,
        name: 'Probe month',
        start_date: '2030-01-01',
        end_date: '2030-01-31',
      }),
    }),
    probe: (f, org) => ({ id: f.orgs[org].rows.fiscal_periods!.id! }),
    insert: (f, org) => ({
      org_id: f.orgs[org].id,
      name: 'Next month',
      start_date: '2030-02-01',
      end_date: '2030-02-28',
    }),
    update: { name: 'January 2030' },
    allow: books,
  },
  {
    table: 'journal_entries',
    // A draft (posted entries are immutable for everyone, tested in accounting-core.test.ts).
    setup: async (ctx) => ({
      id: await insertRow(ctx, 'journal_entries', { org_id: ctx.orgId, description: 'Probe entry' }),
    }),
    probe: (f, org) => ({ id: f.orgs[org].rows.journal_entries!.id! }),
    insert: (f, org) => ({ org_id: f.orgs[org].id, description: 'New entry' }),
    update: { description: 'Edited entry' },
    allow: books,
  },
  {
    table: 'journal_lines',
    setup: async (ctx) => ({
      id: await insertRow(ctx, 'journal_lines', {
        org_id: ctx.orgId,
        entry_id: ctx.rows.journal_entries!.id,
        gl_account_id: ctx.rows.gl_accounts!.lines,
        debit: 10,
      }),
    }),
    probe: (f, org) => ({ id: f.orgs[org].rows.journal_lines!.id! }),
    insert: (f, org) => ({
      org_id: f.orgs[org].id,
      entry_id: f.orgs[org].rows.journal_entries!.id,
      gl_account_id: f.orgs[org].rows.gl_accounts!.lines,
      credit: 10,
    }),
    update: { description: 'Rent' },
    allow: books,
  },
  {
    table: 'gl_daily_balances',
    // Rows come only from posted journal lines (triggers): post one entry, probe its bank row.
    setup: async (ctx) => {
      const [bank] = await ctx.sql<{ id: string }>(
        `select id from public.gl_accounts where org_id = $1 and role = 'bank'`,
        [ctx.orgId],
      );
      await ctx.sql(
        `select private.post_journal($1, '2026-01-15', 'Probe posting', 'manual', null, jsonb_build_array(
           jsonb_build_object('account_role', 'bank', 'debit', 25),
           jsonb_build_object('account_role', 'sales', 'credit', 25)))`,
        [ctx.orgId],
      );
      return { account: bank!.id, day: '2026-01-15' };
    },
    probe: (f, org) => ({
      gl_account_id: f.orgs[org].rows.gl_daily_balances!.account!,
      day: f.orgs[org].rows.gl_daily_balances!.day!,
    }),
    update: { debit: 1 },
    allow: { ...none, owner: 'S', admin: 'S', accountant: 'S', manager: 'S', viewer: 'S' },
  },
];
