// RLS matrix lines for the bank (DESIGN.md section 2 "Finance"): owners, admins and
// accountants write, managers and viewers read, others see nothing. Imports and lines
// come only from import_bank_statement() and the match RPCs; an unmatched line may be
// deleted (a mistaken import), nothing else is written directly.
import { insertPosted, insertRow, none, type MatrixEntry } from './entry.ts';

const readers = { manager: 'S', viewer: 'S' };

export const BANK: MatrixEntry[] = [
  {
    table: 'bank_accounts',
    setup: async (ctx) => {
      const [main] = await ctx.sql<{ id: string; gl: string }>(
        `select b.id, b.gl_account_id as gl from public.bank_accounts b where b.org_id = $1`,
        [ctx.orgId],
      );
      const [cash] = await ctx.sql<{ id: string }>(
        `insert into public.gl_accounts (org_id, code, name, type) values ($1, '1010', 'Petty cash', 'asset') returning id`,
        [ctx.orgId],
      );
      // `id` is a second, unreferenced account (deletable); `main` carries the imports and lines.
      return {
        main: main!.id,
        id: await insertRow(ctx, 'bank_accounts', {
          org_id: ctx.orgId,
          name: 'Probe cash',
          gl_account_id: cash!.id,
          currency: 'USD',
        }),
        spareGl: (
          await ctx.sql<{ id: string }>(
            `insert into public.gl_accounts (org_id, code, name, type) values ($1, '1020', 'Savings', 'asset') returning id`,
            [ctx.orgId],
          )
        )[0]!.id,
      };
    },
    probe: (f, org) => ({ id: f.orgs[org].rows.bank_accounts!.id! }),
    insert: (f, org) => ({
      org_id: f.orgs[org].id,
      name: 'Savings account',
      gl_account_id: f.orgs[org].rows.bank_accounts!.spareGl,
      currency: 'USD',
    }),
    update: { bank_name: 'Probe Bank' },
    allow: { ...none, ...readers, owner: 'SIUD', admin: 'SIUD', accountant: 'SIUD' },
  },
  {
    table: 'bank_statement_imports',
    setup: async (ctx) => ({
      id: await insertPosted(ctx, 'bank_statement_imports', {
        org_id: ctx.orgId,
        bank_account_id: ctx.rows.bank_accounts!.main,
        file_name: 'probe.csv',
      }),
    }),
    probe: (f, org) => ({ id: f.orgs[org].rows.bank_statement_imports!.id! }),
    update: { file_name: 'renamed.csv' },
    allow: { ...none, ...readers, owner: 'S', admin: 'S', accountant: 'S' },
  },
  {
    table: 'bank_statement_lines',
    setup: async (ctx) => ({
      id: await insertPosted(ctx, 'bank_statement_lines', {
        org_id: ctx.orgId,
        bank_account_id: ctx.rows.bank_accounts!.main,
        import_id: ctx.rows.bank_statement_imports!.id,
        booking_date: '2026-05-01',
        amount: 12.5,
        description: 'Probe line',
        fingerprint: 'probe#1',
      }),
    }),
    probe: (f, org) => ({ id: f.orgs[org].rows.bank_statement_lines!.id! }),
    update: { description: 'Edited' },
    allow: { ...none, ...readers, owner: 'SD', admin: 'SD', accountant: 'SD' },
  },
];
