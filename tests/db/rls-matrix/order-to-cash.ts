// RLS matrix lines for order-to-cash (DESIGN.md section 2). Sales orders: owners, admins,
// managers and sales write, every other member reads. Deliveries and customer returns:
// owners, admins, managers and warehouse staff write, everyone reads. Finance (invoices, payments,
// allocations): owners, admins and accountants write; managers and viewers read; sales
// read invoices; support and warehouse staff see none of them. Probe documents are
// drafts; payments and allocations are never written by clients (record_payment and
// allocate_payment post them), so nobody may insert, update or delete them directly.
import { all, insertPosted, insertRow, none, type MatrixEntry } from './entry.ts';

const salesWriters = { ...all('S'), owner: 'SIUD', admin: 'SIUD', manager: 'SIUD', sales: 'SIUD' };
const deliveryWriters = { ...all('S'), owner: 'SIUD', admin: 'SIUD', manager: 'SIUD', warehouse: 'SIUD' };
const invoiceAccess = {
  ...none,
  owner: 'SIUD',
  admin: 'SIUD',
  accountant: 'SIUD',
  manager: 'S',
  sales: 'S',
  viewer: 'S',
};
const paymentAccess = { ...none, owner: 'S', admin: 'S', accountant: 'S', manager: 'S', viewer: 'S' };

