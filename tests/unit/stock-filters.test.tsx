// The stock page reached from the inventory dashboard (msw for REST): availability (out of stock,
// below the reorder point) and the warehouse come from the URL, are read from stock_level_status
// with its flags, show as chips or set controls, and the count above the table is the exact count
// of every matching level (also beyond the rows shown).
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { http } from 'msw';
import { server } from './support/msw.ts';
import { createTestSupabase, renderApp } from './support/render-app.tsx';
import { mockSignedInUser, NORTHWIND, pgRows, USER_ID } from './support/rest.ts';
import { fakeSession } from './support/session.ts';

const MAIN = { id: 'e0000000-0000-4000-8000-000000000001', code: 'MAIN', name: 'Main warehouse', is_default: true };
const LEVEL = {
  product_id: 'a3000000-0000-4000-8000-000000000001',
  warehouse_id: MAIN.id,
  on_hand: 5,
  reserved: 5,
  available: 0,
  version: 3,
  last_movement_at: '2026-02-03T10:00:00Z',
  product: { sku: 'NW-CHAI-24', name: 'Chai tea', uom: 'box', barcode: null },
  warehouse: { code: 'MAIN', name: 'Main warehouse' },
};

function mockStock(total: number) {
  const reads: URLSearchParams[] = [];
  mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'warehouse' }], defaultOrgId: NORTHWIND.id });
  server.use(
    http.get('*/rest/v1/stock_level_status', ({ request }) => {
      reads.push(new URL(request.url).searchParams);
      return pgRows([LEVEL], { total });
    }),
    http.get('*/rest/v1/warehouses', () => pgRows([MAIN])),
  );
  return reads;
}

const open = (path: string) =>
  renderApp(path, createTestSupabase({ session: fakeSession('linus@example.com', USER_ID) }));

describe('stock page filters from the dashboard', () => {
  it('lists the stock-outs of a warehouse with their count, and drops the filter from its chip', async () => {
    const reads = mockStock(3);
    const { router } = open(`/stock?availability=out&warehouse=${MAIN.id}`);

    expect(await screen.findByText('3 out of stock')).toBeTruthy();
    expect(screen.getByRole('table', { name: 'Stock levels' }).textContent).toContain('Chai tea');
    const read = reads.at(-1)!;
    expect(read.get('stock_out')).toBe('is.true');
    expect(read.get('warehouse_id')).toBe(`eq.${MAIN.id}`);
    expect(read.get('org_id')).toBe(`eq.${NORTHWIND.id}`);

    fireEvent.click(screen.getByRole('button', { name: 'Remove filter: Out of stock' }));
    await waitFor(() => expect(router.state.location.search).toBe(`?warehouse=${MAIN.id}`));
    await waitFor(() => expect(reads.at(-1)!.get('stock_out')).toBeNull());
  });

  it('lists the levels below their reorder point, saying when there are more than shown', async () => {
    const reads = mockStock(612);
    open('/stock?availability=below_reorder');

    expect(await screen.findByText('612 below their reorder point')).toBeTruthy();
    await screen.findByText('· showing the 500 that moved most recently', { exact: false });
    expect(reads.at(-1)!.get('below_reorder')).toBe('is.true');
    expect(reads.at(-1)!.get('warehouse_id')).toBeNull();
  });
});
