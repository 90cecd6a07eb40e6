// The role dashboards: who may open which (mirroring the RPCs' role checks, so nobody is offered a
// dashboard the database would refuse), which one a role starts on, and what each follows live.
import { can, type AppRole, type Permission } from '@/lib/roles.ts';
import type { LiveTable } from '../api/live.ts';

export const DASHBOARD_KINDS = ['owner', 'sales-manager', 'sales-rep', 'accountant', 'warehouse', 'support'] as const;
export type DashboardKind = (typeof DASHBOARD_KINDS)[number];

export interface DashboardInfo {
  label: string;
  title: string;
  /** Every RPC the dashboard calls must accept the role. */
  permissions: readonly Permission[];
  /** Tables whose changes refresh it (all in the supabase_realtime publication). */
  tables: readonly LiveTable[];
}

export const DASHBOARDS: Record<DashboardKind, DashboardInfo> = {
  owner: {
    label: 'Owner',
    title: 'Business overview',
    permissions: ['dashboards.sales', 'dashboards.finance', 'dashboards.inventory', 'dashboards.support'],
    tables: ['deals', 'invoices', 'payments', 'stock_levels', 'deliveries', 'tickets', 'sales_targets'],
  },
  'sales-manager': {
    label: 'Sales manager',
    title: 'Sales team',
    permissions: ['dashboards.sales'],
    tables: ['deals', 'leads', 'sales_targets'],
  },
  'sales-rep': {
    label: 'Sales rep',
    title: 'My sales',
    // Owner = me: for the roles that own deals.
    permissions: ['dashboards.sales', 'deals.write'],
    tables: ['deals', 'leads', 'sales_targets'],
  },
  accountant: {
    label: 'Accountant',
    title: 'Finance',
    permissions: ['dashboards.finance'],
    tables: ['invoices', 'payments'],
  },
  warehouse: {
    label: 'Warehouse',
    title: 'Warehouse',
    permissions: ['dashboards.inventory'],
    tables: ['stock_levels', 'deliveries', 'goods_receipts', 'sales_orders'],
  },
  support: {
    label: 'Support',
    title: 'Support',
    permissions: ['dashboards.support'],
    tables: ['tickets'],
  },
};

const DEFAULTS: Record<AppRole, DashboardKind> = {
  owner: 'owner',
  admin: 'owner',
  viewer: 'owner',
  manager: 'sales-manager',
  sales: 'sales-rep',
  warehouse: 'warehouse',
  accountant: 'accountant',
  support: 'support',
};

export function defaultDashboard(role: AppRole): DashboardKind {
  return DEFAULTS[role];
}

export function mayOpen(role: AppRole, kind: DashboardKind): boolean {
  return DASHBOARDS[kind].permissions.every((p) => can(role, p));
}

/** The dashboards a role may open, its own first. */
export function dashboardsFor(role: AppRole): DashboardKind[] {
  const own = defaultDashboard(role);
  return [own, ...DASHBOARD_KINDS.filter((k) => k !== own && mayOpen(role, k))];
}

export function isDashboardKind(value: string | undefined): value is DashboardKind {
  return (DASHBOARD_KINDS as readonly string[]).includes(value ?? '');
}
