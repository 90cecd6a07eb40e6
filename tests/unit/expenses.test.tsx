// Expenses with msw: the new-expense form refuses what the database would (no category, an amount
// of zero or with three decimals, a receipt that is not an image or a PDF) before anything is sent;
// a valid one is inserted as a draft with the id its receipt is then stored under
// (receipts/<org>/<expense>/<file>, the path the bucket's policy checks) and recorded on it; the
// list submits a draft through submit_expenses.
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { server } from './support/msw.ts';
import { createTestSupabase, renderApp } from './support/render-app.tsx';
import { mockSignedInUser, NORTHWIND, pgRows, USER_ID, type RecordedRequest } from './support/rest.ts';
import { fakeSession } from './support/session.ts';

const ME = {
  id: 'e1000000-0000-4000-8000-000000000001',
  full_name: 'Sam Sales',
  user_id: USER_ID,
  department_id: null,
  active: true,
};
const WEBSITE = {
  id: 'f1000000-0000-4000-8000-000000000001',
  code: 'PRJ-2026-00001',
  name: 'Website rebuild',
  billing_method: 'time_and_materials',
  account: { name: 'Alfreds Futterkiste' },
};
const DRAFT_ID = 'e2000000-0000-4000-8000-000000000009';
const DRAFT = {
  id: DRAFT_ID,
  org_id: NORTHWIND.id,
  employee_id: ME.id,
  project_id: null,
  expense_date: '2026-11-20',
  category: 'Meals',
  description: 'Team lunch',
  amount: 36.5,
  tax_amount: 2.92,
  currency: 'USD',
  amount_base: null,
  billable: false,
  receipt_path: null,
  status: 'draft',
  submitted_at: null,
  approved_by: null,
  approved_at: null,
  rejected_by: null,
  rejected_at: null,
  rejection_reason: null,
  invoiced_invoice_id: null,
  created_by: USER_ID,
  created_at: '2026-11-20T12:00:00Z',
  updated_at: '2026-11-20T12:00:00Z',
  project: null,
  employee: { id: ME.id, full_name: ME.full_name, user_id: USER_ID },
};

function mockExpenses() {
  const requests: RecordedRequest[] = [];
  const record = async (request: Request, body: unknown) =>
    requests.push({ method: request.method, url: new URL(request.url), body, headers: request.headers });
  server.use(
    http.get('*/rest/v1/employees', () => HttpResponse.json(ME)),
    http.get('*/rest/v1/projects', () => pgRows([WEBSITE])),
    http.get('*/rest/v1/expenses', () => pgRows([DRAFT], { total: 1 })),
    http.post('*/rest/v1/expenses', async ({ request }) => {
      await record(request, await request.json());
      return new HttpResponse(null, { status: 201 });
    }),
    http.patch('*/rest/v1/expenses', async ({ request }) => {
      await record(request, await request.json());
      return new HttpResponse(null, { status: 204 });
    }),
    http.post('*/storage/v1/object/receipts/*', async ({ request }) => {
      // storage-js sends the file as multipart form data (jsdom's File loses its bytes on the way
      // into Node's FormData, so only its type is checked).
      const form = await request.formData();
      const file = [...form.values()].find((v): v is File => typeof v !== 'string');
      await record(request, { type: file?.type });
      const key = decodeURIComponent(new URL(request.url).pathname.replace(/^.*\/object\//, ''));
      return HttpResponse.json({ Id: 'obj-1', Key: key });
    }),
    http.post('*/rest/v1/rpc/submit_expenses', async ({ request }) => {
      await record(request, await request.json());
      return HttpResponse.json([{ ...DRAFT, status: 'submitted' }]);
    }),
  );
  mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'sales' }], defaultOrgId: NORTHWIND.id });
  return { requests, supabase: createTestSupabase({ session: fakeSession('sales@northwind.test', USER_ID) }) };
}

const errorOf = (input: HTMLElement) =>
  document.getElementById(input.getAttribute('aria-describedby')!.split(' ').at(-1)!)?.textContent;

