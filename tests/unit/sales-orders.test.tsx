// Sales order screens with msw (REST) and a stand-in Realtime server: a draft's lines show what
// is available in the order's warehouse, live, and warn when the order asks for more; confirming
// calls the RPC and shows the number and the backorder; a delivery posts the quantities entered
// (replacing the draft's lines, then post_delivery), and the database's refusal is shown; a won
// deal's "Create sales order" opens the new order (or the one the deal already has).
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { server } from './support/msw.ts';
import { createTestSupabase, renderApp } from './support/render-app.tsx';
import { mockSignedInUser, NORTHWIND, pgError, pgRows, USER_ID, type RecordedRequest } from './support/rest.ts';
import { fakeSession } from './support/session.ts';

type Role = 'sales' | 'warehouse' | 'manager';

const CUSTOMER = { id: 'c1000000-0000-4000-8000-000000000004', name: 'Great Lakes Food Market' };
const MAIN = { id: 'e0000000-0000-4000-8000-000000000001', code: 'MAIN', name: 'Main warehouse' };
const EAST = { id: 'e0000000-0000-4000-8000-000000000002', code: 'EAST', name: 'East depot' };
const CHAI = {
  id: 'a3000000-0000-4000-8000-000000000001',
  sku: 'NW-CHAI-24',
  name: 'Chai tea',
  uom: 'box',
  kind: 'stocked',
};
const SETUP = { id: 'a3000000-0000-4000-8000-000000000009', sku: 'SV-SETUP', name: 'Setup', uom: 'h', kind: 'service' };
const ORDER_ID = 'f1000000-0000-4000-8000-000000000001';
const CHAI_LINE = 'f2000000-0000-4000-8000-000000000001';
const SETUP_LINE = 'f2000000-0000-4000-8000-000000000002';
const DELIVERY_ID = 'f3000000-0000-4000-8000-000000000001';
const DEAL_ID = 'd0000000-0000-4000-8000-000000000042';
const NEW_ORDER_ID = 'f1000000-0000-4000-8000-000000000099';

function line(
  id: string,
  product: typeof CHAI,
  quantity: number,
  unitPrice: number,
  discount: number,
  tax: number,
  extra: Record<string, number> = {},
) {
  const net = Math.round(quantity * unitPrice * (1 - discount / 100) * 100) / 100;
  return {
    id,
    org_id: NORTHWIND.id,
    sales_order_id: ORDER_ID,
    position: id === CHAI_LINE ? 0 : 1,
    product_id: product.id,
    description: product.name,
    quantity,
    unit_price: unitPrice,
    discount_pct: discount,
    tax_rate: tax,
    net_amount: net,
    tax_amount: Math.round(net * tax) / 100,
    reserved_quantity: 0,
    delivered_quantity: 0,
    invoiced_quantity: 0,
    returned_quantity: 0,
    created_at: '2026-12-01T10:00:00Z',
    updated_at: '2026-12-01T10:00:00Z',
    product,
    ...extra,
  };
}

function order(id: string, status: string, number: string | null, lines: ReturnType<typeof line>[]) {
  return {
    id,
    org_id: NORTHWIND.id,
    number,
    account_id: CUSTOMER.id,
    contact_id: null,
    deal_id: null,
    warehouse_id: MAIN.id,
    status,
    order_date: '2026-12-01',
    promised_date: '2026-12-10',
    currency: 'USD',
    payment_terms_days: 30,
    customer_reference: null,
    notes: null,
    owner_id: USER_ID,
    confirmed_at: null,
    cancelled_at: null,
    created_by: USER_ID,
    created_at: '2026-12-01T10:00:00Z',
    updated_at: '2026-12-01T10:00:00Z',
    customer: CUSTOMER,
    warehouse: MAIN,
    deal: null,
    lines,
  };
}

