// Bank screens with msw: the accounts list (masked numbers, ledger accounts, statement and
// ledger balances and unmatched lines from bank_reconciliation), adding a bank account on an
// asset account with the database's refusal on its field, a statement CSV with DD.MM.YYYY
// dates, comma decimals and money out/in columns mapped and sent as exactly the expected rows
// (the mapping remembered for the account), problems found in the browser (nothing sent), the
// database's per-row refusal, and the reconciliation page: summary, lines, match suggestions
// confirmed with the right RPC parameter, unmatch and delete.
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { server } from './support/msw.ts';
import { createTestSupabase, renderApp } from './support/render-app.tsx';
import { mockSignedInUser, NORTHWIND, pgError, pgRows, USER_ID, type RecordedRequest } from './support/rest.ts';
import { fakeSession } from './support/session.ts';

const MAIN_ID = 'b1000000-0000-4000-8000-000000000001';
const SAVINGS_ID = 'b1000000-0000-4000-8000-000000000002';
const GL_BANK = { id: 'c1000000-0000-4000-8000-000000001000', code: '1000', name: 'Bank' };
const GL_SAVINGS = { id: 'c1000000-0000-4000-8000-000000001010', code: '1010', name: 'Savings account' };

function bankAccount(id: string, name: string, gl: typeof GL_BANK, extra: Record<string, unknown> = {}) {
  return {
    id,
    org_id: NORTHWIND.id,
    name,
    gl_account_id: gl.id,
    gl_account: gl,
    bank_name: null,
    account_number: null,
    currency: 'USD',
    active: true,
    created_at: '2026-11-01T10:00:00Z',
    updated_at: '2026-11-01T10:00:00Z',
    ...extra,
  };
}

const MAIN = bankAccount(MAIN_ID, 'Main bank account', GL_BANK, {
  bank_name: 'First National',
  account_number: 'US12 3456 7890 1234 5678',
});
const SAVINGS = bankAccount(SAVINGS_ID, 'Savings', GL_SAVINGS);

const RECONCILIATION: Record<string, Record<string, number>> = {
  [MAIN_ID]: {
    statement_balance: 193.61,
    ledger_balance: 225,
    unmatched_lines: 3,
    unmatched_lines_amount: -16.39,
    unreconciled_payments: 1,
    unreconciled_payments_amount: 15,
    difference: -31.39,
  },
  [SAVINGS_ID]: {
    statement_balance: 0,
    ledger_balance: 0,
    unmatched_lines: 0,
    unmatched_lines_amount: 0,
    unreconciled_payments: 0,
    unreconciled_payments_amount: 0,
    difference: 0,
  },
};

const LINE_RENT = 'e1000000-0000-4000-8000-000000000001';
const LINE_ACME = 'e1000000-0000-4000-8000-000000000002';
const PAYMENT_ID = 'f1000000-0000-4000-8000-000000000001';
const INVOICE_ID = 'f2000000-0000-4000-8000-000000000042';

function line(id: string, date: string, amount: number, extra: Record<string, unknown> = {}) {
  return {
    id,
    org_id: NORTHWIND.id,
    bank_account_id: MAIN_ID,
    import_id: null,
    booking_date: date,
    amount,
    description: null,
    counterparty: null,
    reference: null,
    fingerprint: `${id}#1`,
    payment_id: null,
    payment: null,
    matched_at: null,
    matched_by: null,
    created_at: '2026-11-06T09:00:00Z',
    ...extra,
  };
}

const LINES = [
  line(LINE_ACME, '2026-11-03', 250, {
    description: 'Payment INV-2026-00042',
    counterparty: 'Acme Ltd',
    reference: 'INV-2026-00042',
  }),
  line(LINE_RENT, '2026-11-02', -1250, {
    description: 'Rent November',
    counterparty: 'Kunz Property',
    payment_id: PAYMENT_ID,
    payment: { id: PAYMENT_ID, number: 'PAY-2026-00007' },
    matched_at: '2026-11-06T10:00:00Z',
    matched_by: USER_ID,
  }),
];

const ASSETS = [
  { id: GL_BANK.id, code: '1000', name: 'Bank', active: true },
  { id: GL_SAVINGS.id, code: '1010', name: 'Savings account', active: true },
  { id: 'c1000000-0000-4000-8000-000000001100', code: '1100', name: 'Accounts receivable', active: true },
];

