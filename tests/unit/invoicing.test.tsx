// Invoicing screens with msw: the new-invoice dialog (one create-invoice call per click, the same
// idempotency key on the retry, the function's 400 field errors next to their fields), the
// invoice page (status, amount due, allocations with numbers, linked credit notes), recording a
// payment of an invoice (record_payment with one allocation, the rest as credit), the credit note
// dialog (credit_invoice with the chosen lines, then post_invoice), a payment spread over several
// invoices oldest first, and the AR aging (buckets, totals row, CSV, a row leads to the invoices).
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { delay, http, HttpResponse } from 'msw';
import type { Database } from '@/lib/database.types.ts';
import { server } from './support/msw.ts';
import { createTestSupabase, renderApp } from './support/render-app.tsx';
import { mockSignedInUser, NORTHWIND, pgRows, USER_ID, type RecordedRequest } from './support/rest.ts';
import { fakeSession } from './support/session.ts';

type Role = Database['public']['Enums']['app_role'];

const CUSTOMER = { id: 'a2000000-0000-4000-8000-000000000001', name: 'Alfreds Futterkiste', currency: 'USD' };
const ORDER_ID = 'a5000000-0000-4000-8000-000000000001';
const INVOICE_ID = 'a7000000-0000-4000-8000-000000000001';
const OLDER_ID = 'a7000000-0000-4000-8000-000000000002';
const CREDIT_ID = 'a7000000-0000-4000-8000-000000000003';
const NEW_CREDIT_ID = 'a7000000-0000-4000-8000-000000000004';
const PAYMENT_ID = 'a8000000-0000-4000-8000-000000000001';
const LINE_1 = 'a9000000-0000-4000-8000-000000000001';
const LINE_2 = 'a9000000-0000-4000-8000-000000000002';
const BANK = { id: 'c1000000-0000-4000-8000-000000001000', code: '1000', name: 'Bank', role: 'bank' };
const CASH = { id: 'c1000000-0000-4000-8000-000000001010', code: '1010', name: 'Petty cash', role: null };

function invoiceLine(id: string, position: number, description: string, quantity: number, price: number) {
  const net = Math.round(quantity * price * 100) / 100;
  return {
    id,
    org_id: NORTHWIND.id,
    invoice_id: INVOICE_ID,
    position,
    sales_order_line_id: null,
    credited_line_id: null,
    product_id: null,
    description,
    quantity,
    unit_price: price,
    discount_pct: 0,
    tax_rate: 10,
    net_amount: net,
    tax_amount: Math.round(net * 10) / 100,
    created_at: '2026-11-20T10:00:00Z',
    updated_at: '2026-11-20T10:00:00Z',
    product: null,
  };
}

// 2 × 20.00 + 4 × 10.00 = 80.00 net, 8.00 tax: 88.00; paid 20.00 and credited 10.00 → 58.00 due.
const INVOICE = {
  id: INVOICE_ID,
  org_id: NORTHWIND.id,
  number: 'INV-2026-00042',
  kind: 'invoice',
  account_id: CUSTOMER.id,
  sales_order_id: ORDER_ID,
  credited_invoice_id: null,
  status: 'posted',
  invoice_date: '2026-11-20',
  due_date: '2026-12-20',
  currency: 'USD',
  exchange_rate: 1,
  subtotal: 80,
  tax_total: 8,
  total: 88,
  amount_paid: 30,
  idempotency_key: 'key-of-the-first-call',
  journal_entry_id: null,
  pdf_path: `${NORTHWIND.id}/INV-2026-00042.pdf`,
  sent_at: '2026-11-20T10:01:00Z',
  notes: null,
  posted_at: '2026-11-20T10:00:00Z',
  posted_by: USER_ID,
  created_by: USER_ID,
  created_at: '2026-11-20T10:00:00Z',
  updated_at: '2026-11-20T10:00:00Z',
  account: { id: CUSTOMER.id, name: CUSTOMER.name, email: 'orders@alfreds.test' },
  sales_order: { id: ORDER_ID, number: 'SO-2026-00007' },
  lines: [invoiceLine(LINE_1, 1, 'Chai tea', 2, 20), invoiceLine(LINE_2, 2, 'Aniseed syrup', 4, 10)],
};

