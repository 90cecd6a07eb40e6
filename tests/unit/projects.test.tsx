// Projects with msw: the project page renders project_margin()'s figures (billed, each cost with
// its share of billed, margin and margin %, hours), follows the project live (a time entry event
// on its channel refetches the margin once the burst is over), lists what is approved and not
// invoiced (hours at the project's rate), and invoices it through the create-invoice function
// with the project as the source, then links to the invoice.
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import type { Database } from '@/lib/database.types.ts';
import { server } from './support/msw.ts';
import { createTestSupabase, renderApp } from './support/render-app.tsx';
import { mockSignedInUser, NORTHWIND, pgRows, USER_ID, type RecordedRequest } from './support/rest.ts';
import { fakeSession } from './support/session.ts';

type Role = Database['public']['Enums']['app_role'];

const PROJECT_ID = 'f1000000-0000-4000-8000-000000000001';
const INVOICE_ID = 'a7000000-0000-4000-8000-000000000001';
const PROJECT = {
  id: PROJECT_ID,
  org_id: NORTHWIND.id,
  code: 'PRJ-2026-00001',
  name: 'Website rebuild',
  account_id: 'c1000000-0000-4000-8000-000000000001',
  deal_id: null,
  manager_id: USER_ID,
  status: 'active',
  billing_method: 'time_and_materials',
  hourly_rate: 120,
  expense_markup_pct: 10,
  tax_rate: 0,
  time_product_id: null,
  budget: 5000,
  currency: 'USD',
  start_date: '2026-11-02',
  end_date: null,
  description: null,
  closed_at: null,
  created_by: USER_ID,
  created_at: '2026-11-02T10:00:00Z',
  updated_at: '2026-11-02T10:00:00Z',
  account: { id: 'c1000000-0000-4000-8000-000000000001', name: 'Alfreds Futterkiste' },
  deal: null,
};

// Billed 1200.00; costs 450.00 + 100.00 + 50.50 + 80.00 = 680.50; margin 519.50 (43.29 %).
const MARGIN = {
  currency: 'USD',
  budget: 5000,
  billed: 1200,
  time_cost: 450,
  purchases: 100,
  materials: 50.5,
  expenses: 80,
  cost: 680.5,
  margin: 519.5,
  margin_pct: 43.29,
  hours: { logged: 20, approved: 16, billable: 12, unbilled: 4, uncosted: 0 },
};
// After another invoice: billed 1680.00, margin 999.50 (59.49 %), nothing unbilled.
const MARGIN_AFTER = {
  ...MARGIN,
  billed: 1680,
  margin: 999.5,
  margin_pct: 59.49,
  hours: { ...MARGIN.hours, unbilled: 0 },
};

function mockProject(role: Role) {
  const requests: RecordedRequest[] = [];
  let marginCalls = 0;
  server.use(
    http.get('*/rest/v1/projects', () => HttpResponse.json(PROJECT)),
    http.post('*/rest/v1/rpc/project_margin', async ({ request }) => {
      expect(await request.json()).toEqual({ p_org_id: NORTHWIND.id, p_project_id: PROJECT_ID });
      marginCalls += 1;
      return HttpResponse.json(marginCalls === 1 ? MARGIN : MARGIN_AFTER);
    }),
    http.get('*/rest/v1/timesheet_entries', () =>
      pgRows([
        {
          employee_id: 'e1000000-0000-4000-8000-000000000001',
          hours: 2.5,
          entry_date: '2026-11-23',
          employee: { full_name: 'Sam Sales', bill_rate: 95 },
        },
        {
          employee_id: 'e1000000-0000-4000-8000-000000000001',
          hours: 1.5,
          entry_date: '2026-11-25',
          employee: { full_name: 'Sam Sales', bill_rate: 95 },
        },
      ]),
    ),
    http.get('*/rest/v1/expenses', () =>
      pgRows([
        {
          id: 'e2000000-0000-4000-8000-000000000001',
          expense_date: '2026-11-24',
          category: 'Travel',
          description: 'Train to the customer',
          amount: 40,
          currency: 'USD',
        },
      ]),
    ),
    http.get('*/rest/v1/invoices', () => pgRows([])),
    http.post('*/rest/v1/rpc/org_member_profiles', () =>
      HttpResponse.json([
        { id: USER_ID, full_name: 'Maya Manager', email: 'manager@northwind.test', avatar_path: null, role: 'manager' },
      ]),
    ),
    http.post('*/functions/v1/create-invoice', async ({ request }) => {
      requests.push({
        method: 'POST',
        url: new URL(request.url),
        body: await request.json(),
        headers: request.headers,
      });
      return HttpResponse.json(
        {
          invoice: { id: INVOICE_ID, number: 'INV-2026-00042', total: 524, currency: 'USD' },
          pdf_path: `${NORTHWIND.id}/INV-2026-00042.pdf`,
          emailed: true,
        },
        { status: 201 },
      );
    }),
  );
  const signedIn = mockSignedInUser({ memberships: [{ organization: NORTHWIND, role }], defaultOrgId: NORTHWIND.id });
  const supabase = createTestSupabase({ session: fakeSession('accountant@northwind.test', USER_ID) });
  return { requests, realtime: signedIn.realtime, supabase, marginCalls: () => marginCalls };
}

const figure = (label: string) => screen.getByText(label, { selector: 'dt' }).nextElementSibling!.textContent;

