// CSV import of products through import_products(): all rows or none, every bad row reported
// with its number, field and message, existing SKUs updated (Odoo-style upsert); only roles that
// write the catalogue may import, and only those that set prices may import prices.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db, type Actor } from '../helpers/db.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';

type Result = { imported: number; created: number; updated: number; errors: unknown[] };

let stack: TestStack;
let db: Db;
let owner: Actor;
let warehouse: Actor;
let viewer: Actor;
let orgId: string;

const count = async () =>
  (await db.query<{ n: number }>(`select count(*)::int as n from public.products where org_id = $1`, [orgId]))[0]!.n;

async function importAs(actor: Actor, rows: unknown): Promise<Result> {
  const [{ result }] = (await db.as<{ result: Result }>(actor, `select public.import_products($1, $2) as result`, [
    orgId,
    JSON.stringify(rows),
  ])) as [{ result: Result }];
  return result;
}

beforeAll(async () => {
  stack = await startTestStack();
  db = new Db(stack.adminDbUrl);
  owner = await db.createUser('owner@products-import.test');
  warehouse = await db.createUser('warehouse@products-import.test');
  viewer = await db.createUser('viewer@products-import.test');
  [{ id: orgId }] = (await db.as<{ id: string }>(
    owner,
    `select id from public.create_organization('Catalogue Co', 'catalogue-co')`,
  )) as [{ id: string }];
  await db.query(
    `insert into public.memberships (org_id, user_id, role) values ($1, $2, 'warehouse'), ($1, $3, 'viewer')`,
    [orgId, warehouse.id, viewer.id],
  );
  await db.query(
    `insert into public.accounts (org_id, name, is_supplier) values ($1, 'Acme Supply', true), ($1, 'Just A Customer', false)`,
    [orgId],
  );
  await db.query(`insert into public.tax_rates (org_id, name, rate) values ($1, 'VAT 20%', 20)`, [orgId]);
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

describe('import_products', () => {
  it('imports nothing and reports exactly the bad rows', async () => {
    const rows: Record<string, string>[] = Array.from({ length: 50 }, (_, i) => ({
      sku: `SKU-${i + 1}`,
      name: `Product ${i + 1}`,
      sale_price: '10.50',
    }));
    rows[3] = { sku: '', name: 'No SKU', sale_price: '' };
    rows[9] = { sku: 'sku-1', name: 'Same SKU again', sale_price: '' };
    rows[20] = { sku: 'SKU-21', name: 'Bad price', sale_price: 'cheap' };
    rows[30] = { sku: 'SKU-31', name: 'Bad kind', kind: 'gadget' };
    rows[40] = { sku: 'SKU-41', name: 'Unknown supplier', supplier: 'Nobody Ltd' };
    rows[41] = { sku: 'SKU-42', name: 'Not a supplier', supplier: 'Just A Customer' };
    rows[42] = { sku: 'SKU-43', name: 'Unknown tax', tax_rate: 'VAT 99%' };
    rows[49] = { sku: 'SKU-50', name: '', sale_price: '' };
    const result = await importAs(owner, rows);
    expect(result).toEqual({
      imported: 0,
      created: 0,
      updated: 0,
      errors: [
        { row: 4, field: 'sku', message: 'SKU is required' },
        { row: 10, field: 'sku', message: 'SKU sku-1 is already in row 1 of this file' },
        { row: 21, field: 'sale_price', message: 'Sale price is an amount like 19.99 (at most 4 decimals)' },
        { row: 31, field: 'kind', message: 'Kind is stocked, service or consumable' },
        { row: 41, field: 'supplier', message: 'No supplier named "Nobody Ltd"' },
        { row: 42, field: 'supplier', message: 'No supplier named "Just A Customer"' },
        { row: 43, field: 'tax_rate', message: 'No tax rate named "VAT 99%"' },
        { row: 50, field: 'name', message: 'Name is required' },
      ],
    });
    expect(await count()).toBe(0);
  });

  it('imports every row of a good file, with names resolved and defaults', async () => {
    const result = await importAs(owner, [
      {
        sku: 'CHAIR-01',
        name: 'Office chair',
        kind: 'Storable',
        uom: 'pcs',
        barcode: '4006381333931',
        sale_price: '149.9',
        tax_rate: 'vat 20%',
        supplier: 'acme supply',
        active: 'yes',
      },
      { sku: 'SETUP', name: 'Setup service', kind: 'service', active: 'no' },
    ]);
    expect(result).toEqual({ imported: 2, created: 2, updated: 0, errors: [] });
    expect(
      await db.as(
        owner,
        `select p.sku, p.name, p.kind, p.uom, p.barcode, p.sale_price, p.currency, t.name as tax, a.name as supplier, p.active
         from public.products p left join public.tax_rates t on t.id = p.tax_rate_id
         left join public.accounts a on a.id = p.preferred_supplier_id
         where p.org_id = $1 order by p.sku`,
        [orgId],
      ),
    ).toEqual([
      {
        sku: 'CHAIR-01',
        name: 'Office chair',
        kind: 'stocked',
        uom: 'pcs',
        barcode: '4006381333931',
        sale_price: '149.9000',
        currency: 'USD',
        tax: 'VAT 20%',
        supplier: 'Acme Supply',
        active: true,
      },
      {
        sku: 'SETUP',
        name: 'Setup service',
        kind: 'service',
        uom: 'unit',
        barcode: null,
        sale_price: '0.0000',
        currency: 'USD',
        tax: null,
        supplier: null,
        active: false,
      },
    ]);
  });

  it('updates products whose SKU exists (any case), changing only the columns in the file', async () => {
    const result = await importAs(owner, [
      { sku: 'chair-01', sale_price: '159', supplier: '' },
      { sku: 'DESK-01', name: 'Desk', sale_price: '300' },
    ]);
    expect(result).toEqual({ imported: 2, created: 1, updated: 1, errors: [] });
    expect(
      await db.as(
        owner,
        `select sku, name, sale_price, barcode, preferred_supplier_id from public.products where org_id = $1 and sku = 'CHAIR-01'`,
        [orgId],
      ),
    ).toEqual([
      {
        sku: 'CHAIR-01',
        name: 'Office chair',
        sale_price: '159.0000',
        barcode: '4006381333931',
        preferred_supplier_id: null,
      },
    ]);
    expect(await count()).toBe(3);
  });

  it('refuses roles without rights, prices from warehouse staff, and bad payloads', async () => {
    await expect(importAs(viewer, [{ sku: 'NOPE', name: 'Nope' }])).rejects.toMatchObject({ code: '42501' });
    await expect(importAs(viewer, [{ sku: 'DESK-01', name: 'Renamed' }])).rejects.toMatchObject({ code: '42501' });
    await expect(importAs(warehouse, [{ sku: 'BOX', name: 'Box', sale_price: '2' }])).rejects.toMatchObject({
      code: '42501',
    });
    await expect(importAs(owner, { sku: 'x' })).rejects.toMatchObject({ code: '22023' });
    expect(await count()).toBe(3);
    // Warehouse staff may import the catalogue without prices.
    expect(await importAs(warehouse, [{ sku: 'BOX', name: 'Box', uom: 'box' }])).toMatchObject({ imported: 1 });
    expect(await count()).toBe(4);
  });
});