describe('expenses', () => {
  it('checks the form before sending anything, then saves the draft and its receipt under its id', async () => {
    const { requests, supabase } = mockExpenses();
    renderApp('/expenses', supabase);

    await screen.findByRole('table', { name: 'My expenses' });
    fireEvent.click(screen.getByRole('button', { name: /New expense/ }));
    const dialog = await screen.findByRole('dialog', { name: 'New expense' });
    const category = within(dialog).getByLabelText('Category');
    const amount = within(dialog).getByLabelText('Amount (net of tax)');
    const receipt = within(dialog).getByLabelText(/Receipt/);
    const billable = within(dialog).getByRole('checkbox', { name: /Billable to the customer/ });
    // Billable needs a project first.
    expect(billable.hasAttribute('disabled')).toBe(true);

    fireEvent.change(amount, { target: { value: '0' } });
    fireEvent.change(receipt, { target: { files: [new File(['hello'], 'notes.txt', { type: 'text/plain' })] } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add expense' }));
    await waitFor(() => expect(errorOf(category)).toBe('Say what it was for'));
    expect(errorOf(amount)).toBe('The amount is more than zero');
    expect(errorOf(receipt)).toBe('A receipt is an image (JPEG, PNG, WebP, HEIC) or a PDF');
    fireEvent.change(amount, { target: { value: '42.505' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add expense' }));
    await waitFor(() => expect(errorOf(amount)).toBe('The amount is a number with at most two decimals, e.g. 42.50'));
    expect(requests).toHaveLength(0);

    fireEvent.change(category, { target: { value: 'Travel' } });
    fireEvent.change(within(dialog).getByLabelText('Date'), { target: { value: '2026-11-24' } });
    fireEvent.change(within(dialog).getByLabelText('Description'), { target: { value: 'Taxi to the customer' } });
    fireEvent.change(amount, { target: { value: '42.50' } });
    fireEvent.change(within(dialog).getByLabelText('Tax'), { target: { value: '3.40' } });
    fireEvent.keyDown(within(dialog).getByRole('combobox', { name: 'Project' }), { key: 'Enter' });
    fireEvent.click(await screen.findByRole('option', { name: /PRJ-2026-00001 · Website rebuild/ }));
    fireEvent.click(billable);
    const png = new File(['fake-png'], 'Taxi receipt (Nov).png', { type: 'image/png' });
    fireEvent.change(receipt, { target: { files: [png] } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add expense' }));

    await waitFor(() => expect(requests).toHaveLength(3));
    const [insert, upload, patch] = requests;
    expect(insert!.method).toBe('POST');
    const row = insert!.body as Record<string, unknown>;
    expect(row).toEqual({
      id: row.id,
      org_id: NORTHWIND.id,
      employee_id: ME.id,
      expense_date: '2026-11-24',
      category: 'Travel',
      project_id: WEBSITE.id,
      description: 'Taxi to the customer',
      amount: 42.5,
      tax_amount: 3.4,
      currency: 'USD',
      billable: true,
    });
    expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const path = `${NORTHWIND.id}/${row.id as string}/Taxi-receipt-Nov-.png`;
    expect(decodeURIComponent(upload!.url.pathname)).toBe(`/storage/v1/object/receipts/${path}`);
    expect(upload!.body).toEqual({ type: 'image/png' });
    expect(patch!.method).toBe('PATCH');
    expect(patch!.url.searchParams.get('id')).toBe(`eq.${row.id as string}`);
    expect(patch!.body).toEqual({ receipt_path: path });
    await screen.findByText('Expense added as a draft');
  });

  it('submits a draft with submit_expenses', async () => {
    const { requests, supabase } = mockExpenses();
    renderApp('/expenses', supabase);

    const table = await screen.findByRole('table', { name: 'My expenses' });
    const row = within(table).getByRole('row', { name: /Meals/ });
    expect(row.textContent).toContain('Team lunch');
    expect(row.textContent).toContain('$36.50');
    expect(row.textContent).toContain('+ tax $2.92');
    fireEvent.click(within(row).getByRole('button', { name: 'Submit Meals of 20 Nov 2026' }));
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(requests[0]!.url.pathname).toMatch(/\/rpc\/submit_expenses$/);
    expect(requests[0]!.body).toEqual({ p_org_id: NORTHWIND.id, p_ids: [DRAFT_ID] });
    await screen.findByText('Expense submitted for approval');
  });
});
