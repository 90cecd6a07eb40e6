// The answers of the dashboard RPCs (supabase/migrations/*_dashboard_*.sql), checked with zod
// when they arrive. One RPC per area; each takes the org, a date range (inclusive, the org's
// calendar days) and optional filters, and returns one JSON document. Money is in the org's base
// currency (deal and document amounts converted at the dated exchange rate), rounded to cents in
// SQL. Ratios are fractions (0.25 = 25 %), null where the denominator is zero. The previous
// period for a comparison is the same RPC called with the range shifted back by its own length.
import { z } from 'zod';

const money = z.number();
const count = z.number().int().nonnegative();
const ratio = z.number().nullable();
const uuid = z.string().uuid();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Series are bucketed by day up to 31 days, by ISO week up to 183 days, else by month. */
export const bucketSchema = z.enum(['day', 'week', 'month']);

/** sales_kpis(p_org_id, p_from, p_to, p_owner_id, p_team_id, p_pipeline_id) */
export const salesKpisSchema = z.object({
  currency: z.string(),
  bucket: bucketSchema,
  // Open deals now (a snapshot; the range does not apply), per stage of the chosen pipeline
  // (all pipelines: stages of the default pipeline first, then the others').
  pipeline: z.object({
    open_count: count,
    open_value: money,
    weighted_value: money, // amount × (deal probability, else its stage's probability) / 100
    by_stage: z.array(
      z.object({
        stage_id: uuid,
        stage_name: z.string(),
        pipeline_id: uuid,
        position: z.number().int(),
        count,
        value: money,
        weighted_value: money,
      }),
    ),
  }),
  // Deals closed (closed_at) in the range.
  won_count: count,
  won_value: money,
  lost_count: count,
  win_rate: ratio, // won / (won + lost)
  avg_deal_size: money.nullable(), // won_value / won_count
  sales_cycle_days: z.number().nullable(), // mean days from created_at to closed_at of won deals
  // Pipedrive's velocity: open deals × win rate × average deal size ÷ cycle length, per day.
  velocity_per_day: money.nullable(),
  // Deals created in the range that reached each stage (entered it or a later one), in stage order.
  funnel: z.array(z.object({ stage_id: uuid, stage_name: z.string(), position: z.number().int(), reached: count })),
  won_series: z.array(z.object({ period: isoDate, won_count: count, won_value: money })),
  // The owner's (or team's, or the whole org's) targets for the range, prorated by day from monthly
  // targets; null when no target overlaps the range or none is readable.
  target: z
    .object({
      amount: money,
      attainment: ratio, // won_value / amount
      // Open deals expected to close in the range ÷ what is still to win (amount − won_value); null when met.
      coverage: ratio,
      open_in_range_value: money,
    })
    .nullable(),
  // Won value per owner in the range (for the manager's leaderboard), with their target.
  by_owner: z.array(
    z.object({
      owner_id: uuid.nullable(),
      owner_name: z.string().nullable(),
      won_count: count,
      won_value: money,
      open_value: money,
      target: money.nullable(),
    }),
  ),
});
export type SalesKpis = z.infer<typeof salesKpisSchema>;

/** lead_kpis(p_org_id, p_from, p_to, p_owner_id, p_team_id): leads created in the range. */
export const leadKpisSchema = z.object({
  currency: z.string(),
  created: count,
  converted: count, // of those created in the range, converted by now
  conversion_rate: ratio,
  by_source: z.array(
    z.object({ source: z.string().nullable(), leads: count, converted: count, conversion_rate: ratio }),
  ),
  // Campaigns with leads created in the range or a start/end overlapping it.
  by_campaign: z.array(
    z.object({
      campaign_id: uuid,
      name: z.string(),
      budget: money, // in base currency
      leads: count,
      converted: count,
      won_count: count, // deals attributed to the campaign won in the range
      won_value: money,
      return_on_budget: ratio, // (won_value − budget) / budget
    }),
  ),
});
export type LeadKpis = z.infer<typeof leadKpisSchema>;