describe('project page', () => {
  it('renders the margin, its breakdown and the hours from project_margin', async () => {
    const { supabase } = mockProject('accountant');
    renderApp(`/projects/${PROJECT_ID}`, supabase);

    await screen.findByRole('heading', { level: 1, name: 'PRJ-2026-00001 · Website rebuild' });
    await screen.findByRole('table', { name: 'Margin breakdown' });
    expect(figure('Billed')).toBe('$1,200.00');
    expect(figure('Costs')).toBe('$680.50');
    expect(figure('Margin')).toBe('$519.50');
    expect(figure('Margin %')).toBe('43.29%');
    const breakdown = screen.getByRole('table', { name: 'Margin breakdown' });
    const cells = (name: string) =>
      within(within(breakdown).getByRole('row', { name: new RegExp(`^${name}`) }))
        .getAllByRole('cell')
        .map((c) => c.textContent);
    expect(cells('Billed')).toEqual(['$1,200.00', '100.0%']);
    expect(cells('Time')).toEqual(['-$450.00', '37.5%']);
    expect(cells('Purchases')).toEqual(['-$100.00', '8.3%']);
    expect(cells('Materials')).toEqual(['-$50.50', '4.2%']);
    expect(cells('Expenses')).toEqual(['-$80.00', '6.7%']);
    expect(cells('Margin')).toEqual(['$519.50', '43.3%']);
    // 680.50 of a 5000.00 budget.
    expect(screen.getByText(/Budget \$5,000.00: costs so far are 13.6% of it/)).toBeTruthy();
    const hours = screen.getByRole('table', { name: 'Hours on the project' });
    expect(
      within(hours)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['20.00 h', '16.00 h', '12.00 h', '4.00 h']);

    // Not invoiced yet: 4 h at the project's 120.00 (not Sam's 95.00 bill rate) = 480.00; the
    // train ticket at 40.00 plus the 10 % mark-up = 44.00.
    const unbilled = screen.getByRole('table', { name: 'Time and expenses not invoiced yet' });
    const time = within(unbilled).getByRole('row', { name: /Time: Sam Sales/ });
    expect(
      within(time)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['4.00 h', '$120.00', '$480.00']);
    const train = within(unbilled).getByRole('row', { name: /Expense: Travel/ });
    expect(
      within(train)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['1', '$40.00', '$44.00']);
  });

  it('refetches the margin once after a burst of realtime events on the project', async () => {
    const { supabase, realtime, marginCalls } = mockProject('accountant');
    renderApp(`/projects/${PROJECT_ID}`, supabase);

    await screen.findByRole('table', { name: 'Margin breakdown' });
    await waitFor(() => expect(realtime.joined(`live:project:${PROJECT_ID}`)).toBeTruthy());
    expect(realtime.joined(`live:project:${PROJECT_ID}`)!.config.postgres_changes).toEqual([
      { event: '*', schema: 'public', table: 'projects', filter: `id=eq.${PROJECT_ID}` },
      { event: '*', schema: 'public', table: 'timesheet_entries', filter: `project_id=eq.${PROJECT_ID}` },
      { event: '*', schema: 'public', table: 'expenses', filter: `project_id=eq.${PROJECT_ID}` },
      { event: '*', schema: 'public', table: 'invoices', filter: `project_id=eq.${PROJECT_ID}` },
    ]);
    expect(marginCalls()).toBe(1);
    realtime.push(`live:project:${PROJECT_ID}`, 'invoices', 'INSERT', { id: INVOICE_ID, project_id: PROJECT_ID });
    realtime.push(`live:project:${PROJECT_ID}`, 'timesheet_entries', 'UPDATE', { id: 'x1', project_id: PROJECT_ID });
    realtime.push(`live:project:${PROJECT_ID}`, 'timesheet_entries', 'UPDATE', { id: 'x2', project_id: PROJECT_ID });
    await waitFor(() => expect(figure('Billed')).toBe('$1,680.00'));
    expect(figure('Margin')).toBe('$999.50');
    expect(figure('Margin %')).toBe('59.49%');
    expect(marginCalls()).toBe(2);
  });

  it('invoices the billable time and expenses through create-invoice and links to the invoice', async () => {
    const { supabase, requests } = mockProject('accountant');
    renderApp(`/projects/${PROJECT_ID}`, supabase);

    fireEvent.click(await screen.findByRole('button', { name: /Invoice billable time and expenses/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Invoice PRJ-2026-00001' });
    const upTo = within(dialog).getByLabelText<HTMLInputElement>(/Up to/);
    fireEvent.change(upTo, { target: { value: '2026-11-30' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create invoice' }));
    await waitFor(() => expect(requests).toHaveLength(1));
    const body = requests[0]!.body as Record<string, unknown>;
    expect(body).toEqual({
      org_id: NORTHWIND.id,
      idempotency_key: body.idempotency_key,
      project_id: PROJECT_ID,
      up_to: '2026-11-30',
      send: true,
    });
    expect(body.idempotency_key).toMatch(/^[0-9a-f-]{36}$/);
    const link = await screen.findByRole('link', { name: 'Open invoice INV-2026-00042' });
    expect(link.getAttribute('href')).toBe(`/invoices/${INVOICE_ID}`);
    expect(screen.getByText('Invoice INV-2026-00042 issued', { selector: 'p' })).toBeTruthy();
  });

  it('shows no costs or invoicing to a sales rep', async () => {
    const { supabase, marginCalls } = mockProject('sales');
    renderApp(`/projects/${PROJECT_ID}`, supabase);

    await screen.findByRole('heading', { level: 1, name: 'PRJ-2026-00001 · Website rebuild' });
    await screen.findByRole('heading', { name: 'Details' });
    expect(screen.queryByRole('table', { name: 'Margin breakdown' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Invoice billable/ })).toBeNull();
    expect(marginCalls()).toBe(0);
  });
});
