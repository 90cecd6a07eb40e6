// What each role may do in the admin screens, mirrored from DESIGN.md section 2 and the policies in
// supabase/migrations. The UI uses it only to hide what a role cannot do; Postgres enforces it.
import type { Database } from '@/lib/database.types.ts';

export type AppRole = Database['public']['Enums']['app_role'];

/** In the order the database enum declares them (PostgREST sorts enum columns in this order). */
export const ROLES: readonly AppRole[] = [
  'owner',
  'admin',
  'manager',
  'sales',
  'support',
  'warehouse',
  'accountant',
  'viewer',
];

export const ROLE_LABELS: Record<AppRole, string> = {
  owner: 'Owner',
  admin: 'Admin',
  manager: 'Manager',
  sales: 'Sales',
  support: 'Support',
  warehouse: 'Warehouse',
  accountant: 'Accountant',
  viewer: 'Viewer',
};

export const ROLE_DESCRIPTIONS: Record<AppRole, string> = {
  owner: 'Everything, including ownership and deleting the organisation',
  admin: 'Everything except ownership',
  manager: 'Runs sales, support, purchasing and production; reads the audit log',
  sales: 'CRM and sales orders',
  support: 'Tickets and customer contacts',
  warehouse: 'Inventory, receipts and deliveries',
  accountant: 'Finance; reads the audit log',
  viewer: 'Reads, changes nothing',
};

/** private.role_rank in the database: nobody may raise their own role above its current rank. */
export const ROLE_RANK: Record<AppRole, number> = {
  owner: 7,
  admin: 6,
  manager: 5,
  accountant: 4,
  sales: 3,
  support: 3,
  warehouse: 3,
  viewer: 1,
};

export type Permission =
  | 'members.manage'
  | 'settings.edit'
  | 'audit.read'
  | 'outbox.read'
  | 'ownership.manage'
  | 'deals.read'
  | 'deals.write'
  | 'pipelines.manage'
  | 'accounts.write'
  | 'contacts.write'
  | 'tickets.read'
  | 'tickets.write'
  | 'activities.write'
  | 'leads.read'
  | 'leads.write'
  | 'lead_scoring.manage'
  | 'campaigns.write'
  | 'sla.manage'
  | 'tasks.write'
  | 'products.write'
  | 'prices.manage'
  | 'warehouses.manage'
  | 'stock.read'
  | 'stock.move'
  | 'stock.reserve'
  | 'purchasing.read'
  | 'purchasing.write'
  | 'receipts.write'
  | 'bills.read'
  | 'reorder_alerts.manage'
  | 'accounting.read'
  | 'accounting.write'
  | 'salesOrders.read'
  | 'salesOrders.write'
  | 'deliveries.write'
  | 'invoices.read'
  | 'invoices.write'
  | 'payments.read'
  | 'payments.write'
  | 'receivables.read'
  | 'manufacturing.read'
  | 'manufacturing.write'
  | 'dashboards.sales'
  | 'dashboards.support'
  | 'dashboards.inventory'
  | 'dashboards.finance'
  | 'targets.read'
  | 'targets.manage'
  | 'people.read'
  | 'people.write'
  | 'cost_rates.manage'
  | 'projects.write'
  | 'projects.costs'
  | 'timesheets.approve';

