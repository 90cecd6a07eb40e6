// RLS matrix lines for the catalogue and inventory (DESIGN.md section 2): every member
// reads products, price lists, tax rates, warehouses and stock levels (reps quote
// against live stock); the ledger is read by everyone but support and written only
// through RPCs; catalogue writers are owner, admin, manager, accountant and warehouse
// (prices guarded by a trigger); warehouses and reorder rules belong to the warehouse.
import { all, insertRow, type MatrixEntry } from './entry.ts';

const catalogWriters = { owner: 'SIUD', admin: 'SIUD', manager: 'SIUD', accountant: 'SIUD' };

export const INVENTORY: MatrixEntry[] = [
  {
    table: 'tax_rates',
    setup: async (ctx) => ({
      id: await insertRow(ctx, 'tax_rates', { org_id: ctx.orgId, name: 'Probe VAT', rate: 20 }),
    }),
    probe: (f, org) => ({ id: f.orgs[org].rows.tax_rates!.id! }),
    insert: (f, org) => ({ org_id: f.orgs[org].id, name: 'Reduced', rate: 7 }),
    update: { rate: 19 },
    allow: { ...all('S'), ...catalogWriters },
  },
  {
    table: 'products',
    // The probe has no stock (a product with ledger history cannot be deleted); `stocked` is used below.
    setup: async (ctx) => ({
      id: await insertRow(ctx, 'products', { org_id: ctx.orgId, sku: 'PROBE-1', name: 'Probe widget' }),
      stocked: await insertRow(ctx, 'products', { org_id: ctx.orgId, sku: 'STOCKED-1', name: 'Stocked widget' }),
    }),
    probe: (f, org) => ({ id: f.orgs[org].rows.products!.id! }),
    insert: (f, org) => ({ org_id: f.orgs[org].id, sku: 'NEW-1', name: 'New widget' }),
    update: { name: 'Renamed widget' },
    allow: { ...all('S'), owner: 'SIUD', admin: 'SIUD', manager: 'SIUD', accountant: 'SIU', warehouse: 'SIU' },
  },
  {
    table: 'price_lists',
    setup: async (ctx) => ({ id: await insertRow(ctx, 'price_lists', { org_id: ctx.orgId, name: 'Probe list' }) }),
    probe: (f, org) => ({ id: f.orgs[org].rows.price_lists!.id! }),
    insert: (f, org) => ({ org_id: f.orgs[org].id, name: 'Wholesale' }),
    update: { active: false },
    allow: { ...all('S'), ...catalogWriters },
  },
  {
    table: 'price_list_items',
    setup: async (ctx) => ({
      id: await insertRow(ctx, 'price_list_items', {
        org_id: ctx.orgId,
        price_list_id: ctx.rows.price_lists!.id,
        product_id: ctx.rows.products!.id,
        unit_price: 9.5,
      }),
    }),
    probe: (f, org) => ({ id: f.orgs[org].rows.price_list_items!.id! }),
    insert: (f, org) => ({
      org_id: f.orgs[org].id,
      price_list_id: f.orgs[org].rows.price_lists!.id,
      product_id: f.orgs[org].rows.products!.id,
      min_quantity: 10,
      unit_price: 8,
    }),
    update: { unit_price: 9 },
    allow: { ...all('S'), ...catalogWriters },
  },
  {
    table: 'warehouses',
    setup: async (ctx) => ({
      id: await insertRow(ctx, 'warehouses', { org_id: ctx.orgId, code: 'PROBE', name: 'Probe store' }),
    }),
    probe: (f, org) => ({ id: f.orgs[org].rows.warehouses!.id! }),
    insert: (f, org) => ({ org_id: f.orgs[org].id, code: 'NEW', name: 'New store' }),
    update: { address: '1 Dock Road' },
    allow: { ...all('S'), owner: 'SIUD', admin: 'SIUD', warehouse: 'SIUD' },
  },
  {
    table: 'reorder_rules',
    setup: async (ctx) => ({
      id: await insertRow(ctx, 'reorder_rules', {
        org_id: ctx.orgId,
        product_id: ctx.rows.products!.id,
        warehouse_id: ctx.rows.warehouses!.id,
        reorder_point: 5,
        reorder_quantity: 20,
      }),
    }),
    probe: (f, org) => ({ id: f.orgs[org].rows.reorder_rules!.id! }),
    insert: (f, org) => {
      const rows = f.orgs[org].rows;
      return {
        org_id: f.orgs[org].id,
        product_id: rows.products!.id,
        warehouse_id: rows.stock_levels!.mainWarehouse,
        reorder_point: 1,
        reorder_quantity: 2,
      };
    },
    update: { reorder_point: 6 },
    allow: { ...all('S'), owner: 'SIUD', admin: 'SIUD', warehouse: 'SIUD' },
  },
  {
    table: 'stock_levels',
    // A receipt into the main warehouse creates the level (and the ledger row below).
    setup: async (ctx) => {
      const [main] = await ctx.sql<{ id: string }>(
        `select id from public.warehouses where org_id = $1 and code = 'MAIN'`,
        [ctx.orgId],
      );
      await ctx.sql(
        `insert into public.stock_movements (org_id, product_id, warehouse_id, kind, on_hand_delta, unit_cost)
         values ($1, $2, $3, 'receipt', 12, 4)`,
        [ctx.orgId, ctx.rows.products!.stocked, main!.id],
      );
      return { mainWarehouse: main!.id };
    },
    probe: (f, org) => ({
      product_id: f.orgs[org].rows.products!.stocked!,
      warehouse_id: f.orgs[org].rows.stock_levels!.mainWarehouse!,
    }),
    update: { on_hand: 1 },
    allow: all('S'),
  },
  {
    table: 'stock_movements',
    setup: async (ctx) => {
      const [row] = await ctx.sql<{ id: string }>(`select id::text from public.stock_movements where product_id = $1`, [
        ctx.rows.products!.stocked,
      ]);
      return { id: row!.id };
    },
    probe: (f, org) => ({ id: f.orgs[org].rows.stock_movements!.id! }),
    update: { reason: 'Edited' },
    allow: { ...all('S'), support: '' },
  },
  {
    table: 'stock_daily_balances',
    setup: async (ctx) => {
      const [row] = await ctx.sql<{ day: string }>(
        `select day::text from public.stock_daily_balances where product_id = $1 limit 1`,
        [ctx.rows.products!.stocked],
      );
      return { product: ctx.rows.products!.stocked!, day: row!.day };
    },
    probe: (f, org) => ({
      product_id: f.orgs[org].rows.stock_daily_balances!.product!,
      day: f.orgs[org].rows.stock_daily_balances!.day!,
    }),
    update: { quantity_delta: 1 },
    allow: { ...all('S'), support: '' },
  },
  {
    table: 'stock_counts',
    setup: async (ctx) => ({
      id: await insertRow(ctx, 'stock_counts', {
        org_id: ctx.orgId,
        warehouse_id: ctx.rows.stock_levels!.mainWarehouse,
      }),
    }),
    probe: (f, org) => ({ id: f.orgs[org].rows.stock_counts!.id! }),
    insert: (f, org) => ({ org_id: f.orgs[org].id, warehouse_id: f.orgs[org].rows.stock_levels!.mainWarehouse }),
    update: { note: 'Aisle 3' },
    allow: { ...all('S'), support: '', owner: 'SIUD', admin: 'SIUD', warehouse: 'SIUD' },
  },
  {
    table: 'stock_count_lines',
    setup: async (ctx) => ({
      id: await insertRow(ctx, 'stock_count_lines', {
        org_id: ctx.orgId,
        count_id: ctx.rows.stock_counts!.id,
        product_id: ctx.rows.products!.stocked,
      }),
    }),
    probe: (f, org) => ({ id: f.orgs[org].rows.stock_count_lines!.id! }),
    insert: (f, org) => ({
      org_id: f.orgs[org].id,
      count_id: f.orgs[org].rows.stock_counts!.id,
      product_id: f.orgs[org].rows.products!.id,
    }),
    update: { counted_quantity: 11 },
    allow: { ...all('S'), support: '', owner: 'SIUD', admin: 'SIUD', warehouse: 'SIUD' },
  },
  {
    table: 'reorder_alerts',
    // Raised only by raise_reorder_alerts(); people dismiss them.
    setup: async (ctx) => ({
      id: await insertRow(ctx, 'reorder_alerts', {
        org_id: ctx.orgId,
        product_id: ctx.rows.products!.id,
        warehouse_id: ctx.rows.stock_levels!.mainWarehouse,
        available_at_open: 1,
        reorder_point: 5,
        reorder_quantity: 10,
      }),
    }),
    probe: (f, org) => ({ id: f.orgs[org].rows.reorder_alerts!.id! }),
    update: { status: 'closed' },
    allow: { ...all('S'), support: '', owner: 'SU', admin: 'SU', manager: 'SU', warehouse: 'SU', accountant: 'SU' },
  },
];
