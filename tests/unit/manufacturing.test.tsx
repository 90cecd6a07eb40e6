// Manufacturing screens with msw: the BOM editor (what zod refuses before anything is sent, the
// requests a save makes, the database's loop refusal shown), the multi-level explosion rendered
// from an explode_bom fixture with costs rolled up by hand, the can-we-build shortages table,
// and a production order's actions (start refused with the short components listed, complete
// with quantity, labour and date and the unit cost it came to, cancel after confirming).
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { server } from './support/msw.ts';
import { createTestSupabase, renderApp } from './support/render-app.tsx';
import { mockSignedInUser, NORTHWIND, pgError, pgRows, USER_ID, type RecordedRequest } from './support/rest.ts';
import { fakeSession } from './support/session.ts';

const WAREHOUSE = {
  id: 'c1000000-0000-4000-8000-000000000001',
  code: 'MAIN',
  name: 'Main warehouse',
  is_default: true,
};
const product = (n: number, sku: string, name: string, uom = 'unit', cost = 0, kind = 'stocked') => ({
  id: `c3000000-0000-4000-8000-00000000000${n}`,
  sku,
  name,
  uom,
  kind,
  cost,
});
const TABLE = product(1, 'TBL', 'Table', 'unit', 50);
const LEG = product(2, 'LEG', 'Leg', 'unit', 5);
const TOP = product(3, 'TOP', 'Table top', 'unit', 30);
const SCREW = product(4, 'SCREW', 'Screw', 'unit', 0.1);
const BOARD = product(5, 'BOARD', 'Board', 'unit', 8);
const GLUE = product(6, 'GLUE', 'Glue', 'l', 12.5);
const BOM_ID = 'c4000000-0000-4000-8000-000000000001';
const TOP_BOM_ID = 'c4000000-0000-4000-8000-000000000002';
const NEW_BOM_ID = 'c4000000-0000-4000-8000-000000000009';

function bomLine(id: number, bomId: string, position: number, p: typeof LEG, quantity: number, scrap = 0) {
  return {
    id: `c5000000-0000-4000-8000-00000000000${id}`,
    org_id: NORTHWIND.id,
    bom_id: bomId,
    position,
    product_id: p.id,
    quantity,
    scrap_pct: scrap,
    notes: null,
    created_at: '2026-11-01T10:00:00Z',
    updated_at: '2026-11-01T10:00:00Z',
    product: p,
  };
}

const TABLE_BOM = {
  id: BOM_ID,
  org_id: NORTHWIND.id,
  product_id: TABLE.id,
  name: 'Table',
  version: 1,
  is_active: true,
  is_default: true,
  output_quantity: 1,
  notes: null,
  created_by: USER_ID,
  created_at: '2026-11-01T10:00:00Z',
  updated_at: '2026-11-01T10:00:00Z',
  product: TABLE,
  lines: [bomLine(1, BOM_ID, 1, LEG, 4), bomLine(2, BOM_ID, 2, TOP, 1), bomLine(3, BOM_ID, 3, SCREW, 8)],
};

/** explode_bom for 1 table: the top (BOM output 2) breaks into 4 / 2 boards and 1 / 2 × 1.10 l glue. */
const EXPLOSION = [
  {
    level: 1,
    path: [LEG.id],
    sku_path: ['LEG'],
    parent_product_id: TABLE.id,
    ...pick(LEG),
    bom_line_id: 'l1',
    quantity: 4,
    scrap_pct: 0,
    unit_cost: 5,
    bom_id: null,
    is_leaf: true,
  },
  {
    level: 1,
    path: [TOP.id],
    sku_path: ['TOP'],
    parent_product_id: TABLE.id,
    ...pick(TOP),
    bom_line_id: 'l2',
    quantity: 1,
    scrap_pct: 0,
    unit_cost: 30,
    bom_id: TOP_BOM_ID,
    is_leaf: false,
  },
  {
    level: 2,
    path: [TOP.id, BOARD.id],
    sku_path: ['TOP', 'BOARD'],
    parent_product_id: TOP.id,
    ...pick(BOARD),
    bom_line_id: 'l4',
    quantity: 2,
    scrap_pct: 0,
    unit_cost: 8,
    bom_id: null,
    is_leaf: true,
  },
  {
    level: 2,
    path: [TOP.id, GLUE.id],
    sku_path: ['TOP', 'GLUE'],
    parent_product_id: TOP.id,
    ...pick(GLUE),
    bom_line_id: 'l5',
    quantity: 0.55,
    scrap_pct: 10,
    unit_cost: 12.5,
    bom_id: null,
    is_leaf: true,
  },
  {
    level: 1,
    path: [SCREW.id],
    sku_path: ['SCREW'],
    parent_product_id: TABLE.id,
    ...pick(SCREW),
    bom_line_id: 'l3',
    quantity: 8,
    scrap_pct: 0,
    unit_cost: 0.1,
    bom_id: null,
    is_leaf: true,
  },
];
function pick(p: typeof LEG) {
  return { product_id: p.id, sku: p.sku, name: p.name, uom: p.uom };
}

