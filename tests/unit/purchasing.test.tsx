// Purchasing screens with msw: the list of purchase orders, confirming a draft (the RPC gets
// the order's id and the number it returns shows), and the receipt dialog, which posts the
// quantities entered (a partial receipt) through the RPCs.
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { server } from './support/msw.ts';
import { createTestSupabase, renderApp } from './support/render-app.tsx';
import { mockSignedInUser, NORTHWIND, pgRows, USER_ID, type RecordedRequest } from './support/rest.ts';
import { fakeSession } from './support/session.ts';

const SUPPLIER = { id: 'a2000000-0000-4000-8000-000000000001', name: 'Pacific Components Ltd', currency: 'USD' };
const WAREHOUSE = {
  id: 'a1000000-0000-4000-8000-000000000001',
  code: 'MAIN',
  name: 'Main warehouse',
  is_default: true,
};
const CHAI = {
  id: 'a3000000-0000-4000-8000-000000000001',
  sku: 'NW-CHAI-24',
  name: 'Chai tea',
  uom: 'box',
  kind: 'stocked',
};
const CAJUN = {
  id: 'a3000000-0000-4000-8000-000000000004',
  sku: 'NW-CAJUN-48',
  name: 'Cajun seasoning',
  uom: 'case',
  kind: 'stocked',
};
const DRAFT_ID = 'a4000000-0000-4000-8000-000000000001';
const SENT_ID = 'a4000000-0000-4000-8000-000000000002';
const RECEIPT_ID = 'a6000000-0000-4000-8000-000000000001';

function line(id: string, poId: string, product: typeof CHAI, quantity: number, unitCost: number, received = 0) {
  return {
    id,
    org_id: NORTHWIND.id,
    purchase_order_id: poId,
    position: Number(id.slice(-1)),
    product_id: product.id,
    description: null,
    quantity,
    unit_cost: unitCost,
    tax_rate: 0,
    received_quantity: received,
    billed_quantity: 0,
    net_amount: Math.round(quantity * unitCost * 100) / 100,
    created_at: '2026-11-01T10:00:00Z',
    updated_at: '2026-11-01T10:00:00Z',
    product,
  };
}

function po(id: string, number: string | null, status: string, lines: ReturnType<typeof line>[]) {
  return {
    id,
    org_id: NORTHWIND.id,
    number,
    supplier_id: SUPPLIER.id,
    warehouse_id: WAREHOUSE.id,
    status,
    currency: 'USD',
    exchange_rate: 1,
    order_date: '2026-11-01',
    expected_date: '2026-11-10',
    supplier_reference: null,
    notes: null,
    source: null,
    confirmed_at: null,
    created_by: USER_ID,
    created_at: '2026-11-01T10:00:00Z',
    updated_at: '2026-11-01T10:00:00Z',
    supplier: { id: SUPPLIER.id, name: SUPPLIER.name },
    warehouse: { id: WAREHOUSE.id, code: WAREHOUSE.code, name: WAREHOUSE.name },
    lines,
  };
}

const DRAFT = po(DRAFT_ID, null, 'draft', [line('b0000000-0000-4000-8000-000000000001', DRAFT_ID, CHAI, 10, 9.9)]);
const SENT = po(SENT_ID, 'PO-2026-0002', 'sent', [
  line('b0000000-0000-4000-8000-000000000002', SENT_ID, CHAI, 24, 9.9),
  line('b0000000-0000-4000-8000-000000000003', SENT_ID, CAJUN, 48, 12.1, 8),
]);

function mockPurchasing() {
  const requests: RecordedRequest[] = [];
  const record = async (request: Request) => {
    const text = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
    requests.push({
      method: request.method,
      url: new URL(request.url),
      body: text ? (JSON.parse(text) as unknown) : null,
      headers: request.headers,
    });
  };
  let draft = DRAFT;
  server.use(
    http.get('*/rest/v1/purchase_orders', ({ request }) => {
      const url = new URL(request.url);
      const id = url.searchParams.get('id')?.replace(/^eq\./, '');
      if (id) {
        const row = [draft, SENT].find((r) => r.id === id) ?? null;
        return request.headers.get('accept')?.includes('vnd.pgrst.object') ? HttpResponse.json(row) : pgRows([row]);
      }
      return pgRows([draft, SENT], { total: 2 });
    }),
    http.get('*/rest/v1/accounts', () => pgRows([SUPPLIER])),
    http.get('*/rest/v1/warehouses', () => pgRows([WAREHOUSE])),
    http.get('*/rest/v1/products', () =>
      pgRows([
        { ...CHAI, cost: 9.9 },
        { ...CAJUN, cost: 12.1 },
      ]),
    ),
    http.get('*/rest/v1/goods_receipts', () => pgRows([])),
    http.get('*/rest/v1/vendor_bills', () => pgRows([])),
    http.post('*/rest/v1/rpc/confirm_purchase_order', async ({ request }) => {
      await record(request);
      draft = { ...draft, status: 'sent', number: 'PO-2026-0003' };
      return HttpResponse.json({ ...draft, supplier: undefined, warehouse: undefined, lines: undefined });
    }),
    http.post('*/rest/v1/rpc/create_goods_receipt', async ({ request }) => {
      await record(request);
      return HttpResponse.json({ id: RECEIPT_ID, status: 'draft', number: null });
    }),
    http.patch('*/rest/v1/goods_receipts', async ({ request }) => {
      await record(request);
      return new HttpResponse(null, { status: 204 });
    }),
    http.delete('*/rest/v1/goods_receipt_lines', async ({ request }) => {
      await record(request);
      return new HttpResponse(null, { status: 204 });
    }),
    http.post('*/rest/v1/goods_receipt_lines', async ({ request }) => {
      await record(request);
      return new HttpResponse(null, { status: 201 });
    }),
    http.post('*/rest/v1/rpc/post_goods_receipt', async ({ request }) => {
      await record(request);
      return HttpResponse.json({ id: RECEIPT_ID, status: 'posted', number: 'GRN-2026-0007' });
    }),
  );
  return requests;
}

