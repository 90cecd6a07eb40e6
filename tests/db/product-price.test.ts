// Prices for quote lines: the customer's price list beats the default list, the largest
// minimum quantity not above the quantity wins, lists out of their dates or inactive are
// skipped, and without a listed price the product's sale price applies; the tax rate is the
// product's, else the org's default.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db, type Actor } from '../helpers/db.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';

let stack: TestStack;
let db: Db;
let owner: Actor;
let orgId: string;
const ids: Record<string, string> = {};

async function insert(table: string, values: Record<string, unknown>): Promise<string> {
  const cols = Object.keys(values);
  const [row] = await db.as<{ id: string }>(
    owner,
    `insert into public.${table} (${cols.join(', ')}) values (${cols.map((_, i) => `$${i + 1}`).join(', ')}) returning id`,
    Object.values(values),
  );
  return row!.id;
}

const price = async (product: string, account: string | null, quantity = 1) =>
  (
    await db.as<{ unit_price: string; currency: string; tax_rate: string; price_list_name: string | null }>(
      owner,
      `select unit_price::text, currency, tax_rate::text, price_list_name from public.product_price($1, $2, $3, $4)`,
      [orgId, product, account, quantity],
    )
  )[0];

beforeAll(async () => {
  stack = await startTestStack();
  db = new Db(stack.adminDbUrl);
  owner = await db.createUser('owner@prices.test');
  [{ id: orgId }] = (await db.as<{ id: string }>(
    owner,
    `select id from public.create_organization('Prices Co', 'prices-co', 'EUR')`,
  )) as [{ id: string }];
  // The organisation comes with a default tax rate; make it 20%.
  await db.as(owner, `update public.tax_rates set rate = 20 where org_id = $1 and is_default`, [orgId]);
  ids.reduced = await insert('tax_rates', { org_id: orgId, name: 'Reduced', rate: 7 });
  ids.tea = await insert('products', {
    org_id: orgId,
    sku: 'TEA',
    name: 'Tea',
    sale_price: 10,
    tax_rate_id: ids.reduced,
  });
  ids.mug = await insert('products', { org_id: orgId, sku: 'MUG', name: 'Mug', sale_price: 4.5 });
  ids.retail = await insert('price_lists', { org_id: orgId, name: 'Retail', currency: 'EUR', is_default: true });
  ids.vip = await insert('price_lists', { org_id: orgId, name: 'VIP', currency: 'USD' });
  ids.old = await insert('price_lists', { org_id: orgId, name: 'Old', currency: 'EUR', valid_to: '2020-01-01' });
  for (const [list, product, min, unit] of [
    [ids.retail, ids.tea, 1, 9],
    [ids.retail, ids.tea, 10, 8],
    [ids.vip, ids.tea, 1, 7.25],
    [ids.old, ids.mug, 1, 1],
  ] as const) {
    await insert('price_list_items', {
      org_id: orgId,
      price_list_id: list,
      product_id: product,
      min_quantity: min,
      unit_price: unit,
    });
  }
  ids.vipCustomer = await insert('accounts', { org_id: orgId, name: 'Big Buyer', price_list_id: ids.vip });
  ids.plainCustomer = await insert('accounts', { org_id: orgId, name: 'Small Buyer' });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

describe('product_price', () => {
  it('takes the customer list, then the default list by quantity, then the sale price', async () => {
    expect(await price(ids.tea!, ids.vipCustomer!)).toEqual({
      unit_price: '7.2500',
      currency: 'USD',
      tax_rate: '7.000',
      price_list_name: 'VIP',
    });
    expect(await price(ids.tea!, ids.plainCustomer!)).toMatchObject({
      unit_price: '9.0000',
      currency: 'EUR',
      price_list_name: 'Retail',
    });
    expect(await price(ids.tea!, null, 12)).toMatchObject({ unit_price: '8.0000', price_list_name: 'Retail' });
    expect(await price(ids.tea!, null, 9.5)).toMatchObject({ unit_price: '9.0000' });
    // Only an expired list has the mug: its sale price, the org's default tax rate.
    expect(await price(ids.mug!, ids.vipCustomer!)).toEqual({
      unit_price: '4.5000',
      currency: 'EUR',
      tax_rate: '20.000',
      price_list_name: null,
    });
  });

  it('says nothing about a product of another organisation', async () => {
    const stranger = await db.createUser('stranger@prices.test');
    await db.as(stranger, `select id from public.create_organization('Other Co', 'other-prices-co')`);
    const rows = await db.as(stranger, `select * from public.product_price($1, $2)`, [orgId, ids.tea]);
    expect(rows).toEqual([]);
  });
});
