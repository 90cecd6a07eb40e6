// RLS matrix lines for purchasing (DESIGN.md section 2 "Purchasing"): owners, admins,
// managers and accountants read and write; warehouse staff read orders and write
// receipts; viewers read; sales and support see nothing. Probe documents are drafts
// (posted ones are immutable for everyone, tested in tests/db/purchasing.test.ts).
import { insertRow, none, type MatrixEntry } from './entry.ts';

const buyers = { owner: 'SIUD', admin: 'SIUD', manager: 'SIUD', accountant: 'SIUD' };
const orderReaders = { ...none, ...buyers, warehouse: 'S', viewer: 'S' };

export const PURCHASING: MatrixEntry[] = [
  {
    table: 'purchase_orders',
    // `id` is an empty draft (deletable); `withLines` carries the lines, receipts and bills below.
    setup: async (ctx) => {
      const supplier = await insertRow(ctx, 'accounts', {
        org_id: ctx.orgId,
        name: 'Probe Supplier',
        is_supplier: true,
      });
      const warehouse = ctx.rows.stock_levels!.mainWarehouse;
      return {
        supplier,
        id: await insertRow(ctx, 'purchase_orders', {
          org_id: ctx.orgId,
          supplier_id: supplier,
          warehouse_id: warehouse,
        }),
        withLines: await insertRow(ctx, 'purchase_orders', {
          org_id: ctx.orgId,
          supplier_id: supplier,
          warehouse_id: warehouse,
        }),
      };
    },
    probe: (f, org) => ({ id: f.orgs[org].rows.purchase_orders!.id! }),
    insert: (f, org) => ({
      org_id: f.orgs[org].id,
      supplier_id: f.orgs[org].rows.purchase_orders!.supplier,
      warehouse_id: f.orgs[org].rows.stock_levels!.mainWarehouse,
    }),
    update: { notes: 'Call before delivery' },
    allow: orderReaders,
  },
  {
    table: 'purchase_order_lines',
    setup: async (ctx) => {
      const line = (quantity: number) =>
        insertRow(ctx, 'purchase_order_lines', {
          org_id: ctx.orgId,
          purchase_order_id: ctx.rows.purchase_orders!.withLines,
          product_id: ctx.rows.products!.stocked,
          quantity,
          unit_cost: 3,
        });
      // `id` stays unreferenced (deletable); receipts use `first` and `second`.
      return { id: await line(2), first: await line(5), second: await line(7) };
    },
    probe: (f, org) => ({ id: f.orgs[org].rows.purchase_order_lines!.id! }),
    insert: (f, org) => ({
      org_id: f.orgs[org].id,
      purchase_order_id: f.orgs[org].rows.purchase_orders!.withLines,
      product_id: f.orgs[org].rows.products!.id,
      quantity: 1,
      unit_cost: 2,
    }),
    update: { unit_cost: 3.5 },
    allow: orderReaders,
  },
  {
    table: 'goods_receipts',
    setup: async (ctx) => ({
      id: await insertRow(ctx, 'goods_receipts', {
        org_id: ctx.orgId,
        purchase_order_id: ctx.rows.purchase_orders!.withLines,
        warehouse_id: ctx.rows.stock_levels!.mainWarehouse,
      }),
      other: await insertRow(ctx, 'goods_receipts', {
        org_id: ctx.orgId,
        purchase_order_id: ctx.rows.purchase_orders!.withLines,
        warehouse_id: ctx.rows.stock_levels!.mainWarehouse,
      }),
    }),
    probe: (f, org) => ({ id: f.orgs[org].rows.goods_receipts!.id! }),
    insert: (f, org) => ({
      org_id: f.orgs[org].id,
      purchase_order_id: f.orgs[org].rows.purchase_orders!.withLines,
      warehouse_id: f.orgs[org].rows.stock_levels!.mainWarehouse,
    }),
    update: { supplier_reference: 'DN-1' },
    allow: { ...orderReaders, warehouse: 'SIUD' },
  },
  {
    table: 'goods_receipt_lines',
    setup: async (ctx) => ({
      id: await insertRow(ctx, 'goods_receipt_lines', {
        org_id: ctx.orgId,
        goods_receipt_id: ctx.rows.goods_receipts!.other,
        purchase_order_line_id: ctx.rows.purchase_order_lines!.first,
        quantity: 5,
      }),
    }),
    probe: (f, org) => ({ id: f.orgs[org].rows.goods_receipt_lines!.id! }),
    insert: (f, org) => ({
      org_id: f.orgs[org].id,
      goods_receipt_id: f.orgs[org].rows.goods_receipts!.other,
      purchase_order_line_id: f.orgs[org].rows.purchase_order_lines!.second,
      quantity: 7,
    }),
    update: { quantity: 4 },
    allow: { ...orderReaders, warehouse: 'SIUD' },
  },
  {
    table: 'vendor_bills',
    setup: async (ctx) => ({
      id: await insertRow(ctx, 'vendor_bills', { org_id: ctx.orgId, supplier_id: ctx.rows.purchase_orders!.supplier }),
      withLines: await insertRow(ctx, 'vendor_bills', {
        org_id: ctx.orgId,
        supplier_id: ctx.rows.purchase_orders!.supplier,
      }),
    }),
    probe: (f, org) => ({ id: f.orgs[org].rows.vendor_bills!.id! }),
    insert: (f, org) => ({ org_id: f.orgs[org].id, supplier_id: f.orgs[org].rows.purchase_orders!.supplier }),
    update: { supplier_invoice_number: 'S-100' },
    allow: { ...none, ...buyers, viewer: 'S' },
  },
  {
    table: 'vendor_bill_lines',
    setup: async (ctx) => ({
      id: await insertRow(ctx, 'vendor_bill_lines', {
        org_id: ctx.orgId,
        vendor_bill_id: ctx.rows.vendor_bills!.withLines,
        description: 'Freight',
        quantity: 1,
        unit_price: 25,
      }),
    }),
    probe: (f, org) => ({ id: f.orgs[org].rows.vendor_bill_lines!.id! }),
    insert: (f, org) => ({
      org_id: f.orgs[org].id,
      vendor_bill_id: f.orgs[org].rows.vendor_bills!.withLines,
      description: 'Handling',
      quantity: 1,
      unit_price: 5,
    }),
    update: { unit_price: 30 },
    allow: { ...none, ...buyers, viewer: 'S' },
  },
];
