// The invoices list reached from the finance dashboard's overdue tile (msw for REST): status=overdue
// reads invoice_balances' overdue documents and invoice_list_totals with the same filter, and the line
// above the table shows their count and what they still owe in base currency, as the server sent it.
import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { server } from './support/msw.ts';
import { createTestSupabase, renderApp } from './support/render-app.tsx';
import { mockSignedInUser, NORTHWIND, pgRows, USER_ID } from './support/rest.ts';
import { fakeSession } from './support/session.ts';

const ACME = { id: 'c1000000-0000-4000-8000-000000000004', name: 'Acme Corp' };
const OVERDUE = {
  id: 'f5000000-0000-4000-8000-000000000001',
  org_id: NORTHWIND.id,
  number: 'INV-2026-00007',
  kind: 'invoice',
  account_id: ACME.id,
  sales_order_id: null,
  status: 'posted',
  invoice_date: '2026-01-05',
  due_date: '2026-02-04',
  currency: 'EUR',
  exchange_rate: 1.1,
  total: 200,
  amount_paid: 50,
  amount_due: 150,
  payment_status: 'overdue',
};

describe('invoice list filters from the dashboard', () => {
  it('lists the overdue invoices with their count and what they still owe in base currency', async () => {
    mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'accountant' }], defaultOrgId: NORTHWIND.id });
    const reads: URLSearchParams[] = [];
    const totalsCalls: unknown[] = [];
    server.use(
      http.get('*/rest/v1/invoice_balances', ({ request }) => {
        reads.push(new URL(request.url).searchParams);
        return pgRows([OVERDUE], { total: 2 });
      }),
      http.get('*/rest/v1/accounts', () => pgRows([ACME])),
      http.post('*/rest/v1/rpc/invoice_list_totals', async ({ request }) => {
        totalsCalls.push(await request.json());
        // 150.00 EUR × 1.1 = 165.00 plus another invoice's 80.00 USD.
        return HttpResponse.json({ count: 2, currency: 'USD', amount_due: 245 });
      }),
    );
    renderApp('/invoices?status=overdue', createTestSupabase({ session: fakeSession('linus@example.com', USER_ID) }));

    expect(await screen.findByText('2 documents')).toBeTruthy();
    await screen.findByText('· $245.00 still due', { exact: false });
    expect(reads.at(-1)!.get('payment_status')).toBe('eq.overdue');
    expect(totalsCalls.at(-1)).toEqual({ p_org_id: NORTHWIND.id, p_status: 'overdue' });
    expect(screen.getByRole('table', { name: 'Invoices' }).textContent).toContain('INV-2026-00007');
  });
});