const CREDIT_NOTE = {
  id: CREDIT_ID,
  number: 'CN-2026-00001',
  kind: 'credit_note',
  status: 'posted',
  invoice_date: '2026-11-25',
  total: 11,
  credited_invoice_id: INVOICE_ID,
};

function balance(id: string, number: string, invoiceDate: string, dueDate: string, total: number, due: number) {
  return {
    id,
    org_id: NORTHWIND.id,
    number,
    kind: 'invoice',
    account_id: CUSTOMER.id,
    sales_order_id: null,
    status: 'posted',
    invoice_date: invoiceDate,
    due_date: dueDate,
    currency: 'USD',
    exchange_rate: 1,
    total,
    amount_paid: total - due,
    amount_due: due,
    payment_status: due < total ? 'partially_paid' : dueDate < '2026-12-01' ? 'overdue' : 'open',
  };
}

const BALANCES = [
  balance(OLDER_ID, 'INV-2026-00030', '2026-10-01', '2026-10-31', 100, 100),
  balance(INVOICE_ID, 'INV-2026-00042', '2026-11-20', '2026-12-20', 88, 58),
];

async function recordBody(request: Request, requests: RecordedRequest[]) {
  const text = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
  requests.push({
    method: request.method,
    url: new URL(request.url),
    body: text ? (JSON.parse(text) as unknown) : null,
    headers: request.headers,
  });
}

const wantsObject = (request: Request) => request.headers.get('accept')?.includes('vnd.pgrst.object') ?? false;

/** The REST reads of the invoicing screens and the RPCs and function they call. */
function mockInvoicing({ functionAnswers = [] as (() => Response | Promise<Response>)[] } = {}) {
  const requests: RecordedRequest[] = [];
  const functionCalls: { body: Record<string, unknown> }[] = [];
  server.use(
    http.get('*/rest/v1/accounts', ({ request }) => {
      const url = new URL(request.url);
      if (wantsObject(request)) {
        const id = url.searchParams.get('id')?.replace(/^eq\./, '');
        return HttpResponse.json(
          id === CUSTOMER.id ? { ...CUSTOMER, credit_limit: null } : null,
          id === CUSTOMER.id ? {} : { status: 406 },
        );
      }
      return pgRows([CUSTOMER]);
    }),
    http.get('*/rest/v1/sales_orders', () =>
      pgRows([
        {
          id: ORDER_ID,
          number: 'SO-2026-00007',
          status: 'partially_delivered',
          order_date: '2026-11-18',
          currency: 'USD',
          account: { id: CUSTOMER.id, name: CUSTOMER.name },
          lines: [{ quantity: 6, delivered_quantity: 2, invoiced_quantity: 0 }],
        },
      ]),
    ),
    http.get('*/rest/v1/invoice_balances', ({ request }) => {
      const url = new URL(request.url);
      const id = url.searchParams.get('id')?.replace(/^eq\./, '');
      if (id) {
        const row = BALANCES.find((b) => b.id === id) ?? null;
        return wantsObject(request) ? HttpResponse.json(row) : pgRows(row ? [row] : []);
      }
      return pgRows(BALANCES, { total: BALANCES.length });
    }),
    http.get('*/rest/v1/invoices', ({ request }) => {
      const url = new URL(request.url);
      const select = url.searchParams.get('select') ?? '';
      if (select.includes('lines:invoice_lines')) {
        const id = url.searchParams.get('id')?.replace(/^eq\./, '');
        return HttpResponse.json(id === INVOICE_ID ? INVOICE : null);
      }
      // Linked documents: credit notes of the invoice and the documents of its allocations.
      return pgRows([CREDIT_NOTE]);
    }),
    http.get('*/rest/v1/payment_allocations', () =>
      pgRows([
        {
          id: 'aa000000-0000-4000-8000-000000000001',
          amount: 20,
          allocated_on: '2026-11-22',
          invoice_id: INVOICE_ID,
          credit_note_id: null,
          payment: { id: PAYMENT_ID, number: 'RCPT-2026-00003', payment_date: '2026-11-22' },
        },
        {
          id: 'aa000000-0000-4000-8000-000000000002',
          amount: 10,
          allocated_on: '2026-11-25',
          invoice_id: INVOICE_ID,
          credit_note_id: CREDIT_ID,
          payment: null,
        },
      ]),
    ),
    // CN-2026-00001 credited 1 of the 4 syrups.
    http.get('*/rest/v1/invoice_lines', () =>
      pgRows([{ credited_line_id: LINE_2, quantity: 1, invoice: { status: 'posted' } }]),
    ),
    http.get('*/rest/v1/gl_accounts', () => pgRows([CASH, BANK])),
    http.post('*/rest/v1/rpc/record_payment', async ({ request }) => {
      await recordBody(request, requests);
      return HttpResponse.json({ id: PAYMENT_ID, number: 'RCPT-2026-00009' });
    }),
    http.post('*/rest/v1/rpc/credit_invoice', async ({ request }) => {
      await recordBody(request, requests);
      return HttpResponse.json({ id: NEW_CREDIT_ID, number: null, status: 'draft' });
    }),
    http.post('*/rest/v1/rpc/post_invoice', async ({ request }) => {
      await recordBody(request, requests);
      return HttpResponse.json({ id: NEW_CREDIT_ID, number: 'CN-2026-00002', status: 'posted' });
    }),
    http.post('*/functions/v1/create-invoice', async ({ request }) => {
      functionCalls.push({ body: (await request.json()) as Record<string, unknown> });
      const answer = functionAnswers[functionCalls.length - 1];
      if (!answer) throw new Error('Unexpected create-invoice call');
      return answer();
    }),
  );
  return { requests, functionCalls };
}

