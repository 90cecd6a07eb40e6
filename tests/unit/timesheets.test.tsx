// Timesheets with msw: the weekly grid (saved hours in their cells, approved cells read-only,
// typed hours in "7,5" and "7:30", row, day and week totals, 25 h refused per cell and more than
// 24 h per day refused for the day, the arrow keys, and the exact cells sent to
// save_timesheet_week), submitting the week, and the manager's approvals (approve_timesheets with
// the week's entries and the database's refusal shown; reject_timesheets with a reason).
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import type { Database } from '@/lib/database.types.ts';
import { server } from './support/msw.ts';
import { createTestSupabase, renderApp } from './support/render-app.tsx';
import { mockSignedInUser, NORTHWIND, pgError, pgRows, USER_ID, type RecordedRequest } from './support/rest.ts';
import { fakeSession } from './support/session.ts';

type Role = Database['public']['Enums']['app_role'];

const ME = {
  id: 'e1000000-0000-4000-8000-000000000001',
  full_name: 'Sam Sales',
  user_id: USER_ID,
  department_id: null,
  active: true,
};
const RITA = { id: 'e1000000-0000-4000-8000-000000000002', full_name: 'Rita Rep', user_id: null };
const WEBSITE = {
  id: 'f1000000-0000-4000-8000-000000000001',
  code: 'PRJ-2026-00001',
  name: 'Website rebuild',
  billing_method: 'time_and_materials',
  account: { name: 'Alfreds Futterkiste' },
};
const INTERNAL = {
  id: 'f1000000-0000-4000-8000-000000000002',
  code: 'PRJ-2026-00002',
  name: 'Internal tools',
  billing_method: 'non_billable',
  account: { name: 'Northwind Traders' },
};
const AUDIT = {
  id: 'f1000000-0000-4000-8000-000000000003',
  code: 'PRJ-2026-00003',
  name: 'Stock audit',
  billing_method: 'time_and_materials',
  account: { name: 'Ernst Handel' },
};
// Monday 30 November 2026.
const WEEK = '2026-11-30';

function entry(
  id: string,
  project: typeof WEBSITE,
  date: string,
  hours: number,
  status: string,
  extra: Record<string, unknown> = {},
) {
  return {
    id,
    org_id: NORTHWIND.id,
    employee_id: ME.id,
    project_id: project.id,
    production_order_id: null,
    entry_date: date,
    hours,
    description: null,
    billable: project.billing_method !== 'non_billable',
    status,
    submitted_at: status === 'draft' ? null : '2026-12-01T18:00:00Z',
    approved_by: null,
    approved_at: status === 'approved' ? '2026-12-02T09:00:00Z' : null,
    rejected_by: null,
    rejected_at: null,
    rejection_reason: null,
    invoiced_invoice_id: null,
    created_by: USER_ID,
    created_at: '2026-11-30T17:00:00Z',
    updated_at: '2026-11-30T17:00:00Z',
    project: { id: project.id, code: project.code, name: project.name, billing_method: project.billing_method },
    production_order: null,
    ...extra,
  };
}

function recorder() {
  const requests: RecordedRequest[] = [];
  const record = async (request: Request) => {
    const text = await request.text();
    requests.push({
      method: request.method,
      url: new URL(request.url),
      body: text ? (JSON.parse(text) as unknown) : null,
      headers: request.headers,
    });
  };
  return { requests, record };
}

function signIn(role: Role) {
  const base = mockSignedInUser({ memberships: [{ organization: NORTHWIND, role }], defaultOrgId: NORTHWIND.id });
  return { ...base, supabase: createTestSupabase({ session: fakeSession('sales@northwind.test', USER_ID) }) };
}

function mockWeek() {
  const { requests, record } = recorder();
  const week = [
    entry('a1000000-0000-4000-8000-000000000001', WEBSITE, '2026-11-30', 8, 'draft', { description: 'Design' }),
    entry('a1000000-0000-4000-8000-000000000002', INTERNAL, '2026-12-01', 2, 'approved'),
  ];
  server.use(
    http.get('*/rest/v1/employees', () => HttpResponse.json(ME)),
    http.get('*/rest/v1/projects', () => pgRows([WEBSITE, INTERNAL, AUDIT])),
    http.get('*/rest/v1/timesheet_entries', ({ request }) => {
      const url = new URL(request.url);
      expect(url.searchParams.get('employee_id')).toBe(`eq.${ME.id}`);
      expect(url.searchParams.getAll('entry_date')).toEqual([`gte.${WEEK}`, 'lte.2026-12-06']);
      return pgRows(week);
    }),
    http.post('*/rest/v1/rpc/save_timesheet_week', async ({ request }) => {
      await record(request);
      return HttpResponse.json([]);
    }),
    http.post('*/rest/v1/rpc/submit_timesheet_week', async ({ request }) => {
      await record(request);
      return HttpResponse.json([]);
    }),
  );
  return requests;
}

const cell = (project: { code: string; name: string }, day: string) =>
  screen.getByLabelText<HTMLInputElement>(`${project.code} · ${project.name}, ${day}`);

