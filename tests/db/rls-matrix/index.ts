// The RLS matrix, written by hand from DESIGN.md section 2: one file per domain, one
// entry per table in `public`, in an order where each entry's setup can use the rows
// of the entries before it.
import type { MatrixEntry } from './entry.ts';
import { TENANCY } from './tenancy.ts';
import { CRM_CORE } from './crm-core.ts';
import { INVENTORY } from './inventory.ts';
import { PURCHASING } from './purchasing.ts';
import { ACCOUNTING } from './accounting.ts';
import { SUPPORT } from './support.ts';
import { CRM_LEADS } from './crm-leads.ts';
import { CRM_ACTIVITIES } from './crm-activities.ts';
import { ORDER_TO_CASH } from './order-to-cash.ts';
import { BANK } from './bank.ts';
import { DASHBOARDS_ERP } from './dashboards-erp.ts';
import { DASHBOARDS } from './dashboards.ts';
import { MANUFACTURING } from './manufacturing.ts';
import { PEOPLE } from './people.ts';

export type { MatrixEntry } from './entry.ts';

export const MATRIX: MatrixEntry[] = [
  ...TENANCY,
  ...CRM_CORE,
  ...INVENTORY,
  ...PURCHASING,
  ...ACCOUNTING,
  ...SUPPORT,
  ...CRM_LEADS,
  ...CRM_ACTIVITIES,
  ...ORDER_TO_CASH,
  ...BANK,
  ...DASHBOARDS_ERP,
  ...DASHBOARDS,
  ...MANUFACTURING,
  ...PEOPLE,
];
