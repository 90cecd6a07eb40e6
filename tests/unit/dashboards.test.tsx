// The role dashboards with msw answering the dashboard RPCs from fixtures and a stand-in Realtime
// server: each role lands on its dashboard, tiles show the figure and its change against the
// previous period, charts draw the fixture's series (and list them for screen readers, linking
// where the chart's elements do), a burst of live changes costs one refetch per RPC, and a failed
// or malformed answer is an error state. Today is fixed at 15 Dec 2026, so "this month" is
// 2026-12-01 – 2026-12-31 and the period before it the 31 days 2026-10-31 – 2026-11-30.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { server } from './support/msw.ts';
import { createTestSupabase, renderApp } from './support/render-app.tsx';
import { mockSignedInUser, NORTHWIND, pgError, pgRows, USER_ID } from './support/rest.ts';
import { fakeSession } from './support/session.ts';
import {
  ACME,
  CAMPAIGN,
  CHAI,
  CHANG,
  customerKpis,
  financeKpis,
  INVOICE,
  inventoryKpis,
  leadKpis,
  mockDashboardRpcs,
  PIPELINE,
  previousSalesKpis,
  RITA,
  SAM,
  salesKpis,
  STAGE_PROPOSAL,
  STAGE_QUALIFIED,
  supportKpis,
  TEAM_NORTH,
} from './support/dashboard-fixtures.ts';

type Role = 'owner' | 'admin' | 'manager' | 'sales' | 'support' | 'warehouse' | 'accountant' | 'viewer';

const THIS_MONTH = { p_from: '2026-12-01', p_to: '2026-12-31' };
const MONTH_BEFORE = { p_from: '2026-10-31', p_to: '2026-11-30' };
const isCurrent = (args: Record<string, unknown>) => args.p_from === THIS_MONTH.p_from;

/**
 * jsdom lays nothing out: charts get their size from a ResizeObserver that reports 640 × 240 for
 * every element it watches, as a browser would for the chart's box.
 */
class SizedResizeObserver {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element) {
    const entry = { target, contentRect: { width: 640, height: 240 } } as unknown as ResizeObserverEntry;
    this.callback([entry], this as unknown as ResizeObserver);
  }
  unobserve() {}
  disconnect() {}
}