function signIn(role: 'accountant' | 'viewer' = 'accountant') {
  mockSignedInUser({ memberships: [{ organization: NORTHWIND, role }], defaultOrgId: NORTHWIND.id });
  return createTestSupabase({ session: fakeSession('alice@example.com', USER_ID) });
}

function mockBank({
  onImport,
  onInsert,
}: {
  onImport?: (body: Record<string, unknown>) => Response;
  onInsert?: (body: Record<string, unknown>) => Response;
} = {}) {
  const requests: RecordedRequest[] = [];
  const record = async (request: Request) => {
    const text = request.method === 'GET' ? '' : await request.text();
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : null;
    requests.push({ method: request.method, url: new URL(request.url), body, headers: request.headers });
    return body;
  };
  const one = (request: Request, row: Record<string, unknown> | null) =>
    request.headers.get('accept')?.includes('vnd.pgrst.object') ? HttpResponse.json(row) : pgRows(row ? [row] : []);
  server.use(
    http.get('*/rest/v1/bank_accounts', async ({ request }) => {
      await record(request);
      const id = new URL(request.url).searchParams.get('id')?.replace(/^eq\./, '');
      if (id) return one(request, [MAIN, SAVINGS].find((a) => a.id === id) ?? null);
      return pgRows([MAIN, SAVINGS]);
    }),
    http.post('*/rest/v1/bank_accounts', async ({ request }) => {
      const body = (await record(request))!;
      return onInsert?.(body) ?? HttpResponse.json({ id: 'b1000000-0000-4000-8000-000000000099' }, { status: 201 });
    }),
    http.post('*/rest/v1/rpc/bank_reconciliation', async ({ request }) => {
      const body = (await record(request)) as { p_bank_account_id: string };
      return HttpResponse.json([RECONCILIATION[body.p_bank_account_id]]);
    }),
    http.get('*/rest/v1/gl_accounts', async ({ request }) => {
      await record(request);
      return pgRows(ASSETS);
    }),
    http.get('*/rest/v1/currencies', () =>
      pgRows([
        { code: 'EUR', name: 'Euro', decimals: 2 },
        { code: 'USD', name: 'US dollar', decimals: 2 },
      ]),
    ),
    http.post('*/rest/v1/rpc/import_bank_statement', async ({ request }) => {
      const body = (await record(request))!;
      if (onImport) return onImport(body);
      const rows = body.p_rows as unknown[];
      return HttpResponse.json({
        id: 'a9000000-0000-4000-8000-000000000001',
        org_id: NORTHWIND.id,
        bank_account_id: MAIN_ID,
        file_name: body.p_file_name,
        rows_total: rows.length,
        rows_imported: rows.length - 1,
        rows_duplicate: 1,
        created_by: USER_ID,
        created_at: '2026-11-06T09:00:00Z',
      });
    }),
    http.get('*/rest/v1/bank_statement_lines', async ({ request }) => {
      await record(request);
      const params = new URL(request.url).searchParams;
      const matched = params.get('payment_id');
      const rows = LINES.filter((l) =>
        matched === 'is.null' ? !l.payment_id : matched === 'not.is.null' ? !!l.payment_id : true,
      );
      return pgRows(rows, { total: rows.length });
    }),
    http.delete('*/rest/v1/bank_statement_lines', async ({ request }) => {
      await record(request);
      return pgRows([{ id: LINE_ACME }]);
    }),
    http.post('*/rest/v1/rpc/suggest_bank_matches', async ({ request }) => {
      await record(request);
      return HttpResponse.json([
        {
          kind: 'invoice',
          id: INVOICE_ID,
          number: 'INV-2026-00042',
          partner_name: 'Acme Ltd',
          document_date: '2026-11-01',
          amount: 250,
          score: 98,
        },
        {
          kind: 'payment',
          id: 'f1000000-0000-4000-8000-000000000009',
          number: 'PAY-2026-00009',
          partner_name: 'Acme Ltd',
          document_date: '2026-10-01',
          amount: 250,
          score: 50,
        },
      ]);
    }),
    http.post('*/rest/v1/rpc/match_bank_line', async ({ request }) => {
      await record(request);
      return HttpResponse.json({ ...LINES[0], payment: undefined, payment_id: 'f1000000-0000-4000-8000-000000000010' });
    }),
    http.post('*/rest/v1/rpc/unmatch_bank_line', async ({ request }) => {
      await record(request);
      return HttpResponse.json({ ...LINES[1], payment: undefined, payment_id: null, matched_at: null });
    }),
  );
  return requests;
}

