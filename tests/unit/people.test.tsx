// People with msw: departments with the manager who approves them, employees with their login and
// bill rate; cost rates only for the roles their policy lets read them (an accountant sees the
// history with the rate in force marked and adds one; a manager is never offered them and the page
// never asks for them), and a manager edits an employee.
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import type { Database } from '@/lib/database.types.ts';
import { server } from './support/msw.ts';
import { createTestSupabase, renderApp } from './support/render-app.tsx';
import { mockSignedInUser, NORTHWIND, pgRows, USER_ID, type RecordedRequest } from './support/rest.ts';
import { fakeSession } from './support/session.ts';

type Role = Database['public']['Enums']['app_role'];

const MAYA_USER = '22222222-0000-4000-8000-000000000003';
const SAM_USER = '22222222-0000-4000-8000-000000000004';
const CONSULTING = {
  id: 'ac100000-0000-4000-8000-000000000001',
  org_id: NORTHWIND.id,
  name: 'Consulting',
  parent_id: null,
  manager_user_id: MAYA_USER,
  archived_at: null,
  created_by: null,
  created_at: '2026-01-05T10:00:00Z',
  updated_at: '2026-01-05T10:00:00Z',
};
const SAM = {
  id: 'ac200000-0000-4000-8000-000000000002',
  org_id: NORTHWIND.id,
  user_id: SAM_USER,
  full_name: 'Sam Sales',
  email: 'sales@northwind.test',
  department_id: CONSULTING.id,
  job_title: 'Solutions consultant',
  bill_rate: 110,
  active: true,
  hired_on: '2025-01-06',
  created_by: null,
  created_at: '2026-01-05T10:00:00Z',
  updated_at: '2026-01-05T10:00:00Z',
  department: { id: CONSULTING.id, name: 'Consulting' },
};
const rate = (id: string, validFrom: string, cost: number) => ({
  id,
  org_id: NORTHWIND.id,
  employee_id: SAM.id,
  hourly_cost: cost,
  currency: 'USD',
  valid_from: validFrom,
  created_by: null,
  created_at: '2026-01-05T10:00:00Z',
  updated_at: '2026-01-05T10:00:00Z',
});

function mockPeople(role: Role) {
  const requests: RecordedRequest[] = [];
  const record = async (request: Request) =>
    requests.push({
      method: request.method,
      url: new URL(request.url),
      body: await request.json(),
      headers: request.headers,
    });
  server.use(
    http.get('*/rest/v1/departments', () => pgRows([CONSULTING])),
    http.get('*/rest/v1/employees', () => pgRows([SAM], { total: 1 })),
    http.post('*/rest/v1/rpc/org_member_profiles', () =>
      HttpResponse.json([
        {
          id: MAYA_USER,
          full_name: 'Maya Manager',
          email: 'manager@northwind.test',
          avatar_path: null,
          role: 'manager',
        },
        { id: SAM_USER, full_name: 'Sam Sales', email: 'sales@northwind.test', avatar_path: null, role: 'sales' },
      ]),
    ),
    http.get('*/rest/v1/employee_cost_rates', ({ request }) => {
      requests.push({ method: 'GET', url: new URL(request.url), body: null, headers: request.headers });
      // Newest first, as asked; the one in force today is the latest that has started.
      return pgRows([rate('r3', '2999-01-01', 70), rate('r2', '2024-06-01', 60), rate('r1', '2020-01-01', 55)]);
    }),
    http.post('*/rest/v1/employee_cost_rates', async ({ request }) => {
      await record(request);
      return new HttpResponse(null, { status: 201 });
    }),
    http.patch('*/rest/v1/employees', async ({ request }) => {
      await record(request);
      return new HttpResponse(null, { status: 204 });
    }),
  );
  mockSignedInUser({ memberships: [{ organization: NORTHWIND, role }], defaultOrgId: NORTHWIND.id });
  return { requests, supabase: createTestSupabase({ session: fakeSession('someone@northwind.test', USER_ID) }) };
}

describe('people', () => {
  it('lets an accountant read the cost-rate history and add a rate, but not edit people', async () => {
    const { requests, supabase } = mockPeople('accountant');
    renderApp('/people', supabase);

    const departments = await screen.findByRole('table', { name: 'Departments' });
    expect(within(departments).getByRole('row', { name: /Consulting/ }).textContent).toContain('Maya Manager');
    const employees = await screen.findByRole('table', { name: 'Employees' });
    const sam = within(employees).getByRole('row', { name: /Sam Sales/ });
    expect(sam.textContent).toContain('Solutions consultant');
    expect(sam.textContent).toContain('$110.00 / h');
    expect(screen.queryByRole('button', { name: /New employee/ })).toBeNull();
    expect(within(sam).queryByRole('button', { name: 'Edit Sam Sales' })).toBeNull();

    fireEvent.click(within(sam).getByRole('button', { name: 'Cost rates of Sam Sales' }));
    const dialog = await screen.findByRole('dialog', { name: 'Cost rates of Sam Sales' });
    const history = await within(dialog).findByRole('table', { name: 'Cost rates of Sam Sales' });
    const rows = within(history).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      '1 Jan 2999 $70.00',
      '1 Jun 2024 Current$60.00',
      '1 Jan 2020 $55.00',
    ]);

    const cost = within(dialog).getByLabelText('Hourly cost (USD)');
    fireEvent.change(within(dialog).getByLabelText('From'), { target: { value: '2027-01-01' } });
    fireEvent.change(cost, { target: { value: '62.55555' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add rate' }));
    await within(dialog).findByText('A cost per hour with at most four decimals');
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);
    fireEvent.change(cost, { target: { value: '62.5' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add rate' }));
    await waitFor(() => expect(requests.filter((r) => r.method === 'POST')).toHaveLength(1));
    expect(requests.find((r) => r.method === 'POST')!.body).toEqual({
      org_id: NORTHWIND.id,
      employee_id: SAM.id,
      valid_from: '2027-01-01',
      hourly_cost: 62.5,
    });
    await screen.findByText('Cost rate added');
  });

  it('never offers or reads cost rates for a manager, who edits the employee', async () => {
    const { requests, supabase } = mockPeople('manager');
    renderApp('/people', supabase);

    const employees = await screen.findByRole('table', { name: 'Employees' });
    const sam = within(employees).getByRole('row', { name: /Sam Sales/ });
    expect(within(sam).queryByRole('button', { name: /Cost rates/ })).toBeNull();
    expect(screen.getByRole('button', { name: /New employee/ })).toBeTruthy();

    fireEvent.click(within(sam).getByRole('button', { name: 'Edit Sam Sales' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit Sam Sales' });
    fireEvent.change(within(dialog).getByLabelText('Job title'), { target: { value: 'Senior consultant' } });
    fireEvent.change(within(dialog).getByLabelText(/Bill rate/), { target: { value: '120.5' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save employee' }));
    await waitFor(() => expect(requests.filter((r) => r.method === 'PATCH')).toHaveLength(1));
    const patch = requests.find((r) => r.method === 'PATCH')!;
    expect(patch.url.searchParams.get('id')).toBe(`eq.${SAM.id}`);
    expect(patch.body).toEqual({
      full_name: 'Sam Sales',
      email: 'sales@northwind.test',
      user_id: SAM_USER,
      department_id: CONSULTING.id,
      job_title: 'Senior consultant',
      bill_rate: 120.5,
      hired_on: '2025-01-06',
      active: true,
    });
    await screen.findByText('Employee saved');
    expect(requests.some((r) => r.url.pathname.endsWith('/employee_cost_rates'))).toBe(false);
  });
});
