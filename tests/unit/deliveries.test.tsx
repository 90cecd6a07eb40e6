// The deliveries list reached from the warehouse dashboard's on-time gauge (msw for REST): the
// period, warehouse and on-time filters come from the URL and go to delivery_punctuality (only
// deliveries whose order promised a date, as the gauge counts), show as chips, and the summary
// gives the count and the on-time count over every matching delivery.
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { server } from './support/msw.ts';
import { createTestSupabase, renderApp } from './support/render-app.tsx';
import { mockSignedInUser, NORTHWIND, pgRows, USER_ID } from './support/rest.ts';
import { fakeSession } from './support/session.ts';

const MAIN = { id: 'e0000000-0000-4000-8000-000000000001', code: 'MAIN', name: 'Main warehouse', is_default: true };
const ACME = { id: 'c1000000-0000-4000-8000-000000000001', name: 'Acme Corp' };
const LATE = {
  delivery_id: 'd9000000-0000-4000-8000-000000000001',
  number: 'DL-2026-00007',
  sales_order_id: 'd8000000-0000-4000-8000-000000000001',
  order_number: 'SO-2026-00004',
  account_id: ACME.id,
  warehouse_id: MAIN.id,
  delivery_date: '2026-02-10',
  promised_date: '2026-02-07',
  days_late: 3,
  on_time: false,
};
const ON_TIME = {
  ...LATE,
  delivery_id: 'd9000000-0000-4000-8000-000000000002',
  number: 'DL-2026-00006',
  days_late: 0,
  on_time: true,
};

function mockDeliveries() {
  const reads: { method: string; params: URLSearchParams }[] = [];
  mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'warehouse' }], defaultOrgId: NORTHWIND.id });
  const answer = (request: Request) => {
    const params = new URL(request.url).searchParams;
    reads.push({ method: request.method, params });
    // 7 deliveries match; 5 of them on time.
    if (params.get('on_time') === 'eq.true') return new HttpResponse(null, { headers: { 'Content-Range': '*/5' } });
    return pgRows([LATE, ON_TIME], { total: 7 });
  };
  server.use(
    http.get('*/rest/v1/delivery_punctuality', ({ request }) => answer(request)),
    http.head('*/rest/v1/delivery_punctuality', ({ request }) => answer(request)),
    http.get('*/rest/v1/accounts', () => pgRows([ACME])),
    http.get('*/rest/v1/warehouses', () => pgRows([MAIN])),
  );
  return reads;
}

const open = (path: string) =>
  renderApp(path, createTestSupabase({ session: fakeSession('linus@example.com', USER_ID) }));

describe('deliveries list from the dashboard', () => {
  it('lists the measured deliveries of a period and warehouse with the on-time count, and drops a filter from its chip', async () => {
    const reads = mockDeliveries();
    const { router } = open(`/deliveries?from=2026-02-01&to=2026-02-28&warehouse=${MAIN.id}`);

    expect((await screen.findByTestId('list-summary')).textContent).toBe('7 deliveries · 5 on time (71.4 %)');
    const table = screen.getByRole('table', { name: 'Deliveries' });
    expect(within(table).getByText('3 days late')).toBeTruthy();
    expect(within(table).getAllByText('Acme Corp')).toHaveLength(2);
    expect(within(table).getAllByRole('link', { name: 'SO-2026-00004' })[0]!.getAttribute('href')).toContain(
      `/sales-orders/${LATE.sales_order_id}`,
    );
    const page = reads.find((r) => r.method === 'GET')!.params;
    expect(page.get('org_id')).toBe(`eq.${NORTHWIND.id}`);
    expect(page.get('promised_date')).toBe('not.is.null');
    expect(page.getAll('delivery_date')).toEqual(['gte.2026-02-01', 'lte.2026-02-28']);
    expect(page.get('warehouse_id')).toBe(`eq.${MAIN.id}`);
    expect(screen.getByText('Delivered 1 Feb 2026 – 28 Feb 2026', { exact: false })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Remove filter: From Main warehouse' }));
    await waitFor(() => expect(router.state.location.search).toBe('?from=2026-02-01&to=2026-02-28'));
  });

  it('shows only late deliveries when asked, with none of them on time', async () => {
    const reads = mockDeliveries();
    open('/deliveries?on_time=no');
    expect((await screen.findByTestId('list-summary')).textContent).toBe('7 deliveries · 0 on time (0 %)');
    expect(reads.find((r) => r.method === 'GET')!.params.get('on_time')).toBe('eq.false');
  });
});