function signIn(role: Role = 'accountant') {
  mockSignedInUser({ memberships: [{ organization: NORTHWIND, role }], defaultOrgId: NORTHWIND.id });
  return createTestSupabase({ session: fakeSession('ada@example.com', USER_ID) });
}

async function choose(combobox: string, option: string | RegExp, scope: HTMLElement = document.body) {
  fireEvent.keyDown(await within(scope).findByRole('combobox', { name: combobox }), { key: 'Enter' });
  fireEvent.click(await screen.findByRole('option', { name: option }));
}

const rpc = (requests: RecordedRequest[], name: string) =>
  requests.filter((r) => r.url.pathname.endsWith(`/rpc/${name}`));

describe('new invoice dialog', () => {
  it('sends one create-invoice call per attempt with the same idempotency key, shows 400 field errors by their fields, and opens the invoice', async () => {
    const { functionCalls } = mockInvoicing({
      functionAnswers: [
        async () => {
          await delay(50);
          return HttpResponse.json(
            {
              error: {
                code: 'invalid_request',
                message: 'The invoice request is not valid',
                details: { due_date: ['On or after the invoice date'] },
              },
            },
            { status: 400 },
          );
        },
        () =>
          HttpResponse.json(
            { invoice: { ...INVOICE, lines: undefined }, pdf_path: INVOICE.pdf_path, emailed: true },
            { status: 201 },
          ),
      ],
    });
    renderApp('/invoices', signIn());

    fireEvent.click(await screen.findByRole('button', { name: /New invoice/ }));
    const dialog = await screen.findByRole('dialog', { name: 'New invoice' });
    await choose('Sales order', /SO-2026-00007/, dialog);
    fireEvent.click(within(dialog).getByLabelText('Only delivered quantities'));
    fireEvent.change(within(dialog).getByLabelText('Invoice date'), { target: { value: '2026-11-20' } });

    // A double click: one request.
    const create = screen.getByRole('button', { name: 'Create invoice' });
    fireEvent.click(create);
    fireEvent.click(create);
    const dueDate = within(dialog).getByLabelText('Due date');
    await waitFor(() => expect(dueDate.getAttribute('aria-invalid')).toBe('true'));
    expect(functionCalls).toHaveLength(1);
    const describedBy = dueDate.getAttribute('aria-describedby')!.split(' ');
    expect(describedBy.map((id) => document.getElementById(id)?.textContent)).toContain('On or after the invoice date');
    expect(within(dialog).getByRole('alert').textContent).toContain('The invoice request is not valid');

    // The retry carries the same key: the server makes (or returns) one invoice.
    fireEvent.click(screen.getByRole('button', { name: 'Create invoice' }));
    await screen.findByRole('heading', { level: 1, name: 'Invoice INV-2026-00042' });
    expect(functionCalls).toHaveLength(2);
    const [first, second] = functionCalls.map((c) => c.body);
    expect(first).toEqual({
      org_id: NORTHWIND.id,
      idempotency_key: expect.stringMatching(/^[0-9a-f-]{36}$/),
      invoice_date: '2026-11-20',
      sales_order_id: ORDER_ID,
      only_delivered: true,
      send: true,
    });
    expect(second!.idempotency_key).toBe(first!.idempotency_key);
  });

  it('makes a new key when the dialog is opened again', async () => {
    const failure = () =>
      HttpResponse.json(
        { error: { code: '23514', message: 'Nothing on SO-2026-00007 is left to invoice' } },
        {
          status: 400,
        },
      );
    const { functionCalls } = mockInvoicing({ functionAnswers: [failure, failure] });
    renderApp('/invoices', signIn());

    for (let i = 0; i < 2; i++) {
      fireEvent.click(await screen.findByRole('button', { name: /New invoice/ }));
      const dialog = await screen.findByRole('dialog', { name: 'New invoice' });
      await choose('Sales order', /SO-2026-00007/, dialog);
      fireEvent.click(screen.getByRole('button', { name: 'Create invoice' }));
      await within(dialog).findByText(/Nothing on SO-2026-00007 is left to invoice/);
      fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    }
    expect(functionCalls).toHaveLength(2);
    expect(functionCalls[0]!.body.idempotency_key).not.toBe(functionCalls[1]!.body.idempotency_key);
  });
});

