// The products list with msw for REST: rows with available stock summed over warehouses, the
// "New product" dialog's POST body, and the database's refusal shown in the form.
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { server } from './support/msw.ts';
import { createTestSupabase, renderApp } from './support/render-app.tsx';
import { mockSignedInUser, NORTHWIND, pgError, pgRows, USER_ID, type RecordedRequest } from './support/rest.ts';
import { fakeSession } from './support/session.ts';

const MAIN = 'f0000000-0000-4000-8000-000000000001';
const EAST = 'f0000000-0000-4000-8000-000000000002';
const NO_TAX = 'f1000000-0000-4000-8000-000000000001';
const VAT = 'f1000000-0000-4000-8000-000000000002';
const CREATED = 'f2000000-0000-4000-8000-0000000000ff';

function product(id: string, sku: string, name: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    sku,
    name,
    description: null,
    kind: 'stocked',
    uom: 'pcs',
    barcode: null,
    sale_price: 149.9,
    currency: 'USD',
    cost: 82.125,
    tax_rate_id: VAT,
    preferred_supplier_id: null,
    active: true,
    archived_at: null,
    updated_at: '2026-11-20T10:00:00Z',
    tax_rate: { name: 'VAT 20%' },
    supplier: null,
    stock_levels: [],
    ...extra,
  };
}

const CHAIR = product('f3000000-0000-4000-8000-000000000001', 'CHAIR-01', 'Office chair', {
  stock_levels: [
    { warehouse_id: MAIN, on_hand: 12, reserved: 1.9, available: 10.1 },
    { warehouse_id: EAST, on_hand: 0.2, reserved: 0, available: 0.2 },
  ],
});
const SETUP = product('f3000000-0000-4000-8000-000000000002', 'SETUP', 'Setup service', {
  kind: 'service',
  uom: 'hour',
  sale_price: 80,
  cost: 0,
});

function mockProducts({ onInsert }: { onInsert?: (body: Record<string, unknown>) => Response } = {}) {
  const requests: RecordedRequest[] = [];
  server.use(
    http.get('*/rest/v1/products', ({ request }) => {
      const url = new URL(request.url);
      requests.push({ method: 'GET', url, body: null, headers: request.headers });
      return pgRows([CHAIR, SETUP], { total: 2 });
    }),
    http.post('*/rest/v1/products', async ({ request }) => {
      const url = new URL(request.url);
      const body = (await request.json()) as Record<string, unknown>;
      requests.push({ method: 'POST', url, body, headers: request.headers });
      if (onInsert) return onInsert(body);
      return HttpResponse.json({ id: CREATED }, { status: 201 });
    }),
    http.get('*/rest/v1/tax_rates', () =>
      pgRows([
        { id: NO_TAX, name: 'No tax', rate: 0, active: true, is_default: true },
        { id: VAT, name: 'VAT 20%', rate: 20, active: true, is_default: false },
      ]),
    ),
    http.get('*/rest/v1/accounts', () => pgRows([{ id: 'f4000000-0000-4000-8000-000000000001', name: 'Acme Supply' }])),
  );
  return requests;
}

const signedIn = () => createTestSupabase({ session: fakeSession('linus@example.com', USER_ID) });

function cellsOf(table: HTMLElement, sku: string) {
  const row = within(table)
    .getAllByRole('row')
    .find((r) => within(r).queryByRole('link', { name: sku }));
  if (!row) throw new Error(`No row for ${sku}`);
  return within(row)
    .getAllByRole('cell')
    .map((c) => c.textContent);
}

async function fillNewProduct(values: Record<string, string>) {
  fireEvent.click(await screen.findByRole('button', { name: 'New product' }));
  const dialog = await screen.findByRole('dialog', { name: 'New product' });
  // The default tax rate is chosen once the rates have loaded.
  await waitFor(() =>
    expect(within(dialog).getByRole('combobox', { name: 'Tax rate' }).textContent).toContain('No tax'),
  );
  for (const [label, value] of Object.entries(values))
    fireEvent.change(within(dialog).getByLabelText(new RegExp(`^${label}`)), { target: { value } });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Create product' }));
  return dialog;
}

