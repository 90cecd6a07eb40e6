// The support queue reached from the support dashboard (msw for REST): created between
// org-calendar days (every status unless one is chosen), an assignee, the SLA outcome as the support
// figures count it (breached either target, met both) and status=open (every unresolved ticket)
// become REST filters on ticket_queue, show as chips, and the count is PostgREST's exact count.
import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { server } from './support/msw.ts';
import { createTestSupabase, renderApp } from './support/render-app.tsx';
import { mockSignedInUser, NORTHWIND, pgRows, USER_ID } from './support/rest.ts';
import { fakeSession } from './support/session.ts';

const SAM = 'c1000000-0000-4000-8000-000000000003';

const TICKET = {
  id: 'f0000000-0000-4000-8000-000000000001',
  number: 'T-00042',
  subject: 'Printer on fire',
  status: 'open',
  priority: 'high',
  assignee_id: SAM,
  account_id: null,
  contact_id: null,
  created_at: '2026-02-03T10:00:00Z',
  first_response_due_at: '2026-02-03T14:00:00Z',
  resolution_due_at: '2026-02-04T02:00:00Z',
  first_responded_at: '2026-02-03T15:00:00Z',
  resolved_at: null,
  first_response_breached: true,
  resolution_breached: true,
  next_breach_at: '2026-02-04T02:00:00Z',
};

function mockTickets(total: number) {
  const reads: URLSearchParams[] = [];
  mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'support' }], defaultOrgId: NORTHWIND.id });
  server.use(
    http.get('*/rest/v1/ticket_queue', ({ request }) => {
      reads.push(new URL(request.url).searchParams);
      return pgRows([TICKET], { total });
    }),
    http.post('*/rest/v1/rpc/org_member_profiles', () =>
      HttpResponse.json([
        { id: SAM, full_name: 'Sam Support', email: 'sam@example.com', avatar_path: null, role: 'support' },
      ]),
    ),
  );
  return reads;
}

const open = (path: string) =>
  renderApp(path, createTestSupabase({ session: fakeSession('linus@example.com', USER_ID) }));

describe('ticket queue filters from the dashboards', () => {
  it('lists the tickets of an assignee created between two days that breached an SLA target', async () => {
    const reads = mockTickets(6);
    open(`/tickets?created_from=2026-02-01&created_to=2026-02-28&assignee=${SAM}&sla=breached&priority=high`);

    expect(await screen.findByText('6 tickets')).toBeTruthy();
    const filters = screen.getByRole('list', { name: 'Active filters' });
    expect(filters.textContent).toContain('Created 1 Feb 2026 – 28 Feb 2026');
    expect(filters.textContent).toContain('Breached an SLA target');
    expect(await screen.findByText('Assignee: Sam Support')).toBeTruthy();
    const read = reads.at(-1)!;
    expect(read.getAll('created_at')).toEqual(['gte.2026-02-01T05:00:00.000Z', 'lt.2026-03-01T05:00:00.000Z']);
    expect(read.get('assignee_id')).toBe(`eq.${SAM}`);
    expect(read.get('priority')).toBe('eq.high');
    expect(read.get('or')).toBe('(first_response_breached.eq.true,resolution_breached.eq.true)');
    // Created in the range: every status.
    expect(read.get('status')).toBeNull();
  });

  it('lists the tickets that met both targets: responded and resolved, neither late', async () => {
    const reads = mockTickets(4);
    open('/tickets?created_from=2026-02-01&created_to=2026-02-28&sla=met');

    expect(await screen.findByText('4 tickets')).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Active filters' }).textContent).toContain('Met both SLA targets');
    const read = reads.at(-1)!;
    expect(read.get('first_responded_at')).toBe('not.is.null');
    expect(read.get('resolved_at')).toBe('not.is.null');
    expect(read.get('first_response_breached')).toBe('eq.false');
    expect(read.get('resolution_breached')).toBe('eq.false');
  });

  it('lists every unresolved ticket for status=open', async () => {
    const reads = mockTickets(9);
    open('/tickets?status=open');

    expect(await screen.findByText('9 tickets')).toBeTruthy();
    expect(reads.at(-1)!.get('status')).toBe('in.(new,open,pending)');
    expect(screen.queryByRole('list', { name: 'Active filters' })).toBeNull();
  });
});