describe('invoice page', () => {
  it('shows the status, amount due, allocations with their numbers and the linked credit note', async () => {
    mockInvoicing();
    renderApp(`/invoices/${INVOICE_ID}`, signIn());

    await screen.findByRole('heading', { level: 1, name: 'Invoice INV-2026-00042' });
    expect(screen.getByText('Partially paid')).toBeTruthy();
    const lines = screen.getByRole('table', { name: 'Lines' });
    const foot = within(lines)
      .getAllByRole('row')
      .slice(-5)
      .map((r) => r.textContent);
    expect(foot).toEqual(['Subtotal$80.00', 'Tax$8.00', 'Total$88.00', 'Paid and credited$30.00', 'Amount due$58.00']);
    const allocations = screen.getByRole('table', { name: 'Payments and credit notes' });
    const rows = within(allocations)
      .getAllByRole('row')
      .slice(1)
      .map((r) => r.textContent);
    expect(rows).toEqual(['22 Nov 2026Payment RCPT-2026-00003$20.00', '25 Nov 2026Credit note CN-2026-00001$10.00']);
    // In the allocations and among the invoice's credit notes in the details.
    expect(
      screen.getAllByRole('link', { name: 'Credit note CN-2026-00001' }).map((a) => a.getAttribute('href')),
    ).toEqual([`/invoices/${CREDIT_ID}`, `/invoices/${CREDIT_ID}`]);
    expect(screen.getByRole('link', { name: 'SO-2026-00007' }).getAttribute('href')).toBe(`/sales-orders/${ORDER_ID}`);
    expect(screen.getByRole('button', { name: /Download PDF/ })).toBeTruthy();
  });

  it('records a payment with one allocation of what is due; the rest stays as credit', async () => {
    const { requests } = mockInvoicing();
    renderApp(`/invoices/${INVOICE_ID}`, signIn());

    fireEvent.click(await screen.findByRole('button', { name: /Record payment/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Record a payment of INV-2026-00042' });
    const amount = within(dialog).getByLabelText<HTMLInputElement>('Amount (USD)');
    expect(amount.value).toBe('58.00');
    // The bank (role) is chosen by default, not the first asset account.
    await waitFor(() =>
      expect(within(dialog).getByRole('combobox', { name: 'Bank account' }).textContent).toContain('1000 Bank'),
    );
    fireEvent.change(amount, { target: { value: '70' } });
    fireEvent.change(within(dialog).getByLabelText('Reference'), { target: { value: 'Wire 8812' } });
    expect(within(dialog).getByRole('status').textContent).toBe(
      "$58.00 settles INV-2026-00042; $12.00 more stays as the customer's credit.",
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Record payment' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    const calls = rpc(requests, 'record_payment');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.body).toEqual({
      p_org_id: NORTHWIND.id,
      p_direction: 'incoming',
      p_account_id: CUSTOMER.id,
      p_amount: '70',
      p_payment_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      p_currency: 'USD',
      p_gl_account_id: BANK.id,
      p_reference: 'Wire 8812',
      p_allocations: [{ invoice_id: INVOICE_ID, amount: '58.00' }],
      p_idempotency_key: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });

  it('issues a credit note of some lines (never more than is left) and posts it', async () => {
    const { requests } = mockInvoicing();
    const { router } = renderApp(`/invoices/${INVOICE_ID}`, signIn());

    fireEvent.click(await screen.findByRole('button', { name: /Issue credit note/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Issue a credit note for INV-2026-00042' });
    // Part of the syrup was credited before, so the whole invoice cannot be credited again.
    expect(within(dialog).getByLabelText<HTMLInputElement>('The whole invoice').disabled).toBe(true);
    const chai = within(dialog).getByLabelText<HTMLInputElement>('Quantity to credit: Chai tea');
    const syrup = within(dialog).getByLabelText<HTMLInputElement>('Quantity to credit: Aniseed syrup');
    expect(chai.value).toBe('2');
    expect(syrup.value).toBe('3');

    fireEvent.change(syrup, { target: { value: '4' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Issue credit note' }));
    expect(await within(dialog).findByText('At most 3')).toBeTruthy();
    expect(rpc(requests, 'credit_invoice')).toHaveLength(0);

    // Only one chai, no syrup.
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Aniseed syrup' }));
    fireEvent.change(chai, { target: { value: '1' } });
    expect(within(dialog).getByRole('status').textContent).toBe('Credit note total: $22.00 (tax $2.00)');
    fireEvent.change(within(dialog).getByLabelText('Reason'), { target: { value: 'Damaged in transit' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Issue credit note' }));

    await waitFor(() => expect(router.state.location.pathname).toBe(`/invoices/${NEW_CREDIT_ID}`));
    expect(rpc(requests, 'credit_invoice').map((r) => r.body)).toEqual([
      {
        p_invoice_id: INVOICE_ID,
        p_lines: [{ invoice_line_id: LINE_1, quantity: '1' }],
        p_reason: 'Damaged in transit',
      },
    ]);
    expect(rpc(requests, 'post_invoice').map((r) => r.body)).toEqual([{ p_invoice_id: NEW_CREDIT_ID }]);
  });

  it('shows no write actions to a sales rep', async () => {
    mockInvoicing();
    renderApp(`/invoices/${INVOICE_ID}`, signIn('sales'));

    await screen.findByRole('heading', { level: 1, name: 'Invoice INV-2026-00042' });
    expect(screen.getByText('Partially paid')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Record payment/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Issue credit note/ })).toBeNull();
    // Sales do not read payments (RLS), so no allocations card that would look empty.
    expect(screen.queryByRole('table', { name: 'Payments and credit notes' })).toBeNull();
  });
});

describe('payments', () => {
  it('spreads a payment over the open invoices oldest first and says what stays as credit', async () => {
    const { requests } = mockInvoicing();
    server.use(http.get('*/rest/v1/payments', () => pgRows([], { total: 0 })));
    renderApp('/payments', signIn());

    fireEvent.click(await screen.findByRole('button', { name: /Record payment/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Record a payment' });
    await choose('Customer', CUSTOMER.name, dialog);
    fireEvent.change(within(dialog).getByLabelText('Amount (USD)'), { target: { value: '150' } });
    const older = await within(dialog).findByLabelText<HTMLInputElement>('Allocate to INV-2026-00030');
    const newer = within(dialog).getByLabelText<HTMLInputElement>('Allocate to INV-2026-00042');
    expect([older.value, newer.value]).toEqual(['100.00', '50.00']);

    fireEvent.change(newer, { target: { value: '20' } });
    expect(within(dialog).getByRole('status').textContent).toBe(
      "Allocated $120.00 of $150.00. The rest, $30.00, stays as the customer's credit and can be allocated later.",
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Record payment' }));
    await waitFor(() => expect(rpc(requests, 'record_payment')).toHaveLength(1));
    expect(rpc(requests, 'record_payment')[0]!.body).toMatchObject({
      p_direction: 'incoming',
      p_account_id: CUSTOMER.id,
      p_amount: '150',
      p_allocations: [
        { invoice_id: OLDER_ID, amount: '100.00' },
        { invoice_id: INVOICE_ID, amount: '20.00' },
      ],
    });
  });
});

describe('aging', () => {
  const AGING = [
    {
      account_id: CUSTOMER.id,
      account_name: CUSTOMER.name,
      current_amount: 58,
      days_1_30: 100.1,
      days_31_60: 0,
      days_61_90: 0,
      days_over_90: 0,
      total_due: 158.1,
      unapplied_credit: 12,
      oldest_due_date: '2026-10-31',
    },
    {
      account_id: 'a2000000-0000-4000-8000-000000000002',
      account_name: 'Bon app',
      current_amount: 0,
      days_1_30: 0,
      days_31_60: 0.2,
      days_61_90: 0,
      days_over_90: 1000,
      total_due: 1000.2,
      unapplied_credit: 0,
      oldest_due_date: '2026-07-01',
    },
  ];

  it('shows the buckets as of the date in the URL with a totals row, exports them and leads to the invoices', async () => {
    const calls: unknown[] = [];
    mockInvoicing();
    server.use(
      http.post('*/rest/v1/rpc/ar_aging', async ({ request }) => {
        calls.push(await request.json());
        return HttpResponse.json(AGING);
      }),
    );
    const { router } = renderApp('/reports/ar-aging?as_of=2026-11-30', signIn('accountant'));

    const table = await screen.findByRole('table', { name: 'Receivables aging as of 30 Nov 2026' });
    expect(calls).toEqual([{ p_org_id: NORTHWIND.id, p_as_of: '2026-11-30' }]);
    expect((screen.getByLabelText('As of') as HTMLInputElement).value).toBe('2026-11-30');
    const rows = within(table)
      .getAllByRole('row')
      .map((r) => r.textContent);
    expect(rows[0]).toBe('CustomerCurrent1–3031–6061–9090+TotalUnapplied credit');
    expect(rows[1]).toBe(`${CUSTOMER.name}oldest due 31 Oct 2026$58.00$100.10———$158.10$12.00`);
    // 100.10 + 0 and 158.10 + 1,000.20 summed exactly (not 1158.3000000000002).
    expect(rows[3]).toBe('Total$58.00$100.10$0.20$0.00$1,000.00$1,158.30$12.00');

    let blob: Blob | undefined;
    const create = vi.fn((b: Blob) => {
      blob = b;
      return 'blob:aging';
    });
    Object.assign(URL, { createObjectURL: create, revokeObjectURL: vi.fn() });
    let name = '';
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      name = this.download;
    });
    fireEvent.click(screen.getByRole('button', { name: /Export CSV/ }));
    await waitFor(() => expect(create).toHaveBeenCalled());
    click.mockRestore();
    const text = (
      await new Promise<string>((resolve) => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result as string);
        reader.readAsText(blob!);
      })
    ).replace(/^\uFEFF/, '');
    expect(name).toBe('ar-aging-2026-11-30.csv');
    expect(text.split('\r\n')).toEqual([
      'Customer,Current,1–30,31–60,61–90,90+,Total,Unapplied credit,Oldest due date',
      'Alfreds Futterkiste,58.00,100.10,0.00,0.00,0.00,158.10,12.00,2026-10-31',
      'Bon app,0.00,0.00,0.20,0.00,1000.00,1000.20,0.00,2026-07-01',
      'Total,58.00,100.10,0.20,0.00,1000.00,1158.30,12.00,',
    ]);

    fireEvent.click(within(table).getAllByRole('row')[2]!);
    await waitFor(() => expect(router.state.location.pathname).toBe('/invoices'));
    expect(router.state.location.search).toBe('?customer=a2000000-0000-4000-8000-000000000002&status=unpaid');
  });
});
