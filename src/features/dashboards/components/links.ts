// Where each number of a dashboard leads: the list or report that shows the same rows, filtered the
// way the number was computed (the lists read these parameters and show matching counts and totals).
import type { DateRange } from '../schemas/range.ts';

export interface SalesScope {
  owner?: string;
  team?: string;
}

type Params = Record<string, string | undefined>;

function href(path: string, params: Params): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

const scope = (s: SalesScope): Params => ({ owner: s.owner, team: s.team });

export const links = {
  /** Open deals in a stage now (the pipeline is a snapshot), or every open deal without a stage. */
  pipeline: (s: SalesScope, stageId?: string) => href('/deals/list', { status: 'open', stage: stageId, ...scope(s) }),
  /** Deals won (or lost) with closed_at in the range. */
  closed: (status: 'won' | 'lost', range: DateRange, s: SalesScope) =>
    href('/deals/list', { status, ...scope(s), closed_from: range.from, closed_to: range.to }),
  /** Deals created in the range that reached a stage (entered it or a later one). */
  funnel: (stageId: string, range: DateRange, s: SalesScope, pipelineId?: string) =>
    href('/deals/list', {
      created_from: range.from,
      created_to: range.to,
      reached: stageId,
      pipeline: pipelineId,
      ...scope(s),
    }),
  /** Open deals expected to close in the range (what covers the rest of the target). */
  coverage: (range: DateRange, s: SalesScope) =>
    href('/deals/list', { status: 'open', close_from: range.from, close_to: range.to, ...scope(s) }),
  /** Leads created in the range from a source ("none" for leads without one); converted ones only when asked. */
  leads: (source: string | null, range: DateRange, s: SalesScope, converted = false) =>
    href('/leads', {
      source: source ?? 'none',
      created_from: range.from,
      created_to: range.to,
      ...scope(s),
      status: converted ? 'converted' : undefined,
    }),
  allLeads: (range: DateRange, s: SalesScope, converted = false) =>
    href('/leads', {
      created_from: range.from,
      created_to: range.to,
      ...scope(s),
      status: converted ? 'converted' : undefined,
    }),
  campaign: (id: string) => `/campaigns/${id}`,
  /** Tickets created in the range; breached ones or one priority when asked. */
  tickets: (range: DateRange, opts: { assignee?: string; breached?: boolean; priority?: string } = {}) =>
    href('/tickets', {
      created_from: range.from,
      created_to: range.to,
      assignee: opts.assignee,
      sla: opts.breached ? 'breached' : undefined,
      priority: opts.priority,
    }),
  /** Every unresolved ticket now (of one assignee when filtered). */
  openTickets: (assignee?: string) => href('/tickets', { status: 'open', assignee }),
  profitAndLoss: (range: DateRange) => href('/accounting/profit-and-loss', { from: range.from, to: range.to }),
  arAging: (asOf: string) => href('/reports/ar-aging', { as_of: asOf }),
  apAging: (asOf: string) => href('/reports/ap-aging', { as_of: asOf }),
  invoice: (id: string) => `/invoices/${id}`,
  overdueInvoices: () => href('/invoices', { status: 'overdue' }),
  account: (id: string) => `/accounts/${id}`,
  product: (id: string) => `/products/${id}`,
  stockValuation: (asOf: string, warehouse?: string) => href('/stock/valuation', { as_of: asOf, warehouse }),
  stockouts: (warehouse?: string) => href('/stock', { availability: 'out', warehouse }),
  belowReorder: (warehouse?: string) => href('/stock', { availability: 'below_reorder', warehouse }),
  supplierPerformance: () => '/suppliers/performance',
  /** Posted deliveries dated in the range whose order promised a date (the on-time figure's rows). */
  deliveries: (range: DateRange, warehouse?: string) =>
    href('/deliveries', { from: range.from, to: range.to, warehouse }),
};