const rpcCalls = (requests: RecordedRequest[], name: string) =>
  requests.filter((r) => r.url.pathname === `/rest/v1/rpc/${name}`);

async function choose(scope: HTMLElement, combobox: string, option: string) {
  fireEvent.keyDown(await within(scope).findByRole('combobox', { name: combobox }), { key: 'Enter' });
  fireEvent.click(await screen.findByRole('option', { name: option }));
}

const cells = (row: HTMLElement) => [...row.querySelectorAll('th, td')].map((c) => c.textContent?.trim());

async function openImport() {
  const table = await screen.findByRole('table', { name: 'Bank accounts' });
  fireEvent.click(within(table).getByRole('button', { name: 'Import statement into Main bank account' }));
  return screen.findByRole('dialog', { name: 'Import a statement into Main bank account' });
}

function chooseFile(dialog: HTMLElement, text: string, name: string) {
  fireEvent.change(within(dialog).getByLabelText('Statement file (CSV)'), {
    target: { files: [new File([text], name, { type: 'text/csv' })] },
  });
}

const GERMAN_CSV = [
  'Datum;Buchungstext;Auftraggeber/Empfänger;Soll;Haben;Kundenreferenz',
  '02.11.2026;Miete November;Hausverwaltung Kunz;1.250,00;;RENT-11',
  '03.11.2026;Zahlung INV-2026-00042;Acme GmbH;;2.499,9;INV-2026-00042',
  '05.11.2026; Kontoführung ;;-0,10;;',
  '',
].join('\n');

describe('bank accounts', () => {
  it('lists the accounts with masked numbers, ledger accounts and their reconciliation as of today', async () => {
    const requests = mockBank();
    renderApp('/bank', signIn());

    const table = await screen.findByRole('table', { name: 'Bank accounts' });
    await waitFor(() =>
      expect(cells(within(table).getByRole('link', { name: 'Main bank account' }).closest('tr')!)).toEqual([
        'Main bank account',
        'First National',
        '•••• 5678',
        'USD',
        '1000 · Bank',
        '$193.61',
        '$225.00',
        '3',
        'Import statement Edit',
      ]),
    );
    expect(cells(within(table).getByRole('link', { name: 'Savings' }).closest('tr')!).slice(0, 8)).toEqual([
      'Savings',
      '—',
      '—',
      'USD',
      '1010 · Savings account',
      '$0.00',
      '$0.00',
      '0',
    ]);
    expect(within(table).getByRole('link', { name: 'Main bank account' }).getAttribute('href')).toBe(
      `/bank/${MAIN_ID}`,
    );
    const recs = rpcCalls(requests, 'bank_reconciliation').map((r) => r.body as { p_bank_account_id: string });
    expect(recs.map((b) => b.p_bank_account_id).sort()).toEqual([MAIN_ID, SAVINGS_ID]);
    expect(requests.find((r) => r.url.pathname === '/rest/v1/bank_accounts')!.url.searchParams.get('org_id')).toBe(
      `eq.${NORTHWIND.id}`,
    );
  });

  it('adds a bank account on an asset account and shows the database’s refusal on the ledger field', async () => {
    const requests = mockBank({
      onInsert: () =>
        pgError(409, {
          code: '23505',
          message: 'duplicate key value violates unique constraint "bank_accounts_org_id_gl_account_id_key"',
        }),
    });
    renderApp('/bank', signIn());

    fireEvent.click(await screen.findByRole('button', { name: 'New bank account' }));
    const dialog = await screen.findByRole('dialog', { name: 'New bank account' });
    fireEvent.change(within(dialog).getByLabelText('Name'), { target: { value: ' Payroll account ' } });
    fireEvent.change(within(dialog).getByLabelText(/^Account number/), { target: { value: 'DE89 3704 0044' } });
    await choose(dialog, 'Ledger account', '1000 · Bank');
    // Only asset accounts are offered (the query asks for them).
    const assetQuery = requests.find((r) => r.url.pathname === '/rest/v1/gl_accounts')!;
    expect(assetQuery.url.searchParams.get('type')).toBe('eq.asset');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add bank account' }));

    expect(await within(dialog).findByText('Another bank account already books on this ledger account')).toBeTruthy();
    const insert = requests.find((r) => r.method === 'POST' && r.url.pathname === '/rest/v1/bank_accounts')!;
    expect(insert.body).toEqual({
      org_id: NORTHWIND.id,
      name: 'Payroll account',
      bank_name: null,
      account_number: 'DE89 3704 0044',
      currency: 'USD',
      gl_account_id: GL_BANK.id,
      active: true,
    });
  });

  it('shows a viewer the accounts without the buttons that change them', async () => {
    mockBank();
    renderApp('/bank', signIn('viewer'));

    const table = await screen.findByRole('table', { name: 'Bank accounts' });
    expect(within(table).getByRole('link', { name: 'Main bank account' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'New bank account' })).toBeNull();
    expect(within(table).queryByRole('button', { name: /Import statement/ })).toBeNull();
  });
});