function signIn() {
  mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'manager' }], defaultOrgId: NORTHWIND.id });
  return createTestSupabase({ session: fakeSession('linus@example.com', USER_ID) });
}

describe('purchasing', () => {
  it('lists purchase orders with number or "Draft", supplier, status, total and received share', async () => {
    mockPurchasing();
    renderApp('/purchase-orders', signIn());

    const table = await screen.findByRole('table', { name: 'Purchase orders' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain('Draft');
    expect(rows[0]!.textContent).toContain('Pacific Components Ltd');
    expect(rows[0]!.textContent).toContain('$99.00');
    expect(rows[0]!.textContent).toContain('0%');
    expect(rows[1]!.textContent).toContain('PO-2026-0002');
    expect(rows[1]!.textContent).toContain('Sent');
    // 24 × 9.90 + 48 × 12.10 = 237.60 + 580.80; 8 of 72 received.
    expect(rows[1]!.textContent).toContain('$818.40');
    expect(rows[1]!.textContent).toContain('11%');
    expect(screen.getByRole('button', { name: /New purchase order/ })).toBeTruthy();
  });

  it('confirms a draft with the RPC and shows the number it was given', async () => {
    const requests = mockPurchasing();
    renderApp(`/purchase-orders/${DRAFT_ID}`, signIn());

    await screen.findByRole('heading', { level: 1, name: 'Draft purchase order' });
    fireEvent.click(await screen.findByRole('button', { name: /Confirm and send/ }));
    await waitFor(() =>
      expect(requests.some((r) => r.url.pathname.endsWith('/rpc/confirm_purchase_order'))).toBe(true),
    );
    const call = requests.find((r) => r.url.pathname.endsWith('/rpc/confirm_purchase_order'))!;
    expect(call.body).toEqual({ p_po_id: DRAFT_ID });
    await screen.findByRole('heading', { level: 1, name: 'Purchase order PO-2026-0003' });
  });

  it('posts a receipt with the quantities entered in the dialog', async () => {
    const requests = mockPurchasing();
    renderApp(`/purchase-orders/${SENT_ID}`, signIn());

    await screen.findByRole('heading', { level: 1, name: 'Purchase order PO-2026-0002' });
    fireEvent.click(screen.getByRole('button', { name: /Receive/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Receive goods for PO-2026-0002' });
    const chai = within(dialog).getByLabelText<HTMLInputElement>('Receiving now: Chai tea');
    const cajun = within(dialog).getByLabelText<HTMLInputElement>('Receiving now: Cajun seasoning');
    // Defaults: everything still open.
    expect(chai.value).toBe('24');
    expect(cajun.value).toBe('40');
    fireEvent.change(chai, { target: { value: '10' } });
    fireEvent.change(cajun, { target: { value: '0' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Post receipt' }));

    await waitFor(() => expect(requests.some((r) => r.url.pathname.endsWith('/rpc/post_goods_receipt'))).toBe(true));
    const paths = requests.map((r) => `${r.method} ${r.url.pathname.replace(/^.*\/rest\/v1\//, '')}`);
    expect(paths).toEqual([
      'POST rpc/create_goods_receipt',
      'PATCH goods_receipts',
      'DELETE goods_receipt_lines',
      'POST goods_receipt_lines',
      'POST rpc/post_goods_receipt',
    ]);
    expect(requests[0]!.body).toEqual({ p_po_id: SENT_ID });
    expect(requests[3]!.body).toEqual([
      {
        purchase_order_line_id: 'b0000000-0000-4000-8000-000000000002',
        quantity: 10,
        org_id: NORTHWIND.id,
        goods_receipt_id: RECEIPT_ID,
      },
    ]);
    expect(requests[4]!.body).toEqual({ p_receipt_id: RECEIPT_ID });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});
