// RLS matrix lines for the finance, inventory and customer dashboards' summary tables: what was
// invoiced per customer or product and day is read like invoices (DESIGN.md section 2
// "Finance": managers, sales and viewers read invoices and balances; owners, admins and
// accountants too), goods received and shipped per product, warehouse and day or month like the
// stock ledger (everyone but support), deliveries on time per warehouse and day like deliveries
// (every member). Nobody writes them: only the triggers on invoices, deliveries and the ledger do. The probe rows are written as superuser, the way those triggers write them.
import { all, none, type MatrixEntry } from './entry.ts';
import type { SetupContext } from '../rls-harness.ts';

const invoiceReaders = { ...none, owner: 'S', admin: 'S', manager: 'S', sales: 'S', accountant: 'S', viewer: 'S' };

async function summaryRow(ctx: SetupContext, table: string, values: Record<string, unknown>) {
  const cols = Object.keys(values);
  await ctx.sql(
    `insert into public.${table} (${cols.join(', ')}) values (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
    Object.values(values),
  );
}

export const DASHBOARDS_ERP: MatrixEntry[] = [
  {
    table: 'sales_account_daily',
    setup: async (ctx) => {
      const account = ctx.rows.sales_orders!.customer!;
      await summaryRow(ctx, 'sales_account_daily', {
        org_id: ctx.orgId,
        account_id: account,
        day: '2030-01-15',
        invoices: 1,
        net_base: 100,
      });
      return { account, day: '2030-01-15' };
    },
    probe: (f, org) => ({
      account_id: f.orgs[org].rows.sales_account_daily!.account!,
      day: f.orgs[org].rows.sales_account_daily!.day!,
    }),
    update: { net_base: 1 },
    allow: invoiceReaders,
  },
  {
    table: 'sales_product_daily',
    setup: async (ctx) => {
      const product = ctx.rows.products!.stocked!;
      await summaryRow(ctx, 'sales_product_daily', {
        org_id: ctx.orgId,
        product_id: product,
        day: '2030-01-15',
        quantity: 2,
        net_base: 100,
      });
      return { product, day: '2030-01-15' };
    },
    probe: (f, org) => ({
      product_id: f.orgs[org].rows.sales_product_daily!.product!,
      day: f.orgs[org].rows.sales_product_daily!.day!,
    }),
    update: { quantity: 1 },
    allow: invoiceReaders,
  },
  {
    table: 'stock_flow_daily',
    setup: async (ctx) => {
      const product = ctx.rows.products!.stocked!;
      await summaryRow(ctx, 'stock_flow_daily', {
        org_id: ctx.orgId,
        product_id: product,
        warehouse_id: ctx.rows.stock_levels!.mainWarehouse,
        day: '2030-01-15',
        received: 5,
        shipped: 2,
        shipped_value: 8,
      });
      return { product, day: '2030-01-15' };
    },
    probe: (f, org) => ({
      product_id: f.orgs[org].rows.stock_flow_daily!.product!,
      day: f.orgs[org].rows.stock_flow_daily!.day!,
    }),
    update: { shipped: 1 },
    allow: { ...all('S'), support: '' },
  },
  {
    table: 'stock_monthly',
    setup: async (ctx) => {
      const product = ctx.rows.products!.stocked!;
      await summaryRow(ctx, 'stock_monthly', {
        org_id: ctx.orgId,
        product_id: product,
        warehouse_id: ctx.rows.stock_levels!.mainWarehouse,
        month: '2030-01-01',
        value_delta: 40,
        value_moment: 438_320,
        received: 10,
      });
      return { product, month: '2030-01-01' };
    },
    probe: (f, org) => ({
      product_id: f.orgs[org].rows.stock_monthly!.product!,
      month: f.orgs[org].rows.stock_monthly!.month!,
    }),
    update: { received: 1 },
    allow: { ...all('S'), support: '' },
  },
  {
    table: 'delivery_punctuality_daily',
    setup: async (ctx) => {
      const warehouse = ctx.rows.stock_levels!.mainWarehouse!;
      await summaryRow(ctx, 'delivery_punctuality_daily', {
        org_id: ctx.orgId,
        warehouse_id: warehouse,
        day: '2030-01-15',
        deliveries: 2,
        on_time: 1,
      });
      return { warehouse, day: '2030-01-15' };
    },
    probe: (f, org) => ({
      warehouse_id: f.orgs[org].rows.delivery_punctuality_daily!.warehouse!,
      day: f.orgs[org].rows.delivery_punctuality_daily!.day!,
    }),
    update: { on_time: 2 },
    allow: all('S'),
  },
];
