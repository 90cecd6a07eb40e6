import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { server } from './support/msw.ts';
import { createTestSupabase, renderApp } from './support/render-app.tsx';
import { mockSignedInUser, NORTHWIND, USER_ID } from './support/rest.ts';
import { fakeSession } from './support/session.ts';

const ACCOUNT_ID = '0a0a0a0a-0000-4000-8000-000000000001';
const DEAL_ID = '0d0d0d0d-0000-4000-8000-000000000001';

describe('record search in the command palette', () => {
  it('asks the server for the typed text in the current org and opens the chosen record', async () => {
    mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'sales' }], defaultOrgId: NORTHWIND.id });
    const calls: Record<string, unknown>[] = [];
    server.use(
      http.post('*/rest/v1/rpc/search_records', async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        calls.push(body);
        return HttpResponse.json(
          body.p_query === 'acme'
            ? [
                { kind: 'account', id: ACCOUNT_ID, title: 'Acme Widgets', subtitle: 'acme-widgets.test', score: 1.6 },
                { kind: 'deal', id: DEAL_ID, title: 'Acme renewal', subtitle: 'open · 1200.00 USD', score: 1.3 },
              ]
            : [],
        );
      }),
    );
    const { router } = renderApp('/', createTestSupabase({ session: fakeSession('linus@example.com', USER_ID) }));
    await screen.findByRole('heading', { level: 1, name: 'Northwind Traders' });

    fireEvent.keyDown(document, { key: 'k', ctrlKey: true });
    const palette = await screen.findByRole('dialog', { name: 'Command palette' });
    fireEvent.change(within(palette).getByRole('combobox'), { target: { value: 'acme' } });

    const account = await within(palette).findByRole('option', { name: /Acme Widgets/ });
    expect(within(palette).getByRole('option', { name: /Acme renewal/ })).toBeTruthy();
    // Found records are grouped by kind, above the pages (which have "Accounts" and "Deals" entries too).
    const headings = [...palette.querySelectorAll('[cmdk-group-heading]')].map((h) => h.textContent);
    expect(headings.slice(0, 2)).toEqual(['Accounts', 'Deals']);
    // Debounced: one call for the final text (none for "a", which is too short anyway).
    expect(calls).toEqual([{ p_org_id: NORTHWIND.id, p_query: 'acme', p_limit: 12 }]);

    fireEvent.click(account);
    await waitFor(() => expect(router.state.location.pathname).toBe(`/accounts/${ACCOUNT_ID}`));
  });
});
