// Answers of the six dashboard RPCs for the dashboards' unit tests, in the shape of
// src/features/dashboards/schemas/kpis.ts, for a current period and the one before it. The
// numbers are chosen so the expected tiles, deltas and percentages can be worked out by hand.
import { http, HttpResponse, type JsonBodyType } from 'msw';
import { server } from './msw.ts';

export const STAGE_LEAD = 'b1000000-0000-4000-8000-000000000001';
export const STAGE_QUALIFIED = 'b1000000-0000-4000-8000-000000000002';
export const STAGE_PROPOSAL = 'b1000000-0000-4000-8000-000000000003';
export const PIPELINE = 'b0000000-0000-4000-8000-000000000001';
export const SAM = '22222222-0000-4000-8000-000000000004';
export const RITA = '22222222-0000-4000-8000-000000000009';
export const CAMPAIGN = 'ca000000-0000-4000-8000-000000000001';
export const ACME = 'c1000000-0000-4000-8000-000000000001';
export const GLOBEX_ACCOUNT = 'c1000000-0000-4000-8000-000000000002';
export const CHAI = 'a3000000-0000-4000-8000-000000000001';
export const CHANG = 'a3000000-0000-4000-8000-000000000002';
export const MAIN = 'e0000000-0000-4000-8000-000000000001';
export const INVOICE = 'f1000000-0000-4000-8000-000000000001';
export const TEAM_NORTH = 'd7000000-0000-4000-8000-000000000001';

const stage = (id: string, name: string, position: number, count: number, value: number, weighted: number) => ({
  stage_id: id,
  stage_name: name,
  pipeline_id: PIPELINE,
  position,
  count,
  value,
  weighted_value: weighted,
});

export function salesKpis(overrides: Record<string, unknown> = {}) {
  return {
    currency: 'USD',
    bucket: 'day',
    pipeline: {
      open_count: 9,
      open_value: 48000,
      weighted_value: 16400,
      by_stage: [
        stage(STAGE_LEAD, 'Lead in', 0, 5, 20000, 2000),
        stage(STAGE_QUALIFIED, 'Qualified', 1, 3, 18000, 5400),
        stage(STAGE_PROPOSAL, 'Proposal', 2, 1, 10000, 9000),
      ],
    },
    won_count: 4,
    won_value: 30000,
    lost_count: 4,
    win_rate: 0.5,
    avg_deal_size: 7500,
    sales_cycle_days: 21.5,
    velocity_per_day: 1569.77,
    funnel: [
      { stage_id: STAGE_LEAD, stage_name: 'Lead in', position: 0, reached: 20 },
      { stage_id: STAGE_QUALIFIED, stage_name: 'Qualified', position: 1, reached: 10 },
      { stage_id: STAGE_PROPOSAL, stage_name: 'Proposal', position: 2, reached: 4 },
    ],
    won_series: [
      { period: '2026-12-01', won_count: 1, won_value: 5000 },
      { period: '2026-12-02', won_count: 0, won_value: 0 },
      { period: '2026-12-03', won_count: 3, won_value: 25000 },
    ],
    target: { amount: 40000, attainment: 0.75, coverage: 1.2, open_in_range_value: 12000 },
    by_owner: [
      { owner_id: SAM, owner_name: 'Sam Sales', won_count: 3, won_value: 20000, open_value: 30000, target: 25000 },
      { owner_id: RITA, owner_name: 'Rita Rep', won_count: 1, won_value: 10000, open_value: 18000, target: null },
    ],
    ...overrides,
  };
}

/** The period before: won 24,000 (so +25 %), win rate 40 % (+10 pp), deal size 8,000 (−6.3 %). */
export function previousSalesKpis() {
  return salesKpis({
    won_count: 3,
    won_value: 24000,
    lost_count: 6,
    win_rate: 0.4,
    avg_deal_size: 8000,
    sales_cycle_days: 30,
    velocity_per_day: 1200,
    won_series: [],
    target: null,
  });
}

export function leadKpis(overrides: Record<string, unknown> = {}) {
  return {
    currency: 'USD',
    created: 12,
    converted: 3,
    conversion_rate: 0.25,
    by_source: [
      { source: 'Referral', leads: 8, converted: 3, conversion_rate: 0.375 },
      { source: null, leads: 4, converted: 0, conversion_rate: 0 },
    ],
    by_campaign: [
      {
        campaign_id: CAMPAIGN,
        name: 'Spring trade fair',
        budget: 4500,
        leads: 5,
        converted: 2,
        won_count: 1,
        won_value: 9000,
        return_on_budget: 1,
      },
    ],
    ...overrides,
  };
}