// 10 × 18.00 less 10% = 162.00 (tax 8%: 12.96); 1 h of setup at 99.99.
const DRAFT = order(ORDER_ID, 'draft', null, [
  line(CHAI_LINE, CHAI, 10, 18, 10, 8),
  line(SETUP_LINE, SETUP, 1, 99.99, 0, 0),
]);
// Confirmed with 6 of 10 reserved: 4 on backorder.
const CONFIRMED = order(ORDER_ID, 'confirmed', 'SO-2026-00003', [
  line(CHAI_LINE, CHAI, 10, 18, 10, 8, { reserved_quantity: 6 }),
  line(SETUP_LINE, SETUP, 1, 99.99, 0, 0),
]);

function level(warehouse: typeof MAIN, onHand: number, reserved: number, version: number) {
  return {
    product_id: CHAI.id,
    warehouse_id: warehouse.id,
    on_hand: onHand,
    reserved,
    available: onHand - reserved,
    version,
  };
}

function signIn(role: Role) {
  const { realtime } = mockSignedInUser({
    memberships: [{ organization: NORTHWIND, role }],
    defaultOrgId: NORTHWIND.id,
  });
  return { realtime, supabase: createTestSupabase({ session: fakeSession('linus@example.com', USER_ID) }) };
}

/** The order's REST surface; `state.order` is what the database holds, changed by the RPCs. */
function mockOrders(initial: ReturnType<typeof order>, { postRefusal }: { postRefusal?: string } = {}) {
  const requests: RecordedRequest[] = [];
  const state = {
    order: initial,
    deliveries: [] as Record<string, unknown>[],
  };
  const record = async (request: Request) => {
    const text = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
    requests.push({
      method: request.method,
      url: new URL(request.url),
      body: text ? (JSON.parse(text) as unknown) : null,
      headers: request.headers,
    });
  };
  server.use(
    http.get('*/rest/v1/sales_orders', ({ request }) => {
      const url = new URL(request.url);
      const id = url.searchParams.get('id')?.replace(/^eq\./, '');
      const row = id === state.order.id ? state.order : null;
      return request.headers.get('accept')?.includes('vnd.pgrst.object') ? HttpResponse.json(row) : pgRows([row]);
    }),
    http.get('*/rest/v1/deliveries', () => pgRows(state.deliveries)),
    http.get('*/rest/v1/customer_returns', () => pgRows([])),
    http.get('*/rest/v1/invoices', () => pgRows([])),
    http.get('*/rest/v1/warehouses', () =>
      pgRows([
        { ...MAIN, is_default: true },
        { ...EAST, is_default: false },
      ]),
    ),
    http.get('*/rest/v1/stock_levels', () =>
      pgRows(
        [level(MAIN, 8, 2, 4), level(EAST, 50, 0, 1)].map((l) => ({
          ...l,
          warehouse: l.warehouse_id === MAIN.id ? { code: 'MAIN', name: MAIN.name } : { code: 'EAST', name: EAST.name },
        })),
      ),
    ),
    http.post('*/rest/v1/rpc/confirm_sales_order', async ({ request }) => {
      await record(request);
      state.order = CONFIRMED;
      const { customer: _c, warehouse: _w, deal: _d, lines: _l, ...row } = CONFIRMED;
      return HttpResponse.json(row);
    }),
    http.post('*/rest/v1/rpc/create_delivery', async ({ request }) => {
      await record(request);
      const delivery = {
        id: DELIVERY_ID,
        org_id: NORTHWIND.id,
        number: null,
        sales_order_id: ORDER_ID,
        warehouse_id: MAIN.id,
        status: 'draft',
        delivery_date: '2026-12-02',
        carrier_reference: null,
        notes: null,
        journal_entry_id: null,
        posted_at: null,
        posted_by: null,
        created_by: USER_ID,
        created_at: '2026-12-02T10:00:00Z',
        updated_at: '2026-12-02T10:00:00Z',
      };
      state.deliveries = [
        {
          ...delivery,
          lines: [{ id: 'f4000000-0000-4000-8000-000000000001', sales_order_line_id: CHAI_LINE, quantity: 10 }],
        },
      ];
      return HttpResponse.json(delivery);
    }),
    http.delete('*/rest/v1/delivery_lines', async ({ request }) => {
      await record(request);
      return new HttpResponse(null, { status: 204 });
    }),
    http.post('*/rest/v1/delivery_lines', async ({ request }) => {
      await record(request);
      return new HttpResponse(null, { status: 201 });
    }),
    http.post('*/rest/v1/rpc/post_delivery', async ({ request }) => {
      await record(request);
      if (postRefusal) return pgError(400, { code: '23514', message: postRefusal });
      return HttpResponse.json({ id: DELIVERY_ID, status: 'posted', number: 'DEL-2026-00001' });
    }),
  );
  return { requests, state };
}

