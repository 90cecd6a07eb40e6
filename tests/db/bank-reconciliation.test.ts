// Bank statements and reconciliation, enforced by Postgres: imports validate every row
// (a bad row refuses the whole file), known lines are skipped on re-import, matches are
// suggested by amount, reference and date, matching a line to an invoice records the
// payment from the line, and the reconciliation view adds up both sides.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db, type Actor } from '../helpers/db.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';

let stack: TestStack;
let db: Db;
let owner: Actor;
let accountant: Actor;
let viewer: Actor;
let orgId: string;
let bankId: string;
let customerId: string;

const sqlError = async (p: Promise<unknown>): Promise<{ code?: string; message?: string; detail?: string }> => {
  try {
    await p;
  } catch (e) {
    return e as { code?: string; message?: string; detail?: string };
  }
  return { code: 'ok' };
};

const importRows = (rows: Record<string, unknown>[], file = 'statement.csv', actor: Actor = accountant) =>
  db.as<{ rows_total: number; rows_imported: number; rows_duplicate: number }>(
    actor,
    `select rows_total, rows_imported, rows_duplicate from public.import_bank_statement($1, $2, $3)`,
    [bankId, file, JSON.stringify(rows)],
  );

beforeAll(async () => {
  stack = await startTestStack();
  db = new Db(stack.adminDbUrl);
  owner = await db.createUser('owner@bank.test');
  accountant = await db.createUser('accountant@bank.test');
  viewer = await db.createUser('viewer@bank.test');
  [{ id: orgId }] = (await db.as<{ id: string }>(
    owner,
    `select id from public.create_organization('Bank Co', 'bank-co', 'EUR')`,
  )) as [{ id: string }];
  await db.query(
    `insert into public.memberships (org_id, user_id, role) values ($1, $2, 'accountant'), ($1, $3, 'viewer')`,
    [orgId, accountant.id, viewer.id],
  );
  [{ id: bankId }] = (await db.query<{ id: string }>(`select id from public.bank_accounts where org_id = $1`, [
    orgId,
  ])) as [{ id: string }];
  [{ id: customerId }] = (await db.as<{ id: string }>(
    owner,
    `insert into public.accounts (org_id, name) values ($1, 'Acme Ltd') returning id`,
    [orgId],
  )) as [{ id: string }];
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

describe('bank statements', () => {
  it("every organisation gets a main bank account on the chart's bank account", async () => {
    const rows = await db.as<{ name: string; code: string; currency: string }>(
      viewer,
      `select b.name, g.code, b.currency from public.bank_accounts b join public.gl_accounts g on g.id = b.gl_account_id where b.org_id = $1`,
      [orgId],
    );
    expect(rows).toEqual([{ name: 'Main bank account', code: '1000', currency: 'EUR' }]);
  });

  it('refuses a file with bad rows, naming them, and imports nothing', async () => {
    const error = await sqlError(
      importRows([
        { booking_date: '2026-05-02', amount: '12.50', description: 'ok' },
        { booking_date: '2026-02-30', amount: '1' },
        { booking_date: '2026-05-03', amount: '1.234' },
        { booking_date: '2026-05-03', amount: '0' },
      ]),
    );
    expect(error.code).toBe('22023');
    expect(JSON.parse(error.detail!)).toEqual([
      { row: 2, message: 'the date is not a date (YYYY-MM-DD)' },
      { row: 3, message: 'the amount is not a number with at most two decimals' },
      { row: 4, message: 'the amount is zero' },
    ]);
    expect(await db.query(`select 1 from public.bank_statement_lines where org_id = $1`, [orgId])).toEqual([]);
  });

  it('skips lines already imported, keeping identical lines within one file apart', async () => {
    const coffee = { booking_date: '2026-05-04', amount: '-3.20', description: 'Coffee', counterparty: 'Cafe' };
    const first = await importRows([
      coffee,
      coffee,
      { booking_date: '2026-05-05', amount: '-40.00', description: 'Fuel' },
    ]);
    expect(first).toEqual([{ rows_total: 3, rows_imported: 3, rows_duplicate: 0 }]);
    // An overlapping file: the two coffees and fuel again, plus one new line.
    const second = await importRows([
      coffee,
      coffee,
      { booking_date: '2026-05-05', amount: '-40.00', description: 'Fuel' },
      { booking_date: '2026-05-06', amount: '-9.99', description: 'Software' },
    ]);
    expect(second).toEqual([{ rows_total: 4, rows_imported: 1, rows_duplicate: 3 }]);
    expect(await sqlError(importRows([coffee], 'x.csv', viewer))).toMatchObject({ code: '42501' });
  });

  it('suggests the invoice a payment settles and records the payment when the match is confirmed', async () => {
    const [invoice] = await db.as<{ id: string; number: string }>(
      accountant,
      `select id, number from public.create_invoice(p_org_id => $1, p_idempotency_key => 'bank-invoice-1', p_account_id => $2,
         p_lines => $3, p_invoice_date => '2026-05-01')`,
      [orgId, customerId, JSON.stringify([{ description: 'Work', quantity: 1, unit_price: 250 }])],
    );
    // Another open invoice with the same amount but no reference in the line ranks lower.
    await db.as(
      accountant,
      `select public.create_invoice(p_org_id => $1, p_idempotency_key => 'bank-invoice-2', p_account_id => $2,
         p_lines => $3, p_invoice_date => '2026-01-01')`,
      [orgId, customerId, JSON.stringify([{ description: 'Work', quantity: 1, unit_price: 250 }])],
    );
    await importRows([
      {
        booking_date: '2026-05-07',
        amount: '250.00',
        description: `Payment ${invoice!.number}`,
        counterparty: 'Acme Ltd',
      },
    ]);
    const [line] = await db.query<{ id: string }>(
      `select id from public.bank_statement_lines where org_id = $1 and amount = 250`,
      [orgId],
    );
    const suggestions = await db.as<{ kind: string; number: string; score: number }>(
      accountant,
      `select kind, number, score from public.suggest_bank_matches($1)`,
      [line!.id],
    );
    expect(suggestions[0]).toEqual({ kind: 'invoice', number: invoice!.number, score: 50 + 40 + 8 });
    expect(suggestions).toHaveLength(2);
    expect(suggestions[1]!.score).toBeLessThan(60);

    const [matched] = await db.as<{ payment_id: string }>(
      accountant,
      `select payment_id from public.match_bank_line($1, p_invoice_id => $2)`,
      [line!.id, invoice!.id],
    );
    const [payment] = await db.query<{ amount: string; payment_date: string; allocated_amount: string }>(
      `select amount::text, payment_date::text, allocated_amount::text from public.payments where id = $1`,
      [matched!.payment_id],
    );
    expect(payment).toEqual({ amount: '250.00', payment_date: '2026-05-07', allocated_amount: '250.00' });
    const [status] = await db.as<{ payment_status: string }>(
      accountant,
      `select payment_status from public.invoice_balances where id = $1`,
      [invoice!.id],
    );
    expect(status!.payment_status).toBe('paid');
    // A matched line cannot be matched twice, nor deleted.
    expect(
      await sqlError(
        db.as(accountant, `select public.match_bank_line($1, p_invoice_id => $2)`, [line!.id, invoice!.id]),
      ),
    ).toMatchObject({
      code: '23514',
    });
    expect(
      await sqlError(db.as(accountant, `delete from public.bank_statement_lines where id = $1`, [line!.id])),
    ).toMatchObject({
      code: '42501',
    });
  });

  it('matches a line to an existing payment and reconciles: statement and ledger balances and what is open on each side', async () => {
    const [payment] = await db.as<{ id: string }>(
      accountant,
      `select id from public.record_payment($1, 'outgoing', $2, 40, '2026-05-05')`,
      [orgId, customerId],
    );
    // Recorded in the books but not on the statement yet.
    await db.as(accountant, `select public.record_payment($1, 'incoming', $2, 15, '2026-05-08')`, [orgId, customerId]);
    const [fuel] = await db.query<{ id: string }>(
      `select id from public.bank_statement_lines where org_id = $1 and description = 'Fuel'`,
      [orgId],
    );
    const suggestions = await db.as<{ kind: string; id: string }>(
      accountant,
      `select kind, id from public.suggest_bank_matches($1)`,
      [fuel!.id],
    );
    expect(suggestions[0]).toEqual({ kind: 'payment', id: payment!.id });
    await db.as(accountant, `select public.match_bank_line($1, p_payment_id => $2)`, [fuel!.id, payment!.id]);
    const [rec] = await db.as<Record<string, string | number>>(
      viewer,
      `select statement_balance::text, ledger_balance::text, unmatched_lines, unmatched_lines_amount::text,
              unreconciled_payments, unreconciled_payments_amount::text, difference::text
       from public.bank_reconciliation($1, '2026-05-31')`,
      [bankId],
    );
    // Statement: -3.20 -3.20 -40 -9.99 +250 = 193.61; ledger: +250 -40 +15 = 225.00.
    expect(rec).toEqual({
      statement_balance: '193.61',
      ledger_balance: '225.00',
      unmatched_lines: 3,
      unmatched_lines_amount: '-16.39',
      unreconciled_payments: 1,
      unreconciled_payments_amount: '15.00',
      difference: '-31.39',
    });
  });
});
