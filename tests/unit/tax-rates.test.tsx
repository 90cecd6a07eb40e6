// Tax rates page with msw: lists the org's rates, adds one with the typed decimal (a comma
// is read as the decimal point), makes another the default (old default cleared first),
// explains a duplicate name, and shows no write actions to a read-only role.
import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { http, HttpResponse } from 'msw';
import { AppProviders } from '@/app/providers.tsx';
import type { AppRole } from '@/lib/roles.ts';
import { CurrentOrgContext, type CurrentOrg } from '@/lib/current-org.ts';
import { TaxRatesPage } from '@/features/accounting/components/tax-rates-page.tsx';
import { server } from './support/msw.ts';
import { createTestSupabase } from './support/render-app.tsx';
import { NORTHWIND, pgError } from './support/rest.ts';

const RATES = [
  { id: 'r0', org_id: NORTHWIND.id, name: 'No tax', rate: 0, is_default: true, active: true },
  { id: 'r1', org_id: NORTHWIND.id, name: 'NY sales tax', rate: 8.875, is_default: false, active: true },
];

function renderPage(role: AppRole = 'accountant') {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const current: CurrentOrg = {
    org: NORTHWIND,
    role,
    memberships: [{ organization: NORTHWIND, role }],
    switchOrg: () => undefined,
  };
  const router = createMemoryRouter([{ path: '/', element: <TaxRatesPage /> }]);
  render(
    <AppProviders supabase={createTestSupabase()} queryClient={queryClient}>
      <CurrentOrgContext value={current}>
        <RouterProvider router={router} />
      </CurrentOrgContext>
    </AppProviders>,
  );
}

describe('tax rates page', () => {
  it('lists the rates, adds one from the typed decimal and makes another the default', async () => {
    const writes: { method: string; url: string; body: unknown }[] = [];
    server.use(
      http.get('*/rest/v1/tax_rates', () => HttpResponse.json(RATES)),
      http.post('*/rest/v1/tax_rates', async ({ request }) => {
        writes.push({ method: 'POST', url: request.url, body: await request.json() });
        return new HttpResponse(null, { status: 201 });
      }),
      http.patch('*/rest/v1/tax_rates', async ({ request }) => {
        writes.push({ method: 'PATCH', url: decodeURIComponent(request.url), body: await request.json() });
        return new HttpResponse(null, { status: 204 });
      }),
    );
    renderPage();
    const table = await screen.findByRole('table', { name: 'Tax rates' });
    expect(within(table).getByRole('row', { name: /NY sales tax/ }).textContent).toContain('8.875 %');
    expect(within(table).getByRole('row', { name: /No tax/ }).textContent).toContain('Default');

    const form = screen.getByRole('form', { name: 'New tax rate' });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Reduced VAT' } });
    fireEvent.change(within(form).getByLabelText('Rate (%)'), { target: { value: '5,5' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add rate' }));
    await waitFor(() => expect(writes).toHaveLength(1));
    expect(writes[0]!.body).toEqual({ org_id: NORTHWIND.id, name: 'Reduced VAT', rate: '5.5' });

    fireEvent.click(screen.getByRole('button', { name: 'Make NY sales tax the default' }));
    await waitFor(() => expect(writes).toHaveLength(3));
    expect(writes[1]).toMatchObject({ method: 'PATCH', body: { is_default: false } });
    expect(writes[1]!.url).toContain('is_default=eq.true');
    expect(writes[2]).toMatchObject({ method: 'PATCH', body: { is_default: true, active: true } });
    expect(writes[2]!.url).toContain('id=eq.r1');
  });

  it('explains a duplicate name and refuses a rate over 100 % before sending', async () => {
    let posts = 0;
    server.use(
      http.get('*/rest/v1/tax_rates', () => HttpResponse.json(RATES)),
      http.post('*/rest/v1/tax_rates', () => {
        posts++;
        return pgError(409, {
          code: '23505',
          message: 'duplicate key value violates unique constraint "tax_rates_org_id_name_key"',
        });
      }),
    );
    renderPage();
    const form = await screen.findByRole('form', { name: 'New tax rate' });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'NY sales tax' } });
    fireEvent.change(within(form).getByLabelText('Rate (%)'), { target: { value: '120' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add rate' }));
    await within(form).findByText('At most 100 %');
    expect(posts).toBe(0);
    fireEvent.change(within(form).getByLabelText('Rate (%)'), { target: { value: '8' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add rate' }));
    await within(form).findByText('There is a rate of that name');
    expect(posts).toBe(1);
  });

  it('shows no write actions to a viewer', async () => {
    server.use(http.get('*/rest/v1/tax_rates', () => HttpResponse.json(RATES)));
    renderPage('viewer');
    await screen.findByRole('table', { name: 'Tax rates' });
    expect(screen.queryByRole('form', { name: 'New tax rate' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Make .* the default/ })).toBeNull();
  });
});
