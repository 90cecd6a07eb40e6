// useLiveStock with msw for REST and a stand-in Realtime server: a stock_levels UPDATE pushed
// over Realtime changes the shown total at once, flashing, without reading the levels again; an
// older version arriving late is ignored; a product's first row in a warehouse reads them again.
import { describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import { http } from 'msw';
import { AppProviders } from '@/app/providers.tsx';
import { createQueryClient } from '@/app/providers.tsx';
import { LiveQuantity } from '@/components/live-quantity.tsx';
import { useLiveStock } from '@/lib/use-live-stock.ts';
import { server } from './support/msw.ts';
import { createTestSupabase } from './support/render-app.tsx';
import { mockSignedInUser, NORTHWIND, pgRows, USER_ID } from './support/rest.ts';
import { fakeSession } from './support/session.ts';

const CHAI = 'a3000000-0000-4000-8000-000000000001';
const CHANG = 'a3000000-0000-4000-8000-000000000002';
const OTHER = 'a3000000-0000-4000-8000-000000000009';
const MAIN = 'e0000000-0000-4000-8000-000000000001';
const EAST = 'e0000000-0000-4000-8000-000000000002';

function level(productId: string, warehouseId: string, onHand: number, reserved: number, version: number) {
  return {
    product_id: productId,
    warehouse_id: warehouseId,
    on_hand: onHand,
    reserved,
    available: onHand - reserved,
    version,
  };
}

/** The levels the database holds; each read answers them with the warehouses joined. */
function mockLevels() {
  const rows = [level(CHAI, MAIN, 12, 2, 3), level(CHAI, EAST, 2.5, 0, 1)];
  const reads: URL[] = [];
  server.use(
    http.get('*/rest/v1/stock_levels', ({ request }) => {
      const url = new URL(request.url);
      reads.push(url);
      const ids = /^in\.\((.*)\)$/.exec(url.searchParams.get('product_id') ?? '')?.[1]?.split(',') ?? [];
      return pgRows(
        rows
          .filter((r) => ids.includes(r.product_id))
          .map((r) => ({
            ...r,
            warehouse: r.warehouse_id === MAIN ? { code: 'MAIN', name: 'Main' } : { code: 'EAST', name: 'East' },
          })),
      );
    }),
  );
  return { rows, reads };
}

/** Each product's total available, then its levels in warehouse code order. */
function Probe({ productIds }: { productIds: string[] }) {
  const { stock } = useLiveStock(NORTHWIND.id, productIds);
  return (
    <ul>
      {[...new Set(productIds)].map((id) => (
        <li key={id} data-testid={id}>
          {stock?.[id] ? (
            <>
              Available: <LiveQuantity value={stock[id].available} changedAt={stock[id].changedAt} />
              {stock[id].levels.map((l) => (
                <span key={l.warehouse_id} data-testid={`${id}:${l.warehouse?.code}`}>
                  <LiveQuantity value={l.available} changedAt={l.changedAt} />
                </span>
              ))}
            </>
          ) : (
            'Loading'
          )}
        </li>
      ))}
    </ul>
  );
}

/** What Realtime sends: the whole table row. */
const pushed = (row: ReturnType<typeof level>) => ({
  ...row,
  org_id: NORTHWIND.id,
  last_movement_at: '2026-12-02T10:00:00Z',
});

describe('useLiveStock', () => {
  it('applies a newer pushed level to the totals without a read, flashing, and ignores an older one', async () => {
    const { realtime } = mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'sales' }] });
    const { rows, reads } = mockLevels();
    const supabase = createTestSupabase({ session: fakeSession('linus@example.com', USER_ID) });
    render(
      <AppProviders supabase={supabase} queryClient={createQueryClient()}>
        <Probe productIds={[CHAI, CHANG, CHAI]} />
      </AppProviders>,
    );

    const chai = () => screen.getByTestId(CHAI);
    await waitFor(() => expect(chai().textContent).toBe('Available: 12.52.510'));
    // A product never stocked: nothing available, no levels.
    expect(screen.getByTestId(CHANG).textContent).toBe('Available: 0');
    expect(reads[0]!.searchParams.get('product_id')).toBe(`in.(${CHAI},${CHANG})`);
    expect(reads[0]!.searchParams.get('org_id')).toBe(`eq.${NORTHWIND.id}`);
    expect(chai().querySelector('[data-flash]')).toBeNull();

    await waitFor(() => expect(realtime.joined('live-stock')).toBeTruthy());
    expect(realtime.joined('live-stock')!.config.postgres_changes).toEqual([
      { event: '*', schema: 'public', table: 'stock_levels', filter: `org_id=eq.${NORTHWIND.id}` },
    ]);
    // Let a catch-up read (when the first read came before the subscription) settle.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const readsBefore = reads.length;

    // A receipt of 5 in MAIN elsewhere in the org: version 4.
    realtime.push('live-stock', 'stock_levels', 'UPDATE', pushed(level(CHAI, MAIN, 17, 2, 4)));
    await waitFor(() => expect(chai().textContent).toBe('Available: 17.52.515'));
    expect(chai().querySelector('[data-flash]')?.textContent).toBe('17.5');
    expect(screen.getByTestId(`${CHAI}:MAIN`).querySelector('[data-flash]')?.textContent).toBe('15');
    expect(screen.getByTestId(`${CHAI}:EAST`).querySelector('[data-flash]')).toBeNull();
    expect(screen.getByTestId(CHANG).querySelector('[data-flash]')).toBeNull();

    // An older echo (version 3) arrives late, and a product not shown moves: both ignored.
    realtime.push('live-stock', 'stock_levels', 'UPDATE', pushed(level(CHAI, MAIN, 1, 0, 3)));
    realtime.push('live-stock', 'stock_levels', 'UPDATE', pushed(level(OTHER, MAIN, 99, 0, 7)));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(chai().textContent).toBe('Available: 17.52.515');
    expect(reads.length).toBe(readsBefore);

    // Chang's first stock, in EAST: a new row, so the levels are read again.
    rows.push(level(CHANG, EAST, 4, 0, 1));
    realtime.push('live-stock', 'stock_levels', 'INSERT', pushed(level(CHANG, EAST, 0, 0, 0)));
    await waitFor(() => expect(screen.getByTestId(CHANG).textContent).toBe('Available: 44'));
    expect(reads.length).toBe(readsBefore + 1);
    await waitFor(() => expect(screen.getByTestId(CHANG).querySelector('[data-flash]')?.textContent).toBe('4'));
  });
});