export const ORDER_TO_CASH: MatrixEntry[] = [
  {
    table: 'sales_orders',
    setup: async (ctx) => {
      // Its own customer: the accounts line deletes its probe row.
      const customer = await insertRow(ctx, 'accounts', { org_id: ctx.orgId, name: 'Probe Customer' });
      const order = () =>
        insertRow(ctx, 'sales_orders', {
          org_id: ctx.orgId,
          account_id: customer,
          warehouse_id: ctx.rows.stock_levels!.mainWarehouse,
        });
      // `id` is an empty draft (deletable); `withLines` carries the lines and deliveries below.
      return { customer, id: await order(), withLines: await order() };
    },
    probe: (f, org) => ({ id: f.orgs[org].rows.sales_orders!.id! }),
    insert: (f, org) => ({
      org_id: f.orgs[org].id,
      account_id: f.orgs[org].rows.sales_orders!.customer,
      warehouse_id: f.orgs[org].rows.stock_levels!.mainWarehouse,
    }),
    update: { notes: 'Gift wrap' },
    allow: salesWriters,
  },
  {
    table: 'sales_order_lines',
    setup: async (ctx) => {
      const line = () =>
        insertRow(ctx, 'sales_order_lines', {
          org_id: ctx.orgId,
          sales_order_id: ctx.rows.sales_orders!.withLines,
          product_id: ctx.rows.products!.stocked,
          description: 'Probe line',
          quantity: 2,
          unit_price: 5,
        });
      return { id: await line(), delivered: await line() };
    },
    probe: (f, org) => ({ id: f.orgs[org].rows.sales_order_lines!.id! }),
    insert: (f, org) => ({
      org_id: f.orgs[org].id,
      sales_order_id: f.orgs[org].rows.sales_orders!.withLines,
      description: 'New line',
      quantity: 1,
      unit_price: 3,
    }),
    update: { unit_price: 6 },
    allow: salesWriters,
  },
  {
    table: 'deliveries',
    setup: async (ctx) => {
      const delivery = () =>
        insertRow(ctx, 'deliveries', {
          org_id: ctx.orgId,
          sales_order_id: ctx.rows.sales_orders!.withLines,
          warehouse_id: ctx.rows.stock_levels!.mainWarehouse,
        });
      return { id: await delivery(), withLines: await delivery() };
    },
    probe: (f, org) => ({ id: f.orgs[org].rows.deliveries!.id! }),
    insert: (f, org) => ({
      org_id: f.orgs[org].id,
      sales_order_id: f.orgs[org].rows.sales_orders!.withLines,
      warehouse_id: f.orgs[org].rows.stock_levels!.mainWarehouse,
    }),
    update: { carrier_reference: 'TRACK-1' },
    allow: deliveryWriters,
  },
  {
    table: 'delivery_lines',
    setup: async (ctx) => ({
      id: await insertRow(ctx, 'delivery_lines', {
        org_id: ctx.orgId,
        delivery_id: ctx.rows.deliveries!.withLines,
        sales_order_line_id: ctx.rows.sales_order_lines!.delivered,
        quantity: 1,
      }),
    }),
    probe: (f, org) => ({ id: f.orgs[org].rows.delivery_lines!.id! }),
    insert: (f, org) => ({
      org_id: f.orgs[org].id,
      delivery_id: f.orgs[org].rows.deliveries!.id,
      sales_order_line_id: f.orgs[org].rows.sales_order_lines!.delivered,
      quantity: 1,
    }),
    update: { quantity: 2 },
    allow: deliveryWriters,
  },
  {
    table: 'customer_returns',
    setup: async (ctx) => {
      const draft = () =>
        insertRow(ctx, 'customer_returns', {
          org_id: ctx.orgId,
          sales_order_id: ctx.rows.sales_orders!.withLines,
          warehouse_id: ctx.rows.stock_levels!.mainWarehouse,
        });
      return { id: await draft(), withLines: await draft() };
    },
    probe: (f, org) => ({ id: f.orgs[org].rows.customer_returns!.id! }),
    insert: (f, org) => ({
      org_id: f.orgs[org].id,
      sales_order_id: f.orgs[org].rows.sales_orders!.withLines,
      warehouse_id: f.orgs[org].rows.stock_levels!.mainWarehouse,
    }),
    update: { reason: 'Wrong size' },
    allow: deliveryWriters,
  },
  {
    table: 'customer_return_lines',
    setup: async (ctx) => ({
      id: await insertRow(ctx, 'customer_return_lines', {
        org_id: ctx.orgId,
        customer_return_id: ctx.rows.customer_returns!.withLines,
        sales_order_line_id: ctx.rows.sales_order_lines!.delivered,
        quantity: 1,
      }),
    }),
    probe: (f, org) => ({ id: f.orgs[org].rows.customer_return_lines!.id! }),
    insert: (f, org) => ({
      org_id: f.orgs[org].id,
      customer_return_id: f.orgs[org].rows.customer_returns!.id,
      sales_order_line_id: f.orgs[org].rows.sales_order_lines!.delivered,
      quantity: 1,
    }),
    update: { quantity: 2 },
    allow: deliveryWriters,
  },
  {
    table: 'invoices',
    setup: async (ctx) => {
      const invoice = () =>
        insertRow(ctx, 'invoices', { org_id: ctx.orgId, account_id: ctx.rows.sales_orders!.customer });
      return { id: await invoice(), withLines: await invoice() };
    },
    probe: (f, org) => ({ id: f.orgs[org].rows.invoices!.id! }),
    insert: (f, org) => ({ org_id: f.orgs[org].id, account_id: f.orgs[org].rows.sales_orders!.customer }),
    update: { notes: 'Thank you' },
    allow: invoiceAccess,
  },
  {
    table: 'invoice_lines',
    setup: async (ctx) => ({
      id: await insertRow(ctx, 'invoice_lines', {
        org_id: ctx.orgId,
        invoice_id: ctx.rows.invoices!.withLines,
        description: 'Probe work',
        quantity: 1,
        unit_price: 10,
      }),
    }),
    probe: (f, org) => ({ id: f.orgs[org].rows.invoice_lines!.id! }),
    insert: (f, org) => ({
      org_id: f.orgs[org].id,
      invoice_id: f.orgs[org].rows.invoices!.withLines,
      description: 'More work',
      quantity: 1,
      unit_price: 4,
    }),
    update: { unit_price: 11 },
    allow: invoiceAccess,
  },
  {
    table: 'payments',
    setup: async (ctx) => {
      const [bank] = await ctx.sql<{ id: string }>(
        `select id from public.gl_accounts where org_id = $1 and role = 'bank'`,
        [ctx.orgId],
      );
      return {
        id: await insertPosted(ctx, 'payments', {
          org_id: ctx.orgId,
          number: 'RCPT-2026-99999',
          direction: 'incoming',
          account_id: ctx.rows.sales_orders!.customer,
          gl_account_id: bank!.id,
          currency: 'USD',
          amount: 10,
        }),
      };
    },
    probe: (f, org) => ({ id: f.orgs[org].rows.payments!.id! }),
    update: { reference: 'Changed' },
    allow: paymentAccess,
  },
  {
    table: 'payment_allocations',
    setup: async (ctx) => ({
      id: await insertPosted(ctx, 'payment_allocations', {
        org_id: ctx.orgId,
        payment_id: ctx.rows.payments!.id,
        invoice_id: ctx.rows.invoices!.withLines,
        amount: 1,
      }),
    }),
    probe: (f, org) => ({ id: f.orgs[org].rows.payment_allocations!.id! }),
    update: { amount: 2 },
    allow: paymentAccess,
  },
];