/** can_build for 3 tables with 10 legs, 1 top, 100 screws, 3 boards and no glue in MAIN. */
const CAN_BUILD = {
  product_id: TABLE.id,
  warehouse_id: WAREHOUSE.id,
  bom_id: BOM_ID,
  quantity: 3,
  buildable: false,
  max_buildable: 1,
  components: [
    {
      level: 1,
      path: [LEG.id],
      sku_path: ['LEG'],
      ...pick(LEG),
      required: 12,
      available: 10,
      allocated: 10,
      shortage: 2,
      has_bom: false,
      allows_negative_stock: false,
    },
    {
      level: 1,
      path: [TOP.id],
      sku_path: ['TOP'],
      ...pick(TOP),
      required: 3,
      available: 1,
      allocated: 1,
      shortage: 2,
      has_bom: true,
      allows_negative_stock: false,
    },
    {
      level: 2,
      path: [TOP.id, BOARD.id],
      sku_path: ['TOP', 'BOARD'],
      ...pick(BOARD),
      required: 4,
      available: 3,
      allocated: 3,
      shortage: 1,
      has_bom: false,
      allows_negative_stock: false,
    },
    {
      level: 2,
      path: [TOP.id, GLUE.id],
      sku_path: ['TOP', 'GLUE'],
      ...pick(GLUE),
      required: 1.1,
      available: 0,
      allocated: 0,
      shortage: 1.1,
      has_bom: false,
      allows_negative_stock: false,
    },
    {
      level: 1,
      path: [SCREW.id],
      sku_path: ['SCREW'],
      ...pick(SCREW),
      required: 24,
      available: 100,
      allocated: 24,
      shortage: 0,
      has_bom: false,
      allows_negative_stock: false,
    },
  ],
  to_buy: [
    { ...pick(BOARD), shortage: 1 },
    { ...pick(GLUE), shortage: 1.1 },
    { ...pick(LEG), shortage: 2 },
  ],
};

function recorder() {
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
  const calls = (path: string) =>
    requests.filter((r) => `${r.method} ${r.url.pathname.replace(/^.*\/rest\/v1\//, '')}` === path);
  return { requests, record, calls };
}

const objectOrRows = (request: Request, row: Record<string, unknown> | null) =>
  request.headers.get('accept')?.includes('vnd.pgrst.object') ? HttpResponse.json(row) : pgRows(row ? [row] : []);

const KIT = product(7, 'KIT', 'Table leg kit');

/** Stocked products to build, and the component search answering by the text in its `or` filter. */
function mockCatalogue() {
  server.use(
    http.get('*/rest/v1/products', ({ request }) => {
      const or = new URL(request.url).searchParams.get('or');
      if (!or) return pgRows([LEG, SCREW, TABLE, TOP]);
      const text = /\*([^*]*)\*/.exec(or)?.[1]?.toLowerCase() ?? '';
      return pgRows(
        [KIT, LEG, SCREW, TABLE, TOP].filter(
          (p) => p.name.toLowerCase().includes(text) || p.sku.toLowerCase().includes(text),
        ),
      );
    }),
    http.get('*/rest/v1/warehouses', () => pgRows([WAREHOUSE])),
  );
}