beforeEach(() => {
  // Only the calendar is fixed; timers run for real (msw, Realtime, the debounce).
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-15T10:00:00'));
  vi.stubGlobal('ResizeObserver', SizedResizeObserver);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** Members and teams the filters list. */
function mockLookups() {
  server.use(
    http.post('*/rest/v1/rpc/org_member_profiles', () =>
      HttpResponse.json([
        { id: SAM, full_name: 'Sam Sales', email: 'sam@example.com', avatar_path: null, role: 'sales' },
        { id: RITA, full_name: 'Rita Rep', email: 'rita@example.com', avatar_path: null, role: 'sales' },
        { id: USER_ID, full_name: 'Linus Torvalds', email: 'linus@example.com', avatar_path: null, role: 'manager' },
      ]),
    ),
    http.get('*/rest/v1/sales_teams', () => pgRows([{ id: TEAM_NORTH, name: 'North', members: [{ user_id: SAM }] }])),
    http.get('*/rest/v1/warehouses', () =>
      pgRows([{ id: 'e0000000-0000-4000-8000-000000000001', code: 'MAIN', name: 'Main' }]),
    ),
  );
}

function signIn(role: Role) {
  const user = mockSignedInUser({ memberships: [{ organization: NORTHWIND, role }] });
  mockLookups();
  return user;
}

const supabase = () => createTestSupabase({ session: fakeSession('linus@example.com', USER_ID) });

const salesAnswers = {
  sales_kpis: (args: Record<string, unknown>) => (isCurrent(args) ? salesKpis() : previousSalesKpis()),
  lead_kpis: (args: Record<string, unknown>) =>
    isCurrent(args) ? leadKpis() : leadKpis({ created: 16, converted: 2, conversion_rate: 0.125 }),
};

const tile = (label: string) => {
  const found = screen.getAllByTestId('kpi-tile').find((t) => t.dataset.label === label);
  if (!found) throw new Error(`No tile ${label}`);
  return found;
};
const figure = (name: string) => screen.getByRole('figure', { name });

describe('role dashboards', () => {
  it("opens a manager's start page on the sales manager dashboard, with this month against the month before", async () => {
    signIn('manager');
    const calls = mockDashboardRpcs(salesAnswers);
    renderApp('/', supabase());

    expect(await screen.findByRole('heading', { level: 1, name: 'Northwind Traders' })).toBeTruthy();
    await screen.findByTestId('dashboard-sales-manager');
    await waitFor(() => expect(tile('Won').textContent).toContain('$30,000.00'));

    // Two calls per RPC: this month and the 31 days before it, org-wide (no owner or team).
    await waitFor(() => expect(calls).toHaveLength(4));
    expect(calls.filter((c) => c.fn === 'sales_kpis').map((c) => c.args)).toEqual(
      expect.arrayContaining([
        { p_org_id: NORTHWIND.id, ...THIS_MONTH },
        { p_org_id: NORTHWIND.id, ...MONTH_BEFORE },
      ]),
    );
    expect(calls.filter((c) => c.fn === 'lead_kpis').map((c) => c.args)).toEqual(
      expect.arrayContaining([
        { p_org_id: NORTHWIND.id, ...THIS_MONTH },
        { p_org_id: NORTHWIND.id, ...MONTH_BEFORE },
      ]),
    );

    // Tiles: value, change against the month before (coloured by good or bad), and where they lead.
    const won = tile('Won');
    expect(within(won).getByTestId('delta').textContent).toBe('▲ up 25 % vs previous period');
    expect(within(won).getByTestId('delta').dataset.tone).toBe('good');
    expect(won.querySelector('a')!.getAttribute('href')).toBe(
      '/deals/list?status=won&closed_from=2026-12-01&closed_to=2026-12-31',
    );
    expect(within(tile('Win rate')).getByTestId('kpi-value').textContent).toBe('50 %');
    expect(within(tile('Win rate')).getByTestId('delta').textContent).toBe('▲ up 10 pp vs previous period');
    expect(within(tile('Average deal size')).getByTestId('delta').textContent).toBe('▼ down 6.3 % vs previous period');
    expect(within(tile('Average deal size')).getByTestId('delta').dataset.tone).toBe('bad');
    // A shorter cycle is good news.
    expect(within(tile('Sales cycle')).getByTestId('delta').dataset.tone).toBe('good');
    expect(within(tile('Lost')).getByTestId('delta').textContent).toBe('▼ down 33 % vs previous period');
    expect(within(tile('Lost')).getByTestId('delta').dataset.tone).toBe('good');
    expect(tile('Lost').querySelector('a')!.getAttribute('href')).toBe(
      '/deals/list?status=lost&closed_from=2026-12-01&closed_to=2026-12-31',
    );
    expect(tile('Open pipeline').textContent).toContain('$48,000.00');
    expect(tile('Open pipeline').querySelector('a')!.getAttribute('href')).toBe('/deals/list?status=open');
    expect(within(tile('Lead conversion')).getByTestId('kpi-value').textContent).toBe('25 %');
    expect(within(tile('Lead conversion')).getByTestId('delta').textContent).toBe('▲ up 12.5 pp vs previous period');
  });

  it("draws the manager's charts from the fixture and lists each series with its links", async () => {
    signIn('manager');
    mockDashboardRpcs(salesAnswers);
    const { container } = renderApp('/dashboards/sales-manager', supabase());
    await screen.findByRole('heading', { level: 1, name: 'Sales team dashboard' });
    await waitFor(() => expect(tile('Won').textContent).toContain('$30,000.00'));

    // Pipeline by stage: one stacked bar per stage (weighted + the rest), the table behind it.
    const pipeline = figure('Open pipeline by stage');
    expect(within(pipeline).getByTestId('stacked-bars').dataset.bars).toBe('3');
    expect(pipeline.querySelectorAll('.recharts-bar-rectangle path')).toHaveLength(6);
    const pipelineRows = within(pipeline)
      .getAllByRole('row')
      .slice(1)
      .map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent));
    expect(pipelineRows).toEqual([
      ['Lead in', '$2,000.00', '$18,000.00', '5', '$20,000.00'],
      ['Qualified', '$5,400.00', '$12,600.00', '3', '$18,000.00'],
      ['Proposal', '$9,000.00', '$1,000.00', '1', '$10,000.00'],
    ]);
    expect(within(pipeline).getByRole('link', { name: 'Qualified' }).getAttribute('href')).toBe(
      `/deals/list?status=open&stage=${STAGE_QUALIFIED}`,
    );

    // The funnel: a bar per stage with the fixture's counts and the conversion from the stage before.
    const funnel = figure('Deal funnel');
    const steps = within(funnel).getAllByTestId('funnel-step');
    expect(steps.map((s) => s.dataset.value)).toEqual(['20', '10', '4']);
    expect(
      within(funnel)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual([
      'Lead in 20 deals',
      'Qualified 10 deals (50 % of the stage before)',
      'Proposal 4 deals (40 % of the stage before)',
    ]);
    expect(within(funnel).getAllByRole('link')[2]!.getAttribute('href')).toBe(
      `/deals/list?created_from=2026-12-01&created_to=2026-12-31&reached=${STAGE_PROPOSAL}&pipeline=${PIPELINE}`,
    );

    // Gauges: won against target and coverage, with where they lead.
    const attainment = figure('Won against target');
    expect(within(attainment).getByRole('link').getAttribute('aria-label')).toBe('Won against target: 75 %');
    expect(within(attainment).getByTestId('gauge-value').textContent).toBe('$30,000.00 won of $40,000.00');
    expect(attainment.querySelectorAll('.recharts-radial-bar-sector').length).toBeGreaterThan(0);
    const coverage = figure('Pipeline coverage');
    expect(within(coverage).getByRole('link').getAttribute('aria-label')).toBe('Pipeline coverage: 120 %');
    expect(within(coverage).getByRole('link').getAttribute('href')).toBe(
      '/deals/list?status=open&close_from=2026-12-01&close_to=2026-12-31',
    );

    // Won over time: the fixture's three days, each linking to that day's won deals.
    const series = figure('Won over time');
    expect(within(series).getByTestId('time-series').dataset.points).toBe('3');
    expect(series.querySelectorAll('.recharts-area-curve')).toHaveLength(1);
    const days = within(series).getAllByRole('row').slice(1);
    expect(days.map((r) => r.querySelector('td')!.textContent)).toEqual(['$5,000.00', '$0.00', '$25,000.00']);
    expect(within(days[2]!).getByRole('link').getAttribute('href')).toBe(
      '/deals/list?status=won&closed_from=2026-12-03&closed_to=2026-12-03',
    );

    // The leaderboard: each rep's won deals in the period, against their target.
    const board = screen.getByRole('region', { name: 'Leaderboard' });
    const boardRows = within(board)
      .getAllByRole('row')
      .slice(1)
      .map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent));
    expect(boardRows).toEqual([
      ['Sam Sales', '3', '$20,000.00', '$25,000.00', '80 %', '$30,000.00'],
      ['Rita Rep', '1', '$10,000.00', '—', '—', '$18,000.00'],
    ]);
    expect(within(board).getByRole('link', { name: 'Rita Rep' }).getAttribute('href')).toBe(
      `/deals/list?status=won&owner=${RITA}&closed_from=2026-12-01&closed_to=2026-12-31`,
    );

    // Leads by source ("none" for leads without one) and the campaigns' return.
    const sources = figure('Leads by source');
    expect(within(sources).getByRole('link', { name: 'Referral' }).getAttribute('href')).toBe(
      '/leads?source=Referral&created_from=2026-12-01&created_to=2026-12-31',
    );
    expect(within(sources).getByRole('link', { name: 'No source' }).getAttribute('href')).toBe(
      '/leads?source=none&created_from=2026-12-01&created_to=2026-12-31',
    );
    const campaigns = screen.getByRole('region', { name: 'Campaigns' });
    expect(within(campaigns).getByRole('link', { name: 'Spring trade fair' }).getAttribute('href')).toBe(
      `/campaigns/${CAMPAIGN}`,
    );
    expect(within(campaigns).getAllByRole('row')[1]!.textContent).toContain('100 %');
    expect(container.querySelector('[data-testid="live-badge"]')).toBeTruthy();
  });

  it('refetches each RPC once for a burst of five live changes, over one channel, and says so', async () => {
    const { realtime } = signIn('manager');
    const calls = mockDashboardRpcs(salesAnswers);
    renderApp('/', supabase());
    await waitFor(() => expect(tile('Won').textContent).toContain('$30,000.00'));

    // One channel for the dashboard, on the tables that feed it, filtered to the org.
    await waitFor(() => expect(screen.getByTestId('live-badge').textContent).toContain('Live'));
    const channels = realtime.joins.filter((j) => j.topic.includes('dashboard:'));
    expect(channels).toHaveLength(1);
    expect(channels[0]!.config.postgres_changes).toEqual(
      ['deals', 'leads', 'sales_targets'].map((table) => ({
        event: '*',
        schema: 'public',
        table,
        filter: `org_id=eq.${NORTHWIND.id}`,
      })),
    );
    // Let a catch-up read (the first read came before the subscription took) run its course.
    await new Promise((resolve) => setTimeout(resolve, 2300));
    const before = calls.length;

    const deal = { id: 'd0000000-0000-4000-8000-000000000001', org_id: NORTHWIND.id, status: 'won' };
    realtime.push('dashboard:', 'deals', 'UPDATE', deal);
    realtime.push('dashboard:', 'deals', 'UPDATE', deal);
    realtime.push('dashboard:', 'leads', 'INSERT', { id: 'l1', org_id: NORTHWIND.id });
    realtime.push('dashboard:', 'deals', 'UPDATE', deal);
    realtime.push('dashboard:', 'sales_targets', 'UPDATE', { id: 't1', org_id: NORTHWIND.id });

    // One refetch of each RPC for each period on screen: four calls, then nothing more.
    await waitFor(() => expect(calls.length).toBe(before + 4));
    await new Promise((resolve) => setTimeout(resolve, 2300));
    const after = calls.slice(before).map((c) => `${c.fn} ${String(c.args.p_from)}`);
    expect(after.sort()).toEqual([
      'lead_kpis 2026-10-31',
      'lead_kpis 2026-12-01',
      'sales_kpis 2026-10-31',
      'sales_kpis 2026-12-01',
    ]);
    expect(screen.getByTestId('updated-at').textContent).toBe('Updated just now');
  });

  it('shows a refused RPC as an error state with a retry, leaving the other section standing', async () => {
    signIn('manager');
    let refuse = true;
    const calls = mockDashboardRpcs({
      sales_kpis: (args) =>
        refuse
          ? pgError(403, { code: '42501', message: 'Your role may not read the sales figures' })
          : isCurrent(args)
            ? salesKpis()
            : previousSalesKpis(),
      lead_kpis: salesAnswers.lead_kpis,
    });
    renderApp('/', supabase());

    const deals = await screen.findByRole('region', { name: 'Deals' });
    const alert = await within(deals).findByRole('alert');
    expect(alert.textContent).toContain('Deals: the figures could not be loaded');
    expect(alert.textContent).toContain('Your role may not read the sales figures');
    // Leads still load.
    await waitFor(() => expect(within(tile('Leads created')).getByTestId('kpi-value').textContent).toBe('12'));

    refuse = false;
    const before = calls.filter((c) => c.fn === 'sales_kpis').length;
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(tile('Won').textContent).toContain('$30,000.00'));
    expect(calls.filter((c) => c.fn === 'sales_kpis').length).toBeGreaterThan(before);
  });

  it('shows an answer of another shape as an error state, not a crash', async () => {
    signIn('accountant');
    mockDashboardRpcs({ finance_kpis: () => financeKpis({ revenue: 'a lot' }) });
    renderApp('/', supabase());

    const finance = await screen.findByRole('region', { name: 'Finance' });
    expect((await within(finance).findByRole('alert')).textContent).toContain(
      'The figures came back in a shape this page does not understand (finance_kpis: revenue).',
    );
  });

  it.each([
    [
      'owner',
      'owner',
      ['customer_kpis', 'finance_kpis', 'inventory_kpis', 'sales_kpis', 'support_kpis'],
      ['Owner', 'Sales manager', 'Sales rep', 'Accountant', 'Warehouse', 'Support'],
    ],
    [
      'admin',
      'owner',
      ['customer_kpis', 'finance_kpis', 'inventory_kpis', 'sales_kpis', 'support_kpis'],
      ['Owner', 'Sales manager', 'Sales rep', 'Accountant', 'Warehouse', 'Support'],
    ],
    [
      'viewer',
      'owner',
      ['customer_kpis', 'finance_kpis', 'inventory_kpis', 'sales_kpis', 'support_kpis'],
      ['Owner', 'Sales manager', 'Accountant', 'Warehouse', 'Support'],
    ],
    [
      'manager',
      'sales-manager',
      ['lead_kpis', 'sales_kpis'],
      ['Sales manager', 'Owner', 'Sales rep', 'Accountant', 'Warehouse', 'Support'],
    ],
    ['sales', 'sales-rep', ['lead_kpis', 'sales_kpis'], ['Sales rep', 'Sales manager', 'Warehouse', 'Support']],
    ['accountant', 'accountant', ['finance_kpis'], ['Accountant', 'Owner', 'Sales manager', 'Warehouse', 'Support']],
    ['warehouse', 'warehouse', ['inventory_kpis'], []],
    ['support', 'support', ['support_kpis'], ['Support', 'Sales manager']],
  ] as const)('opens the start page of a member with role %s on the %s dashboard', async (role, kind, rpcs, tabs) => {
    signIn(role);
    const calls = mockDashboardRpcs({
      sales_kpis: salesAnswers.sales_kpis,
      lead_kpis: salesAnswers.lead_kpis,
      finance_kpis: () => financeKpis(),
      inventory_kpis: () => inventoryKpis(),
      support_kpis: () => supportKpis(),
      customer_kpis: () => customerKpis(),
    });
    renderApp('/', supabase());

    await screen.findByTestId(`dashboard-${kind}`);
    // Both periods of each RPC the dashboard reads, and no other RPC.
    await waitFor(() => expect(calls).toHaveLength(rpcs.length * 2));
    expect([...new Set(calls.map((c) => c.fn))].sort()).toEqual(rpcs);
    // A rep's dashboard is about their own deals and leads.
    if (role === 'sales') expect(calls.every((c) => c.args.p_owner_id === USER_ID)).toBe(true);
    else expect(calls.every((c) => !('p_owner_id' in c.args))).toBe(true);

    const nav = screen.queryByRole('navigation', { name: 'Dashboards' });
    if (tabs.length === 0) expect(nav).toBeNull();
    else {
      expect(
        within(nav!)
          .getAllByRole('link')
          .map((a) => a.textContent),
      ).toEqual(tabs);
      expect(within(nav!).getByRole('link', { current: 'page' }).textContent).toBe(tabs[0]);
    }
  });

  it("refuses a dashboard whose figures the member's role may not read", async () => {
    signIn('warehouse');
    renderApp('/dashboards/accountant', supabase());
    expect(await screen.findByText("You don't have access to this dashboard")).toBeTruthy();
  });
});