const type = (input: HTMLInputElement, text: string) => fireEvent.change(input, { target: { value: text } });

describe('timesheet grid', () => {
  it('shows the saved week, totals typed hours exactly and refuses 25 h in a cell', async () => {
    mockWeek();
    const { supabase } = signIn('sales');
    renderApp(`/timesheets?week=${WEEK}`, supabase);

    const grid = await screen.findByRole('table', { name: 'Timesheet of Sam Sales, week of 30 Nov – 6 Dec 2026' });
    expect(cell(WEBSITE, 'Monday 30 November').value).toBe('8');
    const approved = cell(INTERNAL, 'Tuesday 1 December');
    expect(approved.value).toBe('2');
    expect(approved.readOnly).toBe(true);
    expect(within(grid).getByText('Approved')).toBeTruthy();
    expect(within(grid).getByText('Draft')).toBeTruthy();

    type(cell(WEBSITE, 'Tuesday 1 December'), '7,5');
    type(cell(WEBSITE, 'Wednesday 2 December'), '7:30');
    // Website: 8 + 7.5 + 7.5 = 23; Tuesday: 7.5 + 2 = 9.5; the week: 23 + 2 = 25.
    const website = within(grid).getByRole('row', { name: /PRJ-2026-00001/ });
    expect(within(website).getAllByRole('cell').at(-2)!.textContent).toBe('23.00');
    expect(screen.getByTestId('day-total-2026-12-01').textContent).toBe('9.50');
    expect(screen.getByTestId('day-total-2026-12-02').textContent).toBe('7.50');
    expect(screen.getByTestId('week-total').textContent).toBe('25.00');

    const thursday = cell(WEBSITE, 'Thursday 3 December');
    type(thursday, '25');
    expect(thursday.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(thursday.getAttribute('aria-describedby')!)!.textContent).toBe(
      'At most 24 hours a day',
    );
    expect(screen.getByRole('button', { name: /Save/ }).hasAttribute('disabled')).toBe(true);
    expect(screen.getByRole('alert').textContent).toContain('Some cells are not valid hours');
    // The week total leaves the invalid cell out.
    expect(screen.getByTestId('week-total').textContent).toBe('25.00');

    type(thursday, '7.255');
    expect(document.getElementById(thursday.getAttribute('aria-describedby')!)!.textContent).toBe(
      'At most two decimals',
    );
    type(thursday, '6.25');
    expect(thursday.hasAttribute('aria-invalid')).toBe(false);
    expect(screen.getByTestId('week-total').textContent).toBe('31.25');
    expect(screen.getByRole('button', { name: /Save/ }).hasAttribute('disabled')).toBe(false);
  });

  it('refuses more than 24 hours on one day across projects', async () => {
    mockWeek();
    const { supabase } = signIn('sales');
    renderApp(`/timesheets?week=${WEEK}`, supabase);

    await screen.findByRole('table', { name: /Timesheet of Sam Sales/ });
    // Tuesday already has 2 approved hours on the internal project.
    type(cell(WEBSITE, 'Tuesday 1 December'), '22.5');
    expect(screen.getByTestId('day-total-2026-12-01').textContent).toContain('24.50');
    expect(screen.getByRole('alert').textContent).toContain('More than 24 hours on Tuesday 1 December');
    expect(screen.getByRole('button', { name: /Save/ }).hasAttribute('disabled')).toBe(true);
    type(cell(WEBSITE, 'Tuesday 1 December'), '22');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('moves between cells with the arrow keys', async () => {
    mockWeek();
    const { supabase } = signIn('sales');
    renderApp(`/timesheets?week=${WEEK}`, supabase);

    await screen.findByRole('table', { name: /Timesheet of Sam Sales/ });
    const monday = cell(WEBSITE, 'Monday 30 November');
    monday.focus();
    fireEvent.keyDown(monday, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(cell(INTERNAL, 'Monday 30 November'));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(cell(INTERNAL, 'Tuesday 1 December'));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(cell(WEBSITE, 'Tuesday 1 December'));
  });

  it('sends the editable cells with time to save_timesheet_week, and submits the week', async () => {
    const requests = mockWeek();
    const { supabase } = signIn('sales');
    renderApp(`/timesheets?week=${WEEK}`, supabase);

    await screen.findByRole('table', { name: /Timesheet of Sam Sales/ });
    type(cell(WEBSITE, 'Tuesday 1 December'), '7.5');
    type(cell(WEBSITE, 'Wednesday 2 December'), '0');
    fireEvent.keyDown(await screen.findByRole('combobox', { name: 'Add a project' }), { key: 'Enter' });
    fireEvent.click(await screen.findByRole('option', { name: /PRJ-2026-00003 · Stock audit/ }));
    type(cell(AUDIT, 'Friday 4 December'), '4:15');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Billable: PRJ-2026-00003 · Stock audit' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Description: PRJ-2026-00003 · Stock audit' }), {
      target: { value: '  Count at MAIN  ' },
    });

    fireEvent.click(screen.getByRole('button', { name: /Save/ }));
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(requests[0]!.url.pathname).toMatch(/\/rpc\/save_timesheet_week$/);
    // The approved internal cell is left out (it stays as it is); 0 h and blanks are no cells.
    expect(requests[0]!.body).toEqual({
      p_org_id: NORTHWIND.id,
      p_employee_id: ME.id,
      p_week_start: WEEK,
      p_entries: [
        {
          project_id: WEBSITE.id,
          entry_date: '2026-11-30',
          hours: 8,
          description: 'Design',
          billable: true,
        },
        {
          project_id: WEBSITE.id,
          entry_date: '2026-12-01',
          hours: 7.5,
          description: 'Design',
          billable: true,
        },
        {
          project_id: AUDIT.id,
          entry_date: '2026-12-04',
          hours: 4.25,
          description: 'Count at MAIN',
          billable: false,
        },
      ],
    });
    await screen.findByText('Timesheet saved');

    fireEvent.click(screen.getByRole('button', { name: /Submit week/ }));
    await waitFor(() => expect(requests).toHaveLength(2));
    expect(requests[1]!.url.pathname).toMatch(/\/rpc\/submit_timesheet_week$/);
    expect(requests[1]!.body).toEqual({ p_org_id: NORTHWIND.id, p_employee_id: ME.id, p_week_start: WEEK });
    await screen.findByText('Week submitted for approval');
  });
});