function signIn(role: 'manager' | 'warehouse' | 'viewer' = 'warehouse') {
  mockSignedInUser({ memberships: [{ organization: NORTHWIND, role }], defaultOrgId: NORTHWIND.id });
  return createTestSupabase({ session: fakeSession('linus@example.com', USER_ID) });
}

describe('bill of materials editor', () => {
  it('refuses what zod checks before sending anything, then saves the BOM and its lines in one call', async () => {
    const { record, requests, calls } = recorder();
    mockCatalogue();
    server.use(
      http.post('*/rest/v1/rpc/save_bom', async ({ request }) => {
        await record(request);
        return HttpResponse.json(NEW_BOM_ID);
      }),
      http.get('*/rest/v1/boms', ({ request }) =>
        objectOrRows(request, { ...TABLE_BOM, id: NEW_BOM_ID, lines: [bomLine(7, NEW_BOM_ID, 0, LEG, 4)] }),
      ),
      http.post('*/rest/v1/rpc/explode_bom', () => HttpResponse.json([])),
    );
    renderApp(`/manufacturing/boms/new?product=${TABLE.id}`, signIn());

    const form = await screen.findByRole('form', { name: 'Bill of materials' });
    // The product's name is offered as the BOM's once the products are read.
    await waitFor(() =>
      expect(within(form).getByRole('combobox', { name: 'Product to build' }).textContent).toContain('Table'),
    );
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Table, oak' } });
    fireEvent.change(within(form).getByLabelText(/^Output quantity/), { target: { value: '0' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create bill of materials' }));
    await within(form).findByText('Add at least one component');
    expect(within(form).getByText('Must be more than 0')).toBeTruthy();

    fireEvent.change(within(form).getByLabelText(/^Output quantity/), { target: { value: '2' } });
    fireEvent.change(within(form).getByLabelText('Add a component'), { target: { value: 'le' } });
    const found = await within(form).findByRole('list', { name: 'Matching products' });
    fireEvent.click(within(found).getByRole('button', { name: 'Add Leg' }));
    fireEvent.change(within(form).getByLabelText('Add a component'), { target: { value: 'sc' } });
    fireEvent.click(await within(form).findByRole('button', { name: 'Add Screw' }));
    fireEvent.change(within(form).getByLabelText('Quantity of Leg'), { target: { value: '4.12345' } });
    fireEvent.change(within(form).getByLabelText('Scrap % of Leg'), { target: { value: '100' } });
    fireEvent.change(within(form).getByLabelText('Quantity of Screw'), { target: { value: '8' } });
    fireEvent.change(within(form).getByLabelText('Scrap % of Screw'), { target: { value: '2.5' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create bill of materials' }));
    await within(form).findByText('Enter the quantity as a number with at most 4 decimals');
    expect(within(form).getByText('Must be less than 100')).toBeTruthy();
    expect(requests).toEqual([]);

    fireEvent.change(within(form).getByLabelText('Quantity of Leg'), { target: { value: '4' } });
    fireEvent.change(within(form).getByLabelText('Scrap % of Leg'), { target: { value: '0' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create bill of materials' }));

    await screen.findByRole('heading', { level: 1, name: 'TBL · Table' });
    expect(requests.map((r) => `${r.method} ${r.url.pathname.replace(/^.*\/rest\/v1\//, '')}`)).toEqual([
      'POST rpc/save_bom',
    ]);
    expect(calls('POST rpc/save_bom')[0]!.body).toEqual({
      p_org_id: NORTHWIND.id,
      p_bom: {
        product_id: TABLE.id,
        name: 'Table, oak',
        output_quantity: 2,
        is_active: true,
        is_default: true,
        notes: null,
      },
      p_lines: [
        { product_id: LEG.id, quantity: 4, scrap_pct: 0 },
        { product_id: SCREW.id, quantity: 8, scrap_pct: 2.5 },
      ],
    });
  });

  it('shows the database refusing a loop, naming it, and keeps the form as typed', async () => {
    const { record, calls } = recorder();
    mockCatalogue();
    server.use(
      http.get('*/rest/v1/boms', ({ request }) => objectOrRows(request, TABLE_BOM)),
      http.post('*/rest/v1/rpc/explode_bom', () => HttpResponse.json(EXPLOSION)),
      http.post('*/rest/v1/rpc/save_bom', async ({ request }) => {
        await record(request);
        return pgError(400, {
          code: '23514',
          message:
            'A product cannot be part of its own bill of materials: Table (TBL) would be in its own explosion (TBL → KIT → TBL)',
        });
      }),
    );
    renderApp(`/manufacturing/boms/${BOM_ID}`, signIn());

    const form = await screen.findByRole('form', { name: 'Bill of materials' });
    await within(form).findByLabelText('Quantity of Leg');
    // The table itself and its components are found but cannot be added (again).
    fireEvent.change(within(form).getByLabelText('Add a component'), { target: { value: 'tab' } });
    const found = await within(form).findByRole('list', { name: 'Matching products' });
    await within(found).findByRole('button', { name: 'Add Table leg kit' });
    expect(within(found).getByRole('button', { name: 'Add Table top' })).toHaveProperty('disabled', true);
    expect(within(found).getByRole('button', { name: 'Add Table' })).toHaveProperty('disabled', true);
    fireEvent.click(within(found).getByRole('button', { name: 'Add Table leg kit' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Save bill of materials' }));

    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toBe(
      'Could not save the bill of materialsA product cannot be part of its own bill of materials: Table (TBL) would be in its own explosion (TBL → KIT → TBL)',
    );
    // One call with every line (the database keeps or refuses them together), the new one last.
    const sent = calls('POST rpc/save_bom')[0]!.body as { p_bom_id: string; p_lines: { id?: string }[] };
    expect(sent.p_bom_id).toBe(BOM_ID);
    expect(sent.p_lines.map((l) => l.id)).toEqual([...TABLE_BOM.lines.map((l) => l.id), undefined]);
    expect(sent.p_lines.at(-1)).toEqual({ product_id: KIT.id, quantity: 1, scrap_pct: 0 });
    expect(within(form).getByLabelText<HTMLInputElement>('Quantity of Table leg kit').value).toBe('1');
  });
});

describe('explosion and can we build it', () => {
  function mockBomPage() {
    const { record, calls } = recorder();
    mockCatalogue();
    server.use(
      http.get('*/rest/v1/boms', ({ request }) => objectOrRows(request, TABLE_BOM)),
      http.post('*/rest/v1/rpc/explode_bom', async ({ request }) => {
        await record(request);
        return HttpResponse.json(EXPLOSION);
      }),
      http.post('*/rest/v1/rpc/can_build', async ({ request }) => {
        await record(request);
        return HttpResponse.json(CAN_BUILD);
      }),
    );
    return calls;
  }

  it('renders every level with quantities including scrap, sub-assemblies rolled up, and folds them', async () => {
    const calls = mockBomPage();
    renderApp(`/manufacturing/boms/${BOM_ID}`, signIn('viewer'));

    const table = await screen.findByRole('table', { name: 'Explosion' });
    await within(table).findByText('Glue');
    expect(calls('POST rpc/explode_bom')[0]!.body).toEqual({
      p_org_id: NORTHWIND.id,
      p_product_id: TABLE.id,
      p_quantity: 1,
      p_bom_id: BOM_ID,
    });
    const rows = within(table).getAllByRole('row').slice(1, -2);
    const cells = rows.map((r) =>
      within(r)
        .getAllByRole('cell')
        .map((c) => c.textContent?.replace(/\s+/g, ' ').trim()),
    );
    // Costs: legs 4 × 5.00 = 20.00; top rolled up from 2 boards × 8.00 = 16.00 and 0.55 l × 12.50 =
    // 6.875 glue = 22.875 ($22.88), in stock at 1 × 30.00; screws 8 × 0.10 = 0.80.
    expect(cells).toEqual([
      ['LegLEG', '1', '4 unit', '—', '$5.00', '$20.00'],
      ['Table topTOP · sub-assembly', '1', '1 unit', '—', '$30.00', '$22.88rolled up; in stock at $30.00'],
      ['BoardBOARD', '2', '2 unit', '—', '$8.00', '$16.00'],
      ['GlueGLUE', '2', '0.55 l', '10 %', '$12.50', '$6.88'],
      ['ScrewSCREW', '1', '8 unit', '—', '$0.10', '$0.80'],
    ]);
    // 20.00 + 22.875 + 0.80 = 43.675 for one table.
    expect(within(table).getByTestId('explosion-total').textContent).toBe('$43.68');
    expect(within(table).getByTestId('explosion-per-unit').textContent).toBe('$43.675');
    expect(within(table).getByRole('link', { name: 'sub-assembly' }).getAttribute('href')).toBe(
      `/manufacturing/boms/${TOP_BOM_ID}`,
    );

    fireEvent.click(within(table).getByRole('button', { name: 'Fold Table top' }));
    expect(within(table).queryByText('Glue')).toBeNull();
    expect(within(table).getByRole('button', { name: 'Unfold Table top' }).getAttribute('aria-expanded')).toBe('false');
    // A viewer reads, and cannot change the BOM.
    expect(screen.queryByRole('button', { name: 'Save bill of materials' })).toBeNull();
  });

  it('checks a quantity in a warehouse and lists the shortages, what to build and what to buy', async () => {
    const calls = mockBomPage();
    renderApp(`/manufacturing/boms/${BOM_ID}`, signIn('viewer'));

    const check = await screen.findByRole('form', { name: 'Can we build it' });
    expect(calls('POST rpc/can_build')).toEqual([]);
    fireEvent.change(within(check).getByLabelText('Quantity to build'), { target: { value: '3' } });
    await waitFor(() =>
      expect(within(check).getByRole('combobox', { name: 'Components from' }).textContent).toContain('MAIN'),
    );
    fireEvent.click(within(check).getByRole('button', { name: /Check/ }));

    const answer = await screen.findByTestId('can-build-answer');
    expect(calls('POST rpc/can_build')[0]!.body).toEqual({
      p_org_id: NORTHWIND.id,
      p_product_id: TABLE.id,
      p_quantity: 3,
      p_warehouse_id: WAREHOUSE.id,
    });
    expect(within(answer).getByText('No: not enough components for 3 unit')).toBeTruthy();
    expect(within(answer).getByText('Up to 1 unit can be built from the components in stock.')).toBeTruthy();
    const shortages = within(within(answer).getByRole('table', { name: 'Components needed' }))
      .getAllByRole('row')
      .slice(1)
      .map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent?.replace(/\s+/g, ' ').trim()),
      );
    expect(shortages).toEqual([
      ['LegLEG', '12 unit', '10', '2'],
      ['Table topTOP · build the missing ones (components below)', '3 unit', '1', '2'],
      ['Boardfor TOP · BOARD', '4 unit', '3', '1'],
      ['Gluefor TOP · GLUE', '1.1 l', '0', '1.1'],
      ['ScrewSCREW', '24 unit', '100', '—'],
    ]);
    expect(
      within(within(answer).getByRole('list', { name: 'To buy' }))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Board BOARD: 1 unit', 'Glue GLUE: 1.1 l', 'Leg LEG: 2 unit']);
    expect(within(answer).getByText(/To build first/).textContent).toBe('To build first: 2 unit Table top.');
    expect(within(answer).getByRole('link', { name: 'reorder alerts' }).getAttribute('href')).toBe('/stock/alerts');
    expect(
      within(within(answer).getByRole('list', { name: 'To buy' }))
        .getAllByRole('link')
        .map((a) => a.getAttribute('href')),
    ).toEqual([BOARD, GLUE, LEG].map((p) => `/products/${p.id}`));
  });
});

describe('production order page', () => {
  const ORDER_ID = 'c6000000-0000-4000-8000-000000000001';
  function order(status: 'planned' | 'in_progress', extra: Record<string, unknown> = {}) {
    const component = (n: number, p: typeof LEG, required: number, reserved: number) => ({
      id: `c7000000-0000-4000-8000-00000000000${n}`,
      org_id: NORTHWIND.id,
      production_order_id: ORDER_ID,
      position: n,
      product_id: p.id,
      bom_line_id: null,
      warehouse_id: WAREHOUSE.id,
      required_quantity: required,
      reserved_quantity: reserved,
      consumed_quantity: 0,
      demand_quantity: status === 'planned' ? required : 0,
      unit_cost: null,
      created_at: '2026-11-01T10:00:00Z',
      updated_at: '2026-11-01T10:00:00Z',
      product: p,
    });
    const started = status !== 'planned';
    return {
      id: ORDER_ID,
      org_id: NORTHWIND.id,
      number: started ? 'PRD-2026-00007' : null,
      product_id: TABLE.id,
      bom_id: BOM_ID,
      quantity: 2,
      warehouse_id: WAREHOUSE.id,
      output_warehouse_id: WAREHOUSE.id,
      status,
      planned_date: '2026-12-01',
      started_at: started ? '2026-12-01T09:00:00Z' : null,
      started_by: null,
      done_at: null,
      done_date: null,
      done_by: null,
      cancelled_at: null,
      produced_quantity: null,
      material_cost: null,
      labour_cost: 0,
      unit_cost: null,
      journal_entry_id: null,
      notes: null,
      created_by: USER_ID,
      created_at: '2026-11-30T10:00:00Z',
      updated_at: '2026-11-30T10:00:00Z',
      product: TABLE,
      bom: { id: BOM_ID, name: 'Table', version: 1, output_quantity: 1 },
      warehouse: WAREHOUSE,
      output_warehouse: WAREHOUSE,
      components: [
        component(1, LEG, 8, started ? 8 : 0),
        component(2, TOP, 2, started ? 2 : 0),
        component(3, SCREW, 16, started ? 16 : 0),
      ],
      ...extra,
    };
  }
  const level = (p: typeof LEG, onHand: number, reserved: number) => ({
    product_id: p.id,
    warehouse_id: WAREHOUSE.id,
    on_hand: onHand,
    reserved,
    available: onHand - reserved,
    version: 3,
    warehouse: { code: WAREHOUSE.code, name: WAREHOUSE.name },
  });

  function mockOrder(initial: ReturnType<typeof order>) {
    const { record, calls } = recorder();
    let current: Record<string, unknown> = initial;
    mockCatalogue();
    server.use(
      http.get('*/rest/v1/production_orders', ({ request }) => objectOrRows(request, current)),
      http.get('*/rest/v1/stock_levels', () =>
        pgRows([level(LEG, 10, 0), level(TOP, 1, 0), level(SCREW, 100, 0), level(TABLE, 3, 0)]),
      ),
      http.post('*/rest/v1/rpc/can_build', () =>
        HttpResponse.json({
          ...CAN_BUILD,
          quantity: 2,
          max_buildable: 1,
          components: CAN_BUILD.components.slice(0, 2),
          to_buy: [],
        }),
      ),
      http.post('*/rest/v1/rpc/start_production_order', async ({ request }) => {
        await record(request);
        return pgError(400, {
          code: '23514',
          message: 'Not enough components to start production of 2 TBL: TOP needs 2, 1 available',
          details: JSON.stringify([{ product_id: TOP.id, sku: 'TOP', required: 2, available: 1, shortage: 1 }]),
          hint: 'Check can_build for what to build or buy first',
        });
      }),
      http.post('*/rest/v1/rpc/complete_production_order', async ({ request }) => {
        await record(request);
        // 2 tables: 8 legs × 5.00 + 2 tops × 30.00 + 16 screws × 0.10 = 40.00 + 60.00 + 1.60 =
        // 101.60 material, 6.00 labour: 107.60 / 2 = 53.80 each.
        current = {
          ...current,
          status: 'done',
          done_at: '2026-12-02T10:00:00Z',
          done_date: '2026-12-02',
          produced_quantity: 2,
          material_cost: 101.6,
          labour_cost: 6,
          unit_cost: 53.8,
        };
        return HttpResponse.json({ ...current, product: undefined, components: undefined });
      }),
      http.post('*/rest/v1/rpc/cancel_production_order', async ({ request }) => {
        await record(request);
        current = { ...current, status: 'cancelled', cancelled_at: '2026-12-02T10:00:00Z' };
        return HttpResponse.json({ ...current, product: undefined, components: undefined });
      }),
    );
    return calls;
  }

  it('shows the live availability of each component, and a refused start with the short components', async () => {
    const calls = mockOrder(order('planned'));
    renderApp(`/manufacturing/orders/${ORDER_ID}`, signIn());

    await screen.findByRole('heading', { level: 1, name: 'Planned production order' });
    const components = screen.getByRole('table', { name: 'Components' });
    const top = await within(components).findByText('short by 1');
    expect(top.closest('tr')!.getAttribute('data-component')).toBe('TOP');
    expect(screen.getByTestId('finished-on-hand').textContent).toBe('3unit');
    // The planned order checks itself: not buildable.
    await screen.findByText('No: not enough components for 2 unit');

    fireEvent.click(screen.getByRole('button', { name: 'Start' }));
    const refusal = await screen.findByText('Could not start');
    const alert = refusal.closest('[role="alert"]') as HTMLElement;
    expect(alert.textContent).toContain(
      'Not enough components to start production of 2 TBL: TOP needs 2, 1 available Check can_build for what to build or buy first',
    );
    const rows = within(within(alert).getByRole('table', { name: 'Short components' })).getAllByRole('row');
    expect(
      rows.slice(1).map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      ),
    ).toEqual([['TOP', '2', '1', '1']]);
    expect(calls('POST rpc/start_production_order')[0]!.body).toEqual({ p_org_id: NORTHWIND.id, p_id: ORDER_ID });
  });

  it('completes with the quantity, labour and date entered and shows the unit cost it came to', async () => {
    const calls = mockOrder(order('in_progress'));
    renderApp(`/manufacturing/orders/${ORDER_ID}`, signIn());

    await screen.findByRole('heading', { level: 1, name: 'Production order PRD-2026-00007' });
    fireEvent.click(screen.getByRole('button', { name: 'Complete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Complete PRD-2026-00007' });
    fireEvent.change(within(dialog).getByLabelText(/^Quantity produced/), { target: { value: '3' } });
    fireEvent.change(within(dialog).getByLabelText(/^Labour cost/), { target: { value: '6' } });
    fireEvent.change(within(dialog).getByLabelText('Date'), { target: { value: '2026-12-02' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Complete production' }));
    await within(dialog).findByText('At most the 2 ordered');
    expect(calls('POST rpc/complete_production_order')).toEqual([]);

    fireEvent.change(within(dialog).getByLabelText(/^Quantity produced/), { target: { value: '2' } });
    // At current costs: 8 × 5.00 + 2 × 30.00 + 16 × 0.10 = 101.60 material and 6.00 labour over 2 tables.
    await within(within(dialog).getByLabelText('Estimated cost')).findByText('$53.80');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Complete production' }));

    await waitFor(() => expect(calls('POST rpc/complete_production_order')).toHaveLength(1));
    expect(calls('POST rpc/complete_production_order')[0]!.body).toEqual({
      p_org_id: NORTHWIND.id,
      p_id: ORDER_ID,
      p_quantity: 2,
      p_labour_cost: 6,
      p_date: '2026-12-02',
    });
    const done = await screen.findByText('Produced 2 unit');
    expect(done.closest('[role="status"]')!.textContent).toContain(
      'At $53.80 per unit: material $101.60 and labour $6.00.',
    );
    await within(screen.getByTestId('order-cost')).findByText('$53.80');
  });

  it('cancels after confirming', async () => {
    const calls = mockOrder(order('in_progress'));
    renderApp(`/manufacturing/orders/${ORDER_ID}`, signIn());

    await screen.findByRole('heading', { level: 1, name: 'Production order PRD-2026-00007' });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel order' }));
    const dialog = await screen.findByRole('dialog', { name: 'Cancel PRD-2026-00007?' });
    expect(calls('POST rpc/cancel_production_order')).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel order' }));
    await waitFor(() => expect(calls('POST rpc/cancel_production_order')).toHaveLength(1));
    expect(calls('POST rpc/cancel_production_order')[0]!.body).toEqual({ p_org_id: NORTHWIND.id, p_id: ORDER_ID });
    await screen.findByText('Cancelled', { selector: 'p' });
  });

  it('offers no actions to a role that only reads manufacturing', async () => {
    mockOrder(order('planned'));
    renderApp(`/manufacturing/orders/${ORDER_ID}`, signIn('viewer'));
    await screen.findByRole('heading', { level: 1, name: 'Planned production order' });
    expect(screen.queryByRole('button', { name: 'Start' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Cancel order' })).toBeNull();
  });
});
