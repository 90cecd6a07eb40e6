// RLS matrix lines for manufacturing (DESIGN.md section 2, "Manufacturing: BOMs, production
// orders"): owners, admins, managers and warehouse staff write; sales, accountants and
// viewers read; support sees nothing. The probe BOM has no lines and no orders (deletable);
// the production order probe is planned (deletable). Production order components are
// copied from the BOM and changed only by the order's actions, so nobody writes them.
import { all, insertRow, type MatrixEntry } from './entry.ts';

const readers = { ...all('S'), support: '' };
const writers = { ...readers, owner: 'SIUD', admin: 'SIUD', manager: 'SIUD', warehouse: 'SIUD' };

export const MANUFACTURING: MatrixEntry[] = [
  {
    table: 'boms',
    setup: async (ctx) => {
      const product = (sku: string, name: string) => insertRow(ctx, 'products', { org_id: ctx.orgId, sku, name });
      const finished = await product('MFG-TABLE', 'Probe table');
      const leg = await product('MFG-LEG', 'Probe leg');
      const top = await product('MFG-TOP', 'Probe top');
      const bom = (name: string) => insertRow(ctx, 'boms', { org_id: ctx.orgId, product_id: finished, name });
      // `used` gets a line (below) and builds the production order probe.
      return { finished, leg, top, used: await bom('Used BOM'), id: await bom('Probe BOM') };
    },
    probe: (f, org) => ({ id: f.orgs[org].rows.boms!.id! }),
    insert: (f, org) => ({ org_id: f.orgs[org].id, product_id: f.orgs[org].rows.boms!.finished, name: 'New BOM' }),
    update: { notes: 'Check the screws' },
    allow: writers,
  },
  {
    table: 'bom_lines',
    setup: async (ctx) => ({
      id: await insertRow(ctx, 'bom_lines', {
        org_id: ctx.orgId,
        bom_id: ctx.rows.boms!.used,
        product_id: ctx.rows.boms!.leg,
        quantity: 4,
      }),
    }),
    probe: (f, org) => ({ id: f.orgs[org].rows.bom_lines!.id! }),
    insert: (f, org) => ({
      org_id: f.orgs[org].id,
      bom_id: f.orgs[org].rows.boms!.used,
      product_id: f.orgs[org].rows.boms!.top,
      quantity: 1,
    }),
    update: { quantity: 5 },
    allow: writers,
  },
  {
    table: 'production_orders',
    setup: async (ctx) => ({
      id: await insertRow(ctx, 'production_orders', {
        org_id: ctx.orgId,
        product_id: ctx.rows.boms!.finished,
        bom_id: ctx.rows.boms!.used,
        quantity: 2,
      }),
    }),
    probe: (f, org) => ({ id: f.orgs[org].rows.production_orders!.id! }),
    insert: (f, org) => ({ org_id: f.orgs[org].id, product_id: f.orgs[org].rows.boms!.finished, quantity: 1 }),
    update: { notes: 'Rush' },
    allow: writers,
  },
  {
    table: 'production_order_components',
    setup: async (ctx) => {
      const [row] = await ctx.sql<{ id: string }>(
        `select id from public.production_order_components where production_order_id = $1`,
        [ctx.rows.production_orders!.id],
      );
      return { id: row!.id };
    },
    probe: (f, org) => ({ id: f.orgs[org].rows.production_order_components!.id! }),
    update: { position: 7 },
    allow: readers,
  },
];