const PERMISSIONS: Record<Permission, readonly AppRole[]> = {
  'members.manage': ['owner', 'admin'],
  'settings.edit': ['owner', 'admin'],
  'audit.read': ['owner', 'admin', 'manager', 'accountant'],
  'outbox.read': ['owner', 'admin'],
  'ownership.manage': ['owner'],
  'deals.read': ['owner', 'admin', 'manager', 'sales', 'support', 'accountant', 'viewer'],
  'deals.write': ['owner', 'admin', 'manager', 'sales'],
  'pipelines.manage': ['owner', 'admin', 'manager'],
  'accounts.write': ['owner', 'admin', 'manager', 'sales'],
  'contacts.write': ['owner', 'admin', 'manager', 'sales', 'support'],
  'tickets.read': ['owner', 'admin', 'manager', 'sales', 'support', 'accountant', 'viewer'],
  'tickets.write': ['owner', 'admin', 'manager', 'support'],
  'activities.write': ['owner', 'admin', 'manager', 'sales', 'support'],
  'leads.read': ['owner', 'admin', 'manager', 'sales', 'support', 'accountant', 'viewer'],
  'leads.write': ['owner', 'admin', 'manager', 'sales'],
  'lead_scoring.manage': ['owner', 'admin', 'manager'],
  'campaigns.write': ['owner', 'admin', 'manager', 'sales'],
  'sla.manage': ['owner', 'admin', 'manager', 'support'],
  'tasks.write': ['owner', 'admin', 'manager', 'sales', 'support'],
  // Inventory and purchasing, mirroring their policies and RPC role checks.
  'products.write': ['owner', 'admin', 'manager', 'accountant', 'warehouse'],
  'prices.manage': ['owner', 'admin', 'manager', 'accountant'],
  'warehouses.manage': ['owner', 'admin', 'warehouse'],
  'stock.read': ['owner', 'admin', 'manager', 'sales', 'warehouse', 'accountant', 'viewer'],
  'stock.move': ['owner', 'admin', 'warehouse'],
  'stock.reserve': ['owner', 'admin', 'manager', 'sales', 'warehouse'],
  'purchasing.read': ['owner', 'admin', 'manager', 'accountant', 'warehouse', 'viewer'],
  'purchasing.write': ['owner', 'admin', 'manager', 'accountant'],
  'receipts.write': ['owner', 'admin', 'manager', 'accountant', 'warehouse'],
  'bills.read': ['owner', 'admin', 'manager', 'accountant', 'viewer'],
  'reorder_alerts.manage': ['owner', 'admin', 'manager', 'warehouse', 'accountant'],
  // The books (chart of accounts, journal, periods, exchange rates): DESIGN.md's Finance row and
  // the accounting core's policies and RPC role checks.
  'accounting.read': ['owner', 'admin', 'manager', 'accountant', 'viewer'],
  'accounting.write': ['owner', 'admin', 'accountant'],
  // Sales orders, deliveries, returns (DESIGN.md): sales write orders, the warehouse posts
  // deliveries and returns (confirm/cancel_sales_order, post_delivery, post_customer_return).
  'salesOrders.read': ['owner', 'admin', 'manager', 'sales', 'support', 'warehouse', 'accountant', 'viewer'],
  'salesOrders.write': ['owner', 'admin', 'manager', 'sales'],
  'deliveries.write': ['owner', 'admin', 'manager', 'warehouse'],
  // invoices_select: who sees the customer's invoices (the warehouse and support do not).
  'invoices.read': ['owner', 'admin', 'manager', 'sales', 'accountant', 'viewer'],
  // Invoices, payments and balances (DESIGN.md's Finance row): owners, admins and accountants
  // write; payments are not the sales reps' (payments_select); support reads balances only (ar_aging).
  'invoices.write': ['owner', 'admin', 'accountant'],
  'payments.read': ['owner', 'admin', 'manager', 'accountant', 'viewer'],
  'payments.write': ['owner', 'admin', 'accountant'],
  'receivables.read': ['owner', 'admin', 'manager', 'sales', 'support', 'accountant', 'viewer'],
  // Manufacturing (boms, bom_lines, production_orders policies; production order RPCs' role checks).
  'manufacturing.read': ['owner', 'admin', 'manager', 'sales', 'warehouse', 'accountant', 'viewer'],
  'manufacturing.write': ['owner', 'admin', 'manager', 'warehouse'],
  // Dashboard RPCs' role checks: sales_kpis/lead_kpis and support_kpis refuse the warehouse,
  // inventory_kpis refuses support, finance_kpis/customer_kpis are for those who read the books.
  'dashboards.sales': ['owner', 'admin', 'manager', 'sales', 'support', 'accountant', 'viewer'],
  'dashboards.support': ['owner', 'admin', 'manager', 'sales', 'support', 'accountant', 'viewer'],
  'dashboards.inventory': ['owner', 'admin', 'manager', 'sales', 'warehouse', 'accountant', 'viewer'],
  'dashboards.finance': ['owner', 'admin', 'manager', 'accountant', 'viewer'],
  // sales_targets_select (a rep reads only their own); targets and teams are written by managers,
  // owners and admins.
  'targets.read': ['owner', 'admin', 'manager', 'sales', 'accountant', 'viewer'],
  'targets.manage': ['owner', 'admin', 'manager'],
  // People and time (departments/employees policies; employee_cost_rates_all; projects_write;
  // project_margin's role check; approve/reject_timesheets and _expenses). Everyone logs their own
  // time and expenses; invoicing a project is invoices.write, issuing materials stock.move.
  'people.read': ['owner', 'admin', 'manager', 'accountant'],
  'people.write': ['owner', 'admin', 'manager'],
  'cost_rates.manage': ['owner', 'admin', 'accountant'],
  'projects.write': ['owner', 'admin', 'manager'],
  'projects.costs': ['owner', 'admin', 'manager', 'accountant'],
  'timesheets.approve': ['owner', 'admin', 'manager'],
};

export function can(role: AppRole | null | undefined, permission: Permission): boolean {
  return !!role && PERMISSIONS[permission].includes(role);
}

/**
 * The roles `actor` may give to a member whose role is now `current`. Only owners touch ownership;
 * for their own membership nobody may go above their current rank.
 */
export function assignableRoles(actor: AppRole, current: AppRole, isSelf: boolean): AppRole[] {
  if (!can(actor, 'members.manage')) return [];
  if (current === 'owner' && !can(actor, 'ownership.manage')) return [];
  return ROLES.filter((role) => {
    if (role === 'owner' && !can(actor, 'ownership.manage')) return false;
    if (isSelf && ROLE_RANK[role] > ROLE_RANK[current]) return false;
    return true;
  });
}

/** Roles an inviter may invite with (create_invitation: only owners invite owners). */
export function invitableRoles(actor: AppRole): AppRole[] {
  if (!can(actor, 'members.manage')) return [];
  return ROLES.filter((role) => role !== 'owner' || can(actor, 'ownership.manage'));
}