describe('approvals', () => {
  function mockSubmitted(approve: () => Response) {
    const { requests, record } = recorder();
    const submitted = [
      { ...entry('a2000000-0000-4000-8000-000000000001', WEBSITE, '2026-11-30', 6, 'submitted'), employee_id: RITA.id },
      { ...entry('a2000000-0000-4000-8000-000000000002', AUDIT, '2026-12-01', 3.5, 'submitted'), employee_id: RITA.id },
    ].map((e) => ({ ...e, employee: RITA }));
    server.use(
      http.get('*/rest/v1/timesheet_entries', ({ request }) => {
        expect(new URL(request.url).searchParams.get('status')).toBe('eq.submitted');
        return pgRows(submitted);
      }),
      http.get('*/rest/v1/expenses', () => pgRows([])),
      http.post('*/rest/v1/rpc/approve_timesheets', async ({ request }) => {
        await record(request);
        return approve();
      }),
      http.post('*/rest/v1/rpc/reject_timesheets', async ({ request }) => {
        await record(request);
        return HttpResponse.json([]);
      }),
    );
    return requests;
  }

  it("approves a week's entries with approve_timesheets and shows the database's refusal", async () => {
    const requests = mockSubmitted(() =>
      pgError(403, {
        code: '42501',
        message: 'You may not approve the time of Rita Rep',
        hint: 'Nobody approves their own time; departments with a manager are approved by that manager',
      }),
    );
    const { supabase } = signIn('manager');
    renderApp('/timesheets/approvals', supabase);

    const card = (await screen.findByRole('heading', { name: 'Rita Rep, week of 30 Nov – 6 Dec 2026' })).closest(
      'section',
    )!;
    expect(within(card).getByText('9.50 h submitted')).toBeTruthy();
    fireEvent.click(within(card).getByRole('button', { name: /Approve/ }));
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(requests[0]!.url.pathname).toMatch(/\/rpc\/approve_timesheets$/);
    expect(requests[0]!.body).toEqual({
      p_org_id: NORTHWIND.id,
      p_ids: ['a2000000-0000-4000-8000-000000000001', 'a2000000-0000-4000-8000-000000000002'],
    });
    const alert = await within(card).findByRole('alert');
    expect(alert.textContent).toContain('Could not approve');
    expect(alert.textContent).toContain('You may not approve the time of Rita Rep');
    expect(alert.textContent).toContain('departments with a manager are approved by that manager');
  });

  it('rejects a week with the reason given', async () => {
    const requests = mockSubmitted(() => HttpResponse.json([]));
    const { supabase } = signIn('manager');
    renderApp('/timesheets/approvals', supabase);

    const card = (await screen.findByRole('heading', { name: /Rita Rep, week of/ })).closest('section')!;
    fireEvent.click(within(card).getByRole('button', { name: /Reject/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Reject the time of Rita Rep?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Reject' }));
    expect(within(dialog).getByText('Say why, so it can be fixed')).toBeTruthy();
    expect(requests).toHaveLength(0);
    fireEvent.change(within(dialog).getByLabelText('Reason'), { target: { value: 'Log the audit on PRJ-2026-00003' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Reject' }));
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(requests[0]!.url.pathname).toMatch(/\/rpc\/reject_timesheets$/);
    expect(requests[0]!.body).toEqual({
      p_org_id: NORTHWIND.id,
      p_ids: ['a2000000-0000-4000-8000-000000000001', 'a2000000-0000-4000-8000-000000000002'],
      p_reason: 'Log the audit on PRJ-2026-00003',
    });
    await screen.findByText('Rejected the week of Rita Rep');
  });
});