describe('the accountant, warehouse, support and owner dashboards', () => {
  it("draws the accountant's ledger figures, each leading to the report or document behind it", async () => {
    signIn('accountant');
    mockDashboardRpcs({
      finance_kpis: (args) =>
        isCurrent(args)
          ? financeKpis()
          : financeKpis({ revenue: 40000, gross_margin_pct: 0.35, dso_days: 14, overdue_amount: 1700 }),
    });
    renderApp('/', supabase());
    await waitFor(() => expect(tile('Revenue').textContent).toContain('$52,000.00'));

    expect(within(tile('Revenue')).getByTestId('delta').textContent).toBe('▲ up 30 % vs previous period');
    expect(tile('Revenue').querySelector('a')!.getAttribute('href')).toBe(
      '/accounting/profit-and-loss?from=2026-12-01&to=2026-12-31',
    );
    expect(within(tile('Gross margin %')).getByTestId('kpi-value').textContent).toBe('40 %');
    expect(within(tile('Gross margin %')).getByTestId('delta').textContent).toBe('▲ up 5 pp vs previous period');
    // Receivables and DSO lead to the aging as of the period's end; a lower DSO is good news.
    expect(tile('Receivables').textContent).toContain('$18,500.50');
    expect(tile('Days sales outstanding').querySelector('a')!.getAttribute('href')).toBe(
      '/reports/ar-aging?as_of=2026-12-31',
    );
    expect(within(tile('Days sales outstanding')).getByTestId('delta').dataset.tone).toBe('good');
    expect(tile('Payables').querySelector('a')!.getAttribute('href')).toBe('/reports/ap-aging?as_of=2026-12-31');
    // Overdue doubled: bad news.
    expect(within(tile('Overdue')).getByTestId('delta').textContent).toBe('▲ up 100 % vs previous period');
    expect(within(tile('Overdue')).getByTestId('delta').dataset.tone).toBe('bad');
    expect(tile('Overdue').querySelector('a')!.getAttribute('href')).toBe('/invoices?status=overdue');

    // Revenue, cost and margin by week: three lines of two points; a week's point opens its days
    // of the period in the P&L (the first week starts before the period).
    const series = figure('Revenue, cost of sales and gross margin');
    expect(within(series).getByTestId('time-series').dataset.points).toBe('2');
    expect(series.querySelectorAll('.recharts-line-curve')).toHaveLength(3);
    const weeks = within(series).getAllByRole('row').slice(1);
    expect(weeks.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent))).toEqual([
      ['$12,000.00', '$7,200.00', '$4,800.00'],
      ['$40,000.00', '$24,000.00', '$16,000.00'],
    ]);
    expect(weeks.map((r) => within(r).getByRole('link').getAttribute('href'))).toEqual([
      '/accounting/profit-and-loss?from=2026-12-01&to=2026-12-06',
      '/accounting/profit-and-loss?from=2026-12-07&to=2026-12-13',
    ]);

    const overdue = screen.getByRole('region', { name: 'Overdue invoices' });
    expect(within(overdue).getByRole('link', { name: 'INV-2026-00042' }).getAttribute('href')).toBe(
      `/invoices/${INVOICE}`,
    );
    expect(within(overdue).getAllByRole('row')[1]!.textContent).toBe('INV-2026-00042Acme Retail25$3,400.00');
    const customers = screen.getByRole('region', { name: 'Top customers' });
    expect(within(customers).getByRole('link', { name: 'Acme Retail' }).getAttribute('href')).toBe(`/accounts/${ACME}`);
    const products = screen.getByRole('region', { name: 'Top products' });
    expect(within(products).getByRole('link', { name: 'CHAI-1 · Chai' }).getAttribute('href')).toBe(
      `/products/${CHAI}`,
    );
  });

  it('filters the warehouse dashboard by the warehouse in the URL and links its figures to the stock screens', async () => {
    signIn('warehouse');
    const MAIN = 'e0000000-0000-4000-8000-000000000001';
    const calls = mockDashboardRpcs({ inventory_kpis: () => inventoryKpis() });
    renderApp(`/?warehouse=${MAIN}`, supabase());
    await waitFor(() => expect(tile('Inventory value').textContent).toContain('$84,250.00'));

    expect(calls.map((c) => c.args)).toEqual(
      expect.arrayContaining([
        { p_org_id: NORTHWIND.id, ...THIS_MONTH, p_warehouse_id: MAIN },
        { p_org_id: NORTHWIND.id, ...MONTH_BEFORE, p_warehouse_id: MAIN },
      ]),
    );
    expect(tile('Inventory value').querySelector('a')!.getAttribute('href')).toBe(
      `/stock/valuation?as_of=2026-12-31&warehouse=${MAIN}`,
    );
    expect(tile('Stock-outs').querySelector('a')!.getAttribute('href')).toBe(
      `/stock?availability=out&warehouse=${MAIN}`,
    );
    expect(tile('Below reorder point').querySelector('a')!.getAttribute('href')).toBe(
      `/stock?availability=below_reorder&warehouse=${MAIN}`,
    );
    expect(within(tile('Turnover')).getByTestId('kpi-value').textContent).toBe('0.25×');
    expect(within(figure('On-time deliveries to customers')).getByRole('link').getAttribute('aria-label')).toBe(
      'On-time deliveries to customers: 90 %',
    );
    expect(within(figure('On-time receipts from suppliers')).getByRole('link').getAttribute('href')).toBe(
      '/suppliers/performance',
    );
    const moves = figure('Received and shipped');
    expect(within(moves).getByTestId('time-series').dataset.points).toBe('2');
    expect(moves.querySelectorAll('.recharts-line-curve')).toHaveLength(2);
    const out = screen.getByRole('region', { name: 'Out of stock now' });
    expect(within(out).getByRole('link', { name: 'CHANG-1 · Chang' }).getAttribute('href')).toBe(`/products/${CHANG}`);
  });

  it('shows the support figures: SLA gauge, tickets by priority and created against resolved', async () => {
    signIn('support');
    mockDashboardRpcs({ support_kpis: () => supportKpis() });
    renderApp('/', supabase());
    await waitFor(() => expect(within(tile('Tickets created')).getByTestId('kpi-value').textContent).toBe('20'));

    expect(within(figure('SLA attainment')).getByRole('link').getAttribute('aria-label')).toBe('SLA attainment: 80 %');
    expect(within(tile('Breached tickets')).getByTestId('kpi-value').textContent).toBe('4');
    expect(tile('Breached tickets').querySelector('a')!.getAttribute('href')).toBe(
      '/tickets?created_from=2026-12-01&created_to=2026-12-31&sla=breached',
    );
    expect(tile('Open now').querySelector('a')!.getAttribute('href')).toBe('/tickets?status=open');
    expect(within(tile('First response')).getByTestId('kpi-value').textContent).toBe('1 h 35 min');
    const priorities = figure('Tickets by priority');
    expect(within(priorities).getByTestId('stacked-bars').dataset.bars).toBe('4');
    expect(
      within(priorities)
        .getAllByRole('row')
        .slice(1)
        .map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent)),
    ).toEqual([
      ['Low', '5', '0', '5'],
      ['Normal', '8', '1', '9'],
      ['High', '2', '2', '4'],
      ['Urgent', '1', '1', '2'],
    ]);
    expect(within(priorities).getByRole('link', { name: 'High' }).getAttribute('href')).toBe(
      '/tickets?created_from=2026-12-01&created_to=2026-12-31&priority=high',
    );
    expect(within(figure('Created and resolved')).getByTestId('time-series').dataset.points).toBe('2');
  });

  it("gives the owner every area's headline, each area failing on its own", async () => {
    signIn('owner');
    mockDashboardRpcs({
      sales_kpis: salesAnswers.sales_kpis,
      finance_kpis: () => financeKpis(),
      inventory_kpis: () => pgError(500, { code: 'XX000', message: 'The stock figures are being rebuilt' }),
      support_kpis: () => supportKpis(),
      customer_kpis: (args) =>
        isCurrent(args) ? customerKpis() : customerKpis({ churn_rate: 0.2, lifetime_value: 15000 }),
    });
    renderApp('/', supabase());
    await waitFor(() => expect(tile('Revenue').textContent).toContain('$52,000.00'));
    await waitFor(() => expect(tile('Churn rate').textContent).toContain('30 %'));

    expect(within(tile('Churn rate')).getByTestId('delta').textContent).toBe('▲ up 10 pp vs previous period');
    expect(within(tile('Churn rate')).getByTestId('delta').dataset.tone).toBe('bad');
    expect(within(tile('Lifetime value')).getByTestId('kpi-value').textContent).toBe('$15,250.50');
    expect(within(tile('Against target')).getByTestId('kpi-value').textContent).toBe('75 %');
    expect(within(tile('SLA attainment')).getByTestId('kpi-value').textContent).toBe('80 %');
    const stock = screen.getByRole('region', { name: 'Stock' });
    expect((await within(stock).findByRole('alert')).textContent).toContain('The stock figures are being rebuilt');
    // The failed area does not hold the others' "updated" back.
    await waitFor(() => expect(screen.getByTestId('updated-at').textContent).toBe('Updated just now'));
    expect(figure('Revenue, cost of sales and gross margin')).toBeTruthy();
  });
});