/** finance_kpis(p_org_id, p_from, p_to): from the posted ledger, so it matches the P&L and aging reports. */
export const financeKpisSchema = z.object({
  currency: z.string(),
  bucket: bucketSchema,
  revenue: money, // income accounts, as the P&L for the range shows
  cost_of_sales: money, // cost-of-sales accounts
  gross_margin: money,
  gross_margin_pct: ratio,
  receivables: money, // receivable accounts' balance at the end of the range
  payables: money, // payable accounts' balance at the end of the range
  dso_days: z.number().nullable(), // receivables ÷ revenue × days in range
  dpo_days: z.number().nullable(), // payables ÷ cost of sales × days in range
  overdue_count: count, // posted invoices open and past due at the end of the range
  overdue_amount: money,
  series: z.array(z.object({ period: isoDate, revenue: money, cost_of_sales: money, gross_margin: money })),
  top_accounts: z.array(z.object({ account_id: uuid, name: z.string(), revenue: money, invoices: count })),
  top_products: z.array(
    z.object({ product_id: uuid, name: z.string(), sku: z.string(), quantity: z.number(), revenue: money }),
  ),
  overdue_invoices: z.array(
    z.object({
      invoice_id: uuid,
      number: z.string(),
      account_id: uuid,
      account_name: z.string(),
      due_date: isoDate,
      days_overdue: z.number().int(),
      balance: money, // in base currency
    }),
  ),
});
export type FinanceKpis = z.infer<typeof financeKpisSchema>;

/** inventory_kpis(p_org_id, p_from, p_to, p_warehouse_id) */
export const inventoryKpisSchema = z.object({
  currency: z.string(),
  bucket: bucketSchema,
  inventory_value: money, // valuation at the end of the range, as the stock valuation page shows
  average_inventory_value: money, // mean of the daily valuations in the range
  cost_of_goods_shipped: money, // shipments' cost in the range
  turnover: ratio, // cost of goods shipped ÷ average inventory value
  days_inventory_outstanding: z.number().nullable(), // days in range ÷ turnover
  stockouts: count, // stocked products with available ≤ 0 in a warehouse now (snapshot)
  below_reorder: count, // levels under their reorder point now
  stockout_items: z.array(
    z.object({
      product_id: uuid,
      sku: z.string(),
      name: z.string(),
      warehouse_id: uuid,
      warehouse_name: z.string(),
      on_hand: z.number(),
      reserved: z.number(),
      available: z.number(),
    }),
  ),
  customer_on_time: z.object({ deliveries: count, on_time: count, rate: ratio }), // posted deliveries vs promised date
  supplier_on_time: z.object({ receipts: count, on_time: count, rate: ratio }).nullable(), // null when purchasing is not readable
  movement_series: z.array(z.object({ period: isoDate, received: z.number(), shipped: z.number() })), // quantities
  top_products: z.array(
    z.object({ product_id: uuid, sku: z.string(), name: z.string(), shipped: z.number(), value: money }),
  ),
});
export type InventoryKpis = z.infer<typeof inventoryKpisSchema>;

/** support_kpis(p_org_id, p_from, p_to, p_assignee_id): tickets created in the range. */
export const supportKpisSchema = z.object({
  bucket: bucketSchema,
  created: count,
  resolved: count, // of those created in the range
  open_now: count, // every open ticket now (snapshot)
  first_response_met: count,
  first_response_breached: count, // responded late, or not yet and past due
  resolution_met: count,
  resolution_breached: count,
  sla_attainment: ratio, // tickets that met both targets ÷ tickets whose targets are decided
  avg_first_response_minutes: z.number().nullable(), // wall-clock minutes, responded tickets
  median_first_response_minutes: z.number().nullable(),
  by_priority: z.array(z.object({ priority: z.string(), created: count, breached: count })),
  series: z.array(z.object({ period: isoDate, created: count, resolved: count })),
});
export type SupportKpis = z.infer<typeof supportKpisSchema>;

/** customer_kpis(p_org_id, p_from, p_to): customers are accounts with posted invoices. */
export const customerKpisSchema = z.object({
  currency: z.string(),
  active: count, // invoiced in the range
  previous_active: count, // invoiced in the previous period of the same length
  churned: count, // invoiced in the previous period, not in the range
  new_customers: count, // first invoice ever in the range
  churn_rate: ratio, // churned ÷ previous_active
  lifetime_value: money.nullable(), // net invoiced (less credit notes) up to the range's end ÷ customers invoiced by then
  top_lifetime: z.array(z.object({ account_id: uuid, name: z.string(), net_invoiced: money, first_invoice: isoDate })),
});
export type CustomerKpis = z.infer<typeof customerKpisSchema>;

/** A monthly target of a sales rep (public.sales_targets). */
export const salesTargetSchema = z.object({
  user_id: uuid,
  month: isoDate.refine((v) => v.endsWith('-01'), 'A target is set for a whole month'),
  amount: z.coerce.number().nonnegative('A target cannot be negative').max(1e12, 'That target is too large'),
});
export type SalesTargetInput = z.infer<typeof salesTargetSchema>;