describe('statement import', () => {
  it('maps DD.MM.YYYY dates, comma decimals and money out/in columns, and sends exactly these rows', async () => {
    const requests = mockBank();
    renderApp('/bank', signIn());

    let dialog = await openImport();
    chooseFile(dialog, GERMAN_CSV, 'november.csv');
    // The file's first rows as they are.
    const raw = await within(dialog).findByRole('table', { name: /First rows of the file/ });
    expect(cells(within(raw).getAllByRole('row')[1]!)).toEqual([
      '02.11.2026',
      'Miete November',
      'Hausverwaltung Kunz',
      '1.250,00',
      '',
      'RENT-11',
    ]);
    // Guessed from the headers and values: date, the two amount columns, the formats.
    expect(within(dialog).getByRole('radio', { name: /Two columns/ })).toHaveProperty('checked', true);
    expect(within(dialog).getByRole('combobox', { name: 'Booking date *' }).textContent).toBe('Datum');
    expect(within(dialog).getByRole('combobox', { name: 'Money out (debit)' }).textContent).toBe('Soll');
    expect(within(dialog).getByRole('combobox', { name: 'Money in (credit)' }).textContent).toBe('Haben');
    expect(within(dialog).getByRole('combobox', { name: 'Date format' }).textContent).toBe('DD.MM.YYYY');
    expect(within(dialog).getByRole('combobox', { name: 'Decimal separator' }).textContent).toBe('Comma: 1.234,56');
    // The texts are mapped by hand.
    await choose(dialog, 'Description', 'Buchungstext');
    await choose(dialog, 'Counterparty', 'Auftraggeber/Empfänger');
    await choose(dialog, 'Reference', 'Kundenreferenz');
    // With a point as the decimal separator the amounts do not read: nothing can be sent.
    await choose(dialog, 'Decimal separator', 'Point: 1,234.56');
    expect((await within(dialog).findByTestId('import-summary')).textContent).toContain('3 with problems');
    expect(
      within(dialog)
        .getByRole('button', { name: /^Import/ })
        .hasAttribute('disabled'),
    ).toBe(true);
    await choose(dialog, 'Decimal separator', 'Comma: 1.234,56');

    const converted = within(dialog).getByRole('table', { name: 'As they will be imported' });
    expect(within(converted).getAllByRole('row').slice(1).map(cells)).toEqual([
      ['1', '2026-11-02', '-$1,250.00', 'Miete November', 'Hausverwaltung Kunz', 'RENT-11'],
      ['2', '2026-11-03', '$2,499.90', 'Zahlung INV-2026-00042', 'Acme GmbH', 'INV-2026-00042'],
      ['3', '2026-11-05', '-$0.10', 'Kontoführung', '', ''],
    ]);
    expect(within(dialog).getByTestId('import-summary').textContent).toBe(
      '3 rows read from november.csv · no problems.',
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Import 3 lines' }));

    expect((await within(dialog).findByTestId('import-result')).textContent).toBe(
      '2 imported, 1 already imported and skipped',
    );
    const [call, ...more] = rpcCalls(requests, 'import_bank_statement');
    expect(more).toEqual([]);
    expect(call!.body).toEqual({
      p_bank_account_id: MAIN_ID,
      p_file_name: 'november.csv',
      p_rows: [
        {
          booking_date: '2026-11-02',
          amount: '-1250.00',
          description: 'Miete November',
          counterparty: 'Hausverwaltung Kunz',
          reference: 'RENT-11',
        },
        {
          booking_date: '2026-11-03',
          amount: '2499.90',
          description: 'Zahlung INV-2026-00042',
          counterparty: 'Acme GmbH',
          reference: 'INV-2026-00042',
        },
        { booking_date: '2026-11-05', amount: '-0.10', description: 'Kontoführung' },
      ],
    });

    // The next file of this account opens with the same mapping.
    fireEvent.click(within(dialog).getAllByRole('button', { name: 'Close' })[0]!);
    await waitFor(() => expect(dialog.isConnected).toBe(false));
    dialog = await openImport();
    chooseFile(dialog, GERMAN_CSV, 'december.csv');
    expect((await within(dialog).findByRole('combobox', { name: 'Counterparty' })).textContent).toBe(
      'Auftraggeber/Empfänger',
    );
    expect(within(dialog).getByRole('combobox', { name: 'Reference' }).textContent).toBe('Kundenreferenz');
  });

  it('lists the rows that cannot be read and sends nothing', async () => {
    const requests = mockBank();
    renderApp('/bank', signIn());

    const dialog = await openImport();
    chooseFile(
      dialog,
      'Date,Amount,Memo\n2026-11-02,-12.50,ok\n2026-02-30,10,bad date\n2026-11-04,1.234,three decimals\n2026-11-05,0.00,zero\n',
      'bad.csv',
    );
    const problems = await within(dialog).findByRole('table', { name: 'Rows with problems' });
    expect(within(problems).getAllByRole('row').slice(1).map(cells)).toEqual([
      ['2', 'Booking date (Date)', '"2026-02-30" is not a date as YYYY-MM-DD'],
      ['3', 'Amount (signed) (Amount)', 'more than two decimals'],
      ['4', 'Amount (signed) (Amount)', 'the amount is zero'],
    ]);
    expect(within(dialog).getByRole('button', { name: 'Import 1 line' }).hasAttribute('disabled')).toBe(true);
    expect(rpcCalls(requests, 'import_bank_statement')).toEqual([]);
  });

  it('shows the rows the database refuses (nothing imported)', async () => {
    mockBank({
      onImport: () =>
        pgError(400, {
          code: '22023',
          message: 'The statement has 1 bad row(s); nothing was imported',
          details: JSON.stringify([{ row: 2, message: 'a text is too long' }]),
        }),
    });
    renderApp('/bank', signIn());

    const dialog = await openImport();
    chooseFile(dialog, 'Date,Amount\n2026-11-02,-12.50\n2026-11-03,99\n', 'refused.csv');
    fireEvent.click(await within(dialog).findByRole('button', { name: 'Import 2 lines' }));

    const refused = await within(dialog).findByRole('table', { name: 'Rows the database refused' });
    expect(within(refused).getAllByRole('row').slice(1).map(cells)).toEqual([['2', '—', 'a text is too long']]);
    expect(within(dialog).getByTestId('import-summary').textContent).toContain(
      'the database refused 1 of them. Nothing has been imported.',
    );
    expect(within(dialog).queryByTestId('import-result')).toBeNull();
    expect(within(dialog).getByRole('button', { name: 'Import 2 lines' }).hasAttribute('disabled')).toBe(true);
  });
});

describe('reconciliation', () => {
  it('shows the summary as of a day and the statement lines with their matched payment', async () => {
    const requests = mockBank();
    renderApp(`/bank/${MAIN_ID}?asOf=2026-11-30`, signIn());

    await screen.findByRole('heading', { level: 1, name: 'Main bank account' });
    expect((await screen.findByTestId('statement-balance')).textContent).toBe('$193.61');
    expect(screen.getByTestId('ledger-balance').textContent).toBe('$225.00');
    expect(screen.getByTestId('difference').textContent).toBe('-$31.39');
    expect(screen.getByTestId('unmatched-lines').textContent).toBe('3 lines');
    expect(screen.getByTestId('unreconciled-payments').textContent).toBe('1 payment');
    expect(rpcCalls(requests, 'bank_reconciliation')[0]!.body).toEqual({
      p_bank_account_id: MAIN_ID,
      p_as_of: '2026-11-30',
    });

    const table = await screen.findByRole('table', { name: 'Statement lines' });
    expect(within(table).getAllByRole('row').slice(1).map(cells)).toEqual([
      ['3 Nov 2026', 'Payment INV-2026-00042', 'Acme Ltd', 'INV-2026-00042', '$250.00', 'unmatched', 'Match'],
      ['2 Nov 2026', 'Rent November', 'Kunz Property', '', '-$1,250.00', 'PAY-2026-00007', 'Unmatch'],
    ]);
    const list = requests.find((r) => r.url.pathname === '/rest/v1/bank_statement_lines')!;
    expect(list.url.searchParams.get('bank_account_id')).toBe(`eq.${MAIN_ID}`);
    expect(list.url.searchParams.get('booking_date')).toBe('lte.2026-11-30');

    // Only the unmatched lines.
    await choose(document.body, 'Show', 'Unmatched');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
    expect(requests.at(-1)!.url.searchParams.get('payment_id')).toBe('is.null');
  });

  it('lists match suggestions with their score and confirms one with the right parameter', async () => {
    const requests = mockBank();
    renderApp(`/bank/${MAIN_ID}`, signIn());

    const table = await screen.findByRole('table', { name: 'Statement lines' });
    const acme = within(table).getByText('Payment INV-2026-00042').closest('tr')!;
    fireEvent.click(within(acme).getByRole('button', { name: 'Match' }));
    const dialog = await screen.findByRole('dialog', { name: 'Match statement line' });
    const invoice = await within(dialog).findByRole('radio', { name: 'Invoice INV-2026-00042' });
    expect(invoice.closest('label')!.textContent).toContain('Score 98');
    expect(
      within(dialog).getByRole('radio', { name: 'Payment PAY-2026-00009' }).closest('label')!.textContent,
    ).toContain('Score 50');
    expect(rpcCalls(requests, 'suggest_bank_matches')[0]!.body).toEqual({ p_line_id: LINE_ACME });
    expect(within(dialog).getByRole('button', { name: 'Confirm match' }).hasAttribute('disabled')).toBe(true);

    fireEvent.click(invoice);
    expect(within(dialog).getByRole('status').textContent).toContain(
      'Confirming records a payment of $250.00 on 3 Nov 2026 against invoice INV-2026-00042',
    );
    const before = requests.filter((r) => r.url.pathname === '/rest/v1/bank_statement_lines').length;
    fireEvent.click(within(dialog).getByRole('button', { name: 'Confirm match' }));
    await waitFor(() => expect(dialog.isConnected).toBe(false));
    expect(rpcCalls(requests, 'match_bank_line').map((r) => r.body)).toEqual([
      { p_line_id: LINE_ACME, p_invoice_id: INVOICE_ID },
    ]);
    // The lines and the summary are read again after the match.
    await waitFor(() =>
      expect(requests.filter((r) => r.url.pathname === '/rest/v1/bank_statement_lines').length).toBeGreaterThan(before),
    );
  });

  it('unmatches a matched line and deletes an unmatched one after confirming', async () => {
    const requests = mockBank();
    renderApp(`/bank/${MAIN_ID}`, signIn());

    const table = await screen.findByRole('table', { name: 'Statement lines' });
    fireEvent.click(within(table).getByRole('button', { name: 'Unmatch' }));
    let dialog = await screen.findByRole('dialog', { name: 'Unmatch this line?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Unmatch' }));
    await waitFor(() => expect(dialog.isConnected).toBe(false));
    expect(rpcCalls(requests, 'unmatch_bank_line').map((r) => r.body)).toEqual([{ p_line_id: LINE_RENT }]);

    fireEvent.click(within(table).getByRole('button', { name: 'Delete the line of 3 Nov 2026, $250.00' }));
    dialog = await screen.findByRole('dialog', { name: 'Delete this statement line?' });
    expect(requests.some((r) => r.method === 'DELETE')).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete line' }));
    await waitFor(() => expect(dialog.isConnected).toBe(false));
    const remove = requests.find((r) => r.method === 'DELETE')!;
    expect(remove.url.searchParams.get('id')).toBe(`eq.${LINE_ACME}`);
    expect(remove.url.searchParams.get('payment_id')).toBe('is.null');
  });
});