describe('the dashboard period', () => {
  it('reads custom dates from the fields into the URL and the RPCs, comparing with as many days before', async () => {
    signIn('accountant');
    const calls = mockDashboardRpcs({ finance_kpis: () => financeKpis() });
    const { router } = renderApp('/', supabase());
    await waitFor(() => expect(tile('Revenue').textContent).toContain('$52,000.00'));

    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-12-10' } });
    await waitFor(() => expect(router.state.location.search).toBe('?from=2026-12-10'));
    // 22 days from the 10th to the 31st; the 22 days before them.
    await waitFor(() =>
      expect(calls.map((c) => c.args)).toEqual(
        expect.arrayContaining([
          { p_org_id: NORTHWIND.id, p_from: '2026-12-10', p_to: '2026-12-31' },
          { p_org_id: NORTHWIND.id, p_from: '2026-11-18', p_to: '2026-12-09' },
        ]),
      ),
    );
    expect(screen.getByText('Compared with 18 Nov 2026 – 9 Dec 2026.')).toBeTruthy();
    expect(tile('Revenue').querySelector('a')!.getAttribute('href')).toBe(
      '/accounting/profit-and-loss?from=2026-12-10&to=2026-12-31',
    );

    // An end before the start is refused on the field, and nothing is asked for.
    const before = calls.length;
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-12-01' } });
    expect(await screen.findByText('The start date is after the end date')).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(calls.length).toBe(before);
  });
});