const calls = (requests: RecordedRequest[], path: string) => requests.filter((r) => r.url.pathname.endsWith(path));

describe('sales orders list', () => {
  it('lists number or "Draft", customer, dates, status and the exact total, and filters by customer and date on the server', async () => {
    const { supabase } = signIn('sales');
    const reads: URL[] = [];
    server.use(
      http.get('*/rest/v1/sales_orders', ({ request }) => {
        const url = new URL(request.url);
        reads.push(url);
        const rows = [DRAFT, { ...CONFIRMED, id: 'f1000000-0000-4000-8000-000000000002' }];
        return pgRows(url.searchParams.get('customer.name') ? rows.slice(1) : rows, { total: 2 });
      }),
    );
    renderApp('/sales-orders', supabase);

    const table = await screen.findByRole('table', { name: 'Sales orders' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain('Draft');
    expect(rows[0]!.textContent).toContain('Great Lakes Food Market');
    // 162.00 + 12.96 + 99.99.
    expect(rows[0]!.textContent).toContain('$274.95');
    expect(rows[1]!.textContent).toContain('SO-2026-00003');
    expect(rows[1]!.textContent).toContain('Confirmed');
    expect(screen.getByRole('button', { name: /New order/ })).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Customer'), { target: { value: 'lakes_50%' } });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
    const filtered = reads.at(-1)!;
    // The customer joins inner, so other customers' orders drop out; LIKE wildcards typed are literal.
    expect(filtered.searchParams.get('select')).toContain('customer:accounts!inner(id,name)');
    expect(filtered.searchParams.get('customer.name')).toBe('ilike.*lakes\\_50\\%*');

    fireEvent.change(screen.getByLabelText('Ordered from'), { target: { value: '2026-11-01' } });
    await waitFor(() => expect(reads.at(-1)!.searchParams.get('order_date')).toBe('gte.2026-11-01'));
  });
});

describe('sales order lines', () => {
  it("shows what is available in the order's warehouse, live, and warns when the order asks for more", async () => {
    const { realtime, supabase } = signIn('sales');
    mockOrders(DRAFT);
    renderApp(`/sales-orders/${ORDER_ID}`, supabase);

    await screen.findByRole('heading', { level: 1, name: 'Draft sales order' });
    const lines = screen.getByRole('form', { name: 'Order lines' });
    // MAIN only (6 available), not the 50 in EAST; the service line has no stock.
    await waitFor(() => expect(within(lines).getAllByTestId('line-available')).toHaveLength(1));
    const available = within(lines).getByTestId('line-available');
    expect(available.textContent).toContain('Available in MAIN: 6box');
    expect(available.textContent).toContain('More than available: 4 box would be backordered');
    // Exact totals: 162.00 + 99.99 net, 12.96 tax.
    expect(lines.textContent).toContain('$261.99');
    expect(lines.textContent).toContain('$12.96');
    expect(lines.textContent).toContain('$274.95');

    // A receipt elsewhere in the org: MAIN now has 18 available. No warning any more.
    await waitFor(() => expect(realtime.joined('live-stock')).toBeTruthy());
    await new Promise((resolve) => setTimeout(resolve, 100));
    realtime.push('live-stock', 'stock_levels', 'UPDATE', {
      ...level(MAIN, 20, 2, 5),
      org_id: NORTHWIND.id,
      last_movement_at: '2026-12-02T10:00:00Z',
    });
    await waitFor(() => expect(available.textContent).toContain('Available in MAIN: 18box'));
    expect(available.querySelector('[data-flash]')?.textContent).toBe('18box');
    expect(available.textContent).not.toContain('More than available');

    // Asking for 25 is more than that again.
    fireEvent.change(within(lines).getByLabelText('Line 1 quantity'), { target: { value: '25' } });
    await waitFor(() =>
      expect(within(lines).getByTestId('line-available').textContent).toContain(
        'More than available: 7 box would be backordered',
      ),
    );
    // 25 × 18 × 0.9 = 405.00 (+ 99.99); tax 32.40.
    expect(lines.textContent).toContain('$504.99');
    expect(lines.textContent).toContain('$537.39');
  });

  it('confirms with the RPC and shows the number and what went on backorder', async () => {
    const { supabase } = signIn('manager');
    const { requests } = mockOrders(DRAFT);
    renderApp(`/sales-orders/${ORDER_ID}`, supabase);

    await screen.findByRole('heading', { level: 1, name: 'Draft sales order' });
    fireEvent.click(screen.getByRole('button', { name: /^Confirm$/ }));
    await screen.findByRole('heading', { level: 1, name: 'Sales order SO-2026-00003' });
    expect(calls(requests, '/rpc/confirm_sales_order').map((r) => r.body)).toEqual([{ p_order_id: ORDER_ID }]);
    const alert = screen.getByText(/Confirmed as SO-2026-00003/).closest('[role]')!;
    expect(alert.textContent).toContain('on backorder: 4 box Chai tea');
    const table = screen.getByRole('table', { name: 'Order lines' });
    const chai = within(table).getByRole('row', { name: /Chai tea/ });
    expect(within(chai).getByTestId('line-backorder').textContent).toContain('4 backordered');
    // The service line has no backorder.
    expect(within(within(table).getByRole('row', { name: /Setup/ })).getByTestId('line-backorder').textContent).toBe(
      '—',
    );
    expect(screen.getByRole('button', { name: /Reserve again/ })).toBeTruthy();
  });
});

describe('deliveries', () => {
  it('posts a delivery with the quantities entered: the draft lines replaced, then post_delivery', async () => {
    const { supabase } = signIn('warehouse');
    const { requests } = mockOrders(CONFIRMED);
    renderApp(`/sales-orders/${ORDER_ID}`, supabase);

    await screen.findByRole('heading', { level: 1, name: 'Sales order SO-2026-00003' });
    fireEvent.click(screen.getByRole('button', { name: /Create delivery/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Deliver SO-2026-00003' });
    expect(calls(requests, '/rpc/create_delivery').map((r) => r.body)).toEqual([{ p_order_id: ORDER_ID }]);
    const chai = within(dialog).getByLabelText<HTMLInputElement>('Delivering now: Chai tea');
    expect(chai.value).toBe('10');
    // The service line is not delivered.
    expect(within(dialog).queryByLabelText('Delivering now: Setup')).toBeNull();

    // More than is left is stopped before anything is sent.
    fireEvent.change(chai, { target: { value: '11' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Post delivery' }));
    await within(dialog).findByText('At most 10 left to deliver');
    expect(calls(requests, '/rpc/post_delivery')).toHaveLength(0);

    fireEvent.change(chai, { target: { value: '6' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Post delivery' }));
    await screen.findByText('Delivery DEL-2026-00001 posted');
    const cleared = calls(requests, '/delivery_lines').filter((r) => r.method === 'DELETE');
    expect(cleared).toHaveLength(1);
    expect(cleared[0]!.url.searchParams.get('delivery_id')).toBe(`eq.${DELIVERY_ID}`);
    expect(cleared[0]!.url.searchParams.get('org_id')).toBe(`eq.${NORTHWIND.id}`);
    const inserted = calls(requests, '/delivery_lines').filter((r) => r.method === 'POST');
    expect(inserted.map((r) => r.body)).toEqual([
      [{ sales_order_line_id: CHAI_LINE, quantity: 6, org_id: NORTHWIND.id, delivery_id: DELIVERY_ID }],
    ]);
    expect(calls(requests, '/rpc/post_delivery').map((r) => r.body)).toEqual([{ p_delivery_id: DELIVERY_ID }]);
    // In that order: lines replaced before posting.
    const order = requests.map((r) => `${r.method} ${r.url.pathname.split('/').pop()}`);
    expect(order).toEqual([
      'POST create_delivery',
      'DELETE delivery_lines',
      'POST delivery_lines',
      'POST post_delivery',
    ]);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it("shows the database's refusal in the dialog and keeps the draft", async () => {
    const refusal = 'Cannot deliver 6 of NW-CHAI-24: only 2 left on the order';
    const { supabase } = signIn('warehouse');
    const { requests } = mockOrders(CONFIRMED, { postRefusal: refusal });
    renderApp(`/sales-orders/${ORDER_ID}`, supabase);

    await screen.findByRole('heading', { level: 1, name: 'Sales order SO-2026-00003' });
    fireEvent.click(screen.getByRole('button', { name: /Create delivery/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Deliver SO-2026-00003' });
    fireEvent.change(within(dialog).getByLabelText('Delivering now: Chai tea'), { target: { value: '6' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Post delivery' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('Could not post the delivery');
    expect(alert.textContent).toContain(refusal);
    expect(screen.getByRole('dialog', { name: 'Deliver SO-2026-00003' })).toBeTruthy();
    // Never discarded: the draft stays for a correction.
    expect(requests.some((r) => r.method === 'DELETE' && r.url.pathname.endsWith('/deliveries'))).toBe(false);
  });

  it('gives a sales rep no delivery action on a confirmed order, and the warehouse no line editing on a draft', async () => {
    const rep = signIn('sales');
    mockOrders(CONFIRMED);
    const view = renderApp(`/sales-orders/${ORDER_ID}`, rep.supabase);
    await screen.findByRole('heading', { level: 1, name: 'Sales order SO-2026-00003' });
    expect(screen.queryByRole('button', { name: /Create delivery/ })).toBeNull();
    expect(screen.getByRole('button', { name: /Cancel order/ })).toBeTruthy();
    view.unmount();

    const keeper = signIn('warehouse');
    mockOrders(DRAFT);
    renderApp(`/sales-orders/${ORDER_ID}`, keeper.supabase);
    await screen.findByRole('heading', { level: 1, name: 'Draft sales order' });
    const lines = screen.getByRole('form', { name: 'Order lines' });
    expect(within(lines).getByLabelText<HTMLInputElement>('Line 1 quantity').disabled).toBe(true);
    expect(within(lines).queryByRole('button', { name: /Save lines/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Confirm$/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Cancel order/ })).toBeNull();
  });
});

describe('create a sales order from a won deal', () => {
  const STAGES = [
    { id: 'b1000000-0000-4000-8000-000000000001', name: 'Lead in', position: 0, probability: 10, kind: 'open' },
    { id: 'b1000000-0000-4000-8000-000000000002', name: 'Won', position: 1, probability: 100, kind: 'won' },
  ];
  const PIPELINE = 'b0000000-0000-4000-8000-000000000001';

  /** The button waits for the check that the deal has no order yet. */
  async function clickCreate() {
    const button = await screen.findByRole<HTMLButtonElement>('button', { name: /Create sales order/ });
    await waitFor(() => expect(button.disabled).toBe(false));
    fireEvent.click(button);
  }

  function mockDeal(answer: () => Response) {
    const requests: RecordedRequest[] = [];
    const deal = {
      id: DEAL_ID,
      org_id: NORTHWIND.id,
      pipeline_id: PIPELINE,
      stage_id: STAGES[1]!.id,
      title: 'Great Lakes: winter tea',
      amount: 162,
      currency: 'USD',
      probability: 100,
      expected_close_date: null,
      owner_id: USER_ID,
      account_id: CUSTOMER.id,
      contact_id: null,
      tags: [],
      notes: null,
      status: 'won',
      lost_reason: null,
      closed_at: '2026-12-01T10:00:00Z',
      stage_changed_at: '2026-12-01T10:00:00Z',
      created_at: '2026-11-01T10:00:00Z',
      version: 3,
      account: CUSTOMER,
      contact: null,
      lines: [],
      participants: [],
      history: [],
    };
    // Everything else the deal page reads (activities, options) is empty.
    server.use(
      http.get('*/rest/v1/*', () => pgRows([])),
      http.post('*/storage/v1/*', () => HttpResponse.json([])),
    );
    server.use(
      http.get('*/rest/v1/deals', ({ request }) =>
        request.headers.get('accept')?.includes('vnd.pgrst.object') ? HttpResponse.json(deal) : pgRows([deal]),
      ),
      http.get('*/rest/v1/pipelines', () =>
        pgRows([{ id: PIPELINE, name: 'Sales', position: 0, is_default: true, archived_at: null, stages: STAGES }]),
      ),
      http.post('*/rest/v1/rpc/org_member_profiles', () => HttpResponse.json([])),
      http.get('*/rest/v1/sales_orders', ({ request }) => {
        const url = new URL(request.url);
        if (url.searchParams.get('deal_id')) return pgRows([]);
        const id = url.searchParams.get('id')?.replace(/^eq\./, '');
        return HttpResponse.json({ ...DRAFT, id, deal_id: DEAL_ID, deal: { id: DEAL_ID, title: deal.title } });
      }),
      http.post('*/rest/v1/rpc/create_sales_order_from_deal', async ({ request }) => {
        requests.push({
          method: 'POST',
          url: new URL(request.url),
          body: await request.json(),
          headers: request.headers,
        });
        return answer();
      }),
    );
    return requests;
  }

  it('creates the order and opens it', async () => {
    // The deal page's catch-all first: the signed-in user's reads registered after it win.
    const requests = mockDeal(() => HttpResponse.json({ ...DRAFT, id: NEW_ORDER_ID, lines: undefined }));
    const { supabase } = signIn('sales');
    const { router } = renderApp(`/deals/${DEAL_ID}`, supabase);

    await clickCreate();
    await waitFor(() => expect(router.state.location.pathname).toBe(`/sales-orders/${NEW_ORDER_ID}`));
    expect(requests.map((r) => r.body)).toEqual([{ p_deal_id: DEAL_ID }]);
    await screen.findByRole('heading', { level: 1, name: 'Draft sales order' });
    expect(screen.getByRole('link', { name: 'Great Lakes: winter tea' }).getAttribute('href')).toBe(
      `/deals/${DEAL_ID}`,
    );
  });

  it('opens the order the deal already has when the database says so (23505)', async () => {
    mockDeal(() =>
      pgError(409, {
        code: '23505',
        message: 'Deal "Great Lakes: winter tea" already has sales order SO-2026-00001',
        details: JSON.stringify({ sales_order_id: ORDER_ID }),
      }),
    );
    const { supabase } = signIn('sales');
    const { router } = renderApp(`/deals/${DEAL_ID}`, supabase);

    await clickCreate();
    await waitFor(() => expect(router.state.location.pathname).toBe(`/sales-orders/${ORDER_ID}`));
    await screen.findByText('Deal "Great Lakes: winter tea" already has sales order SO-2026-00001');
  });
});