export function financeKpis(overrides: Record<string, unknown> = {}) {
  return {
    currency: 'USD',
    bucket: 'week',
    revenue: 52000,
    cost_of_sales: 31200,
    gross_margin: 20800,
    gross_margin_pct: 0.4,
    receivables: 18500.5,
    payables: 7200,
    dso_days: 11.03,
    dpo_days: 7.15,
    overdue_count: 2,
    overdue_amount: 3400,
    series: [
      { period: '2026-11-30', revenue: 12000, cost_of_sales: 7200, gross_margin: 4800 },
      { period: '2026-12-07', revenue: 40000, cost_of_sales: 24000, gross_margin: 16000 },
    ],
    top_accounts: [
      { account_id: ACME, name: 'Acme Retail', revenue: 30000, invoices: 3 },
      { account_id: GLOBEX_ACCOUNT, name: 'Globex Stores', revenue: 22000, invoices: 2 },
    ],
    top_products: [{ product_id: CHAI, name: 'Chai', sku: 'CHAI-1', quantity: 120, revenue: 2160 }],
    overdue_invoices: [
      {
        invoice_id: INVOICE,
        number: 'INV-2026-00042',
        account_id: ACME,
        account_name: 'Acme Retail',
        due_date: '2026-11-20',
        days_overdue: 25,
        balance: 3400,
      },
    ],
    ...overrides,
  };
}

export function inventoryKpis(overrides: Record<string, unknown> = {}) {
  return {
    currency: 'USD',
    bucket: 'day',
    inventory_value: 84250,
    average_inventory_value: 80000,
    cost_of_goods_shipped: 20000,
    turnover: 0.25,
    days_inventory_outstanding: 124,
    stockouts: 1,
    below_reorder: 3,
    stockout_items: [
      {
        product_id: CHANG,
        sku: 'CHANG-1',
        name: 'Chang',
        warehouse_id: MAIN,
        warehouse_name: 'Main',
        on_hand: 2,
        reserved: 2,
        available: 0,
      },
    ],
    customer_on_time: { deliveries: 10, on_time: 9, rate: 0.9 },
    supplier_on_time: { receipts: 4, on_time: 2, rate: 0.5 },
    movement_series: [
      { period: '2026-12-01', received: 40, shipped: 12 },
      { period: '2026-12-02', received: 0, shipped: 30 },
    ],
    top_products: [{ product_id: CHAI, sku: 'CHAI-1', name: 'Chai', shipped: 30, value: 540 }],
    ...overrides,
  };
}

export function supportKpis(overrides: Record<string, unknown> = {}) {
  return {
    bucket: 'day',
    created: 20,
    resolved: 15,
    open_now: 7,
    first_response_met: 16,
    first_response_breached: 2,
    resolution_met: 12,
    resolution_breached: 3,
    sla_attainment: 0.8,
    avg_first_response_minutes: 95,
    median_first_response_minutes: 40,
    by_priority: [
      { priority: 'low', created: 5, breached: 0 },
      { priority: 'normal', created: 9, breached: 1 },
      { priority: 'high', created: 4, breached: 2 },
      { priority: 'urgent', created: 2, breached: 1 },
    ],
    series: [
      { period: '2026-12-01', created: 12, resolved: 6 },
      { period: '2026-12-02', created: 8, resolved: 9 },
    ],
    ...overrides,
  };
}

export function customerKpis(overrides: Record<string, unknown> = {}) {
  return {
    currency: 'USD',
    active: 8,
    previous_active: 10,
    churned: 3,
    new_customers: 1,
    churn_rate: 0.3,
    lifetime_value: 15250.5,
    top_lifetime: [{ account_id: ACME, name: 'Acme Retail', net_invoiced: 120000, first_invoice: '2025-03-04' }],
    ...overrides,
  };
}

export type RpcName = 'sales_kpis' | 'lead_kpis' | 'finance_kpis' | 'inventory_kpis' | 'support_kpis' | 'customer_kpis';

export interface RpcCall {
  fn: RpcName;
  args: Record<string, unknown>;
}

/**
 * Answers each dashboard RPC: `answers[fn]` is called with the arguments (so a test can answer the
 * previous period differently) and returns the JSON body, or a Response for an error. Records
 * every call in order.
 */
export function mockDashboardRpcs(
  answers: Partial<Record<RpcName, (args: Record<string, unknown>) => JsonBodyType | Response>>,
) {
  const calls: RpcCall[] = [];
  for (const [fn, answer] of Object.entries(answers) as [
    RpcName,
    (args: Record<string, unknown>) => JsonBodyType | Response,
  ][]) {
    server.use(
      http.post(`*/rest/v1/rpc/${fn}`, async ({ request }) => {
        const args = (await request.json()) as Record<string, unknown>;
        calls.push({ fn, args });
        const body = answer(args);
        return body instanceof Response ? body : HttpResponse.json(body);
      }),
    );
  }
  return calls;
}