describe('products', () => {
  it('lists products with prices, moving-average cost and available stock summed over warehouses', async () => {
    mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'viewer' }] });
    const requests = mockProducts();
    renderApp('/products', signedIn());

    const table = await screen.findByRole('table', { name: 'Products' });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(3));
    expect(cellsOf(table, 'CHAIR-01')).toEqual([
      'CHAIR-01',
      'Office chair',
      'Stocked',
      'pcs',
      '$149.90',
      '$82.13',
      '10.3 pcs',
      'Active',
    ]);
    expect(cellsOf(table, 'SETUP')).toEqual([
      'SETUP',
      'Setup service',
      'Service',
      'hour',
      '$80.00',
      '$0.00',
      '—',
      'Active',
    ]);
    // A viewer reads the catalogue but changes nothing.
    expect(screen.queryByRole('button', { name: 'New product' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Import CSV' })).toBeNull();

    const list = requests.find((r) => r.method === 'GET')!;
    expect(list.url.searchParams.get('org_id')).toBe(`eq.${NORTHWIND.id}`);
    expect(list.url.searchParams.get('archived_at')).toBe('is.null');
    expect(list.url.searchParams.get('active')).toBe('eq.true');
    expect(list.url.searchParams.get('select')).toContain('stock_levels(warehouse_id,on_hand,reserved,available)');
    expect(list.url.searchParams.get('order')).toBe('sku.asc,id.asc');
    expect(list.headers.get('prefer')).toContain('count=exact');
  });

  it('searches SKU, name and barcode on the server', async () => {
    mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'viewer' }] });
    const requests = mockProducts();
    const { router } = renderApp('/products?q=chair&kind=stocked', signedIn());
    await screen.findByRole('link', { name: 'CHAIR-01' });
    const list = requests.find((r) => r.method === 'GET')!;
    expect(list.url.searchParams.get('or')).toBe('(sku.ilike."*chair*",name.ilike."*chair*",barcode.ilike."*chair*")');
    expect(list.url.searchParams.get('kind')).toBe('eq.stocked');
    expect(router.state.location.search).toBe('?q=chair&kind=stocked');
  });

  it('creates a product with a POST of the form’s values', async () => {
    mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'manager' }] });
    const requests = mockProducts();
    renderApp('/products', signedIn());

    const dialog = await fillNewProduct({
      SKU: ' DESK-01 ',
      Name: 'Standing desk',
      'Unit of measure': 'pcs',
      Barcode: '4006381333931',
      'Sale price': '499.5',
    });

    await waitFor(() => expect(requests.filter((r) => r.method === 'POST')).toHaveLength(1));
    const post = requests.find((r) => r.method === 'POST')!;
    expect(post.body).toEqual({
      org_id: NORTHWIND.id,
      sku: 'DESK-01',
      name: 'Standing desk',
      description: null,
      kind: 'stocked',
      uom: 'pcs',
      barcode: '4006381333931',
      sale_price: 499.5,
      tax_rate_id: NO_TAX,
      preferred_supplier_id: null,
      active: true,
    });
    expect(post.url.searchParams.get('select')).toBe('id');
    expect(await screen.findByText('Product “DESK-01” created')).toBeTruthy();
    await waitFor(() => expect(dialog.isConnected).toBe(false));
  });

  it('checks the form before sending anything', async () => {
    mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'manager' }] });
    const requests = mockProducts();
    renderApp('/products', signedIn());

    const dialog = await fillNewProduct({ SKU: 'bad sku!', Name: ' ', 'Sale price': '-3' });
    expect(await within(dialog).findByText('Letters, digits and . _ / - (at most 64), e.g. CHAIR-01')).toBeTruthy();
    expect(within(dialog).getByText('Enter a name')).toBeTruthy();
    expect(within(dialog).getByText('An amount, e.g. 19.99 (at most 4 decimals)')).toBeTruthy();
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('shows the database’s errors: a taken SKU on its field, anything else above the form', async () => {
    mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'manager' }] });
    let reply = () =>
      pgError(409, {
        code: '23505',
        message: 'duplicate key value violates unique constraint "products_org_sku_idx"',
      });
    mockProducts({ onInsert: () => reply() });
    renderApp('/products', signedIn());

    const dialog = await fillNewProduct({ SKU: 'CHAIR-01', Name: 'Another chair' });
    expect(await within(dialog).findByText('Another product already has this SKU')).toBeTruthy();

    reply = () =>
      pgError(403, { code: '42501', message: 'Only owners, admins, managers and accountants set prices and costs' });
    fireEvent.change(within(dialog).getByLabelText(/^SKU/), { target: { value: 'CHAIR-02' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create product' }));
    const message = await within(dialog).findByText(
      'Only owners, admins, managers and accountants set prices and costs',
    );
    expect(message.closest('[role="alert"]')?.textContent).toContain('Could not save');
    expect(dialog.isConnected).toBe(true);
  });
});
