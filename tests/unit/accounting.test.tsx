// Accounting screens with msw: the manual entry form (exact live totals and difference, no
// posting while unbalanced, the requests of a balanced entry saved and posted), the entry page
// (lines, totals, the database's refusal to post, the reverse dialog's RPC and the links
// between an entry and its reversal), the chart of accounts (grouped by type, the database's
// unique-code error on its field, the type guard's message) and who sees which buttons.
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import type { Database } from '@/lib/database.types.ts';
import { server } from './support/msw.ts';
import { createTestSupabase, renderApp } from './support/render-app.tsx';
import { mockSignedInUser, NORTHWIND, pgError, pgRows, USER_ID, type RecordedRequest } from './support/rest.ts';
import { fakeSession } from './support/session.ts';

type Role = Database['public']['Enums']['app_role'];

function account(id: string, code: string, name: string, type: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    org_id: NORTHWIND.id,
    code,
    name,
    type,
    role: null,
    parent_id: null,
    reconcilable: false,
    active: true,
    created_at: '2026-11-01T10:00:00Z',
    updated_at: '2026-11-01T10:00:00Z',
    ...extra,
  };
}

const BANK = account('c1000000-0000-4000-8000-000000001000', '1000', 'Bank', 'asset', {
  role: 'bank',
  reconcilable: true,
});
const RECEIVABLE = account('c1000000-0000-4000-8000-000000001100', '1100', 'Accounts receivable', 'asset', {
  role: 'receivable',
  reconcilable: true,
});
const PAYABLE = account('c1000000-0000-4000-8000-000000002000', '2000', 'Accounts payable', 'liability', {
  role: 'payable',
});
const RENT = account('c1000000-0000-4000-8000-000000006100', '6100', 'Rent', 'expense');
const OFFICE = account('c1000000-0000-4000-8000-000000006200', '6200', 'Office and software', 'expense');
const OLD = account('c1000000-0000-4000-8000-000000006999', '6999', 'Old expenses', 'expense', { active: false });
const ACCOUNTS = [BANK, RECEIVABLE, PAYABLE, RENT, OFFICE, OLD];

const ACME = { id: 'a2000000-0000-4000-8000-000000000009', name: 'Acme Property Ltd' };

const NEW_ID = 'e0000000-0000-4000-8000-000000000001';
const POSTED_ID = 'e0000000-0000-4000-8000-000000000007';
const REVERSAL_ID = 'e0000000-0000-4000-8000-000000000008';
const DRAFT_ID = 'e0000000-0000-4000-8000-000000000009';

function entry(id: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    org_id: NORTHWIND.id,
    number: null,
    entry_date: '2026-11-28',
    description: 'November rent',
    status: 'draft',
    source_type: 'manual',
    source_id: null,
    reversal_of: null,
    posted_at: null,
    posted_by: null,
    created_by: USER_ID,
    created_at: '2026-11-28T09:00:00Z',
    ...extra,
  };
}

function line(id: number, entryId: string, acc: typeof BANK, debit: number, credit: number, partner = false) {
  return {
    id,
    org_id: NORTHWIND.id,
    entry_id: entryId,
    gl_account_id: acc.id,
    debit,
    credit,
    currency: null,
    amount_currency: null,
    partner_id: partner ? ACME.id : null,
    description: null,
    account: { id: acc.id, code: acc.code, name: acc.name },
    partner: partner ? ACME : null,
  };
}

const POSTED = entry(POSTED_ID, {
  number: 'JE-2026-00007',
  status: 'posted',
  posted_at: '2026-11-28T09:05:00Z',
  posted_by: USER_ID,
  lines: [
    line(71, POSTED_ID, RENT, 1250, 0),
    line(72, POSTED_ID, OFFICE, 49.99, 0),
    line(73, POSTED_ID, PAYABLE, 0, 1299.99, true),
  ],
});
const REVERSAL = entry(REVERSAL_ID, {
  number: 'JE-2026-00008',
  status: 'posted',
  description: 'Reversal of JE-2026-00007: Wrong supplier',
  source_type: 'reversal',
  source_id: POSTED_ID,
  reversal_of: POSTED_ID,
  posted_at: '2026-11-30T10:00:00Z',
  posted_by: USER_ID,
  lines: [],
});
const DRAFT = entry(DRAFT_ID, {
  description: 'Accrued rent',
  lines: [line(91, DRAFT_ID, RENT, 100, 0), line(92, DRAFT_ID, BANK, 0, 90)],
});

interface Books {
  requests: RecordedRequest[];
  entries: Map<string, Record<string, unknown>>;
}

function mockBooks({
  onPost,
  onInsertAccount,
}: {
  onPost?: (body: { p_entry_id: string }) => Response;
  onInsertAccount?: (body: Record<string, unknown>) => Response;
} = {}): Books {
  const requests: RecordedRequest[] = [];
  const entries = new Map<string, Record<string, unknown>>(
    [POSTED, REVERSAL, DRAFT].map((e) => [e.id, e as Record<string, unknown>]),
  );
  const record = async (request: Request) => {
    const text = request.method === 'GET' ? '' : await request.text();
    const body = text ? (JSON.parse(text) as unknown) : null;
    requests.push({ method: request.method, url: new URL(request.url), body, headers: request.headers });
    return body;
  };
  const one = (request: Request, row: Record<string, unknown> | null) =>
    request.headers.get('accept')?.includes('vnd.pgrst.object') ? HttpResponse.json(row) : pgRows(row ? [row] : []);
  server.use(
    http.get('*/rest/v1/gl_accounts', () => pgRows(ACCOUNTS)),
    http.post('*/rest/v1/gl_accounts', async ({ request }) => {
      const body = (await record(request)) as Record<string, unknown>;
      return onInsertAccount?.(body) ?? HttpResponse.json({ id: 'c1000000-0000-4000-8000-000000009999' });
    }),
    http.patch('*/rest/v1/gl_accounts', async ({ request }) => {
      await record(request);
      return pgError(400, {
        code: '23514',
        message: 'Account 6100 has posted entries: its type cannot change from expense to asset',
        hint: 'Open a new account of the right type and move the balance with a journal entry.',
      });
    }),
    http.get('*/rest/v1/accounts', () => pgRows([ACME])),
    http.post('*/rest/v1/rpc/org_member_profiles', () =>
      HttpResponse.json([
        {
          id: USER_ID,
          full_name: 'Alice Accountant',
          email: 'alice@example.com',
          avatar_path: null,
          role: 'accountant',
        },
      ]),
    ),
    http.get('*/rest/v1/journal_entries', async ({ request }) => {
      await record(request);
      const url = new URL(request.url);
      const id = url.searchParams.get('id')?.replace(/^eq\./, '');
      if (id) return one(request, entries.get(id) ?? null);
      const or = url.searchParams.get('or');
      if (or) {
        // (reversal_of.eq.<id>[,id.eq.<id>]): the entries linked to one by a reversal.
        const wanted = [...or.matchAll(/(reversal_of|id)\.eq\.([0-9a-f-]+)/g)];
        const rows = [...entries.values()].filter((e) => wanted.some(([, col, v]) => e[col!] === v));
        return pgRows(rows.map((e) => ({ id: e.id, number: e.number, reversal_of: e.reversal_of })));
      }
      return pgRows([...entries.values()], { total: entries.size });
    }),
    http.post('*/rest/v1/journal_entries', async ({ request }) => {
      const body = (await record(request)) as Record<string, unknown>;
      entries.set(NEW_ID, entry(NEW_ID, { ...body, lines: [] }));
      return HttpResponse.json({ id: NEW_ID }, { status: 201 });
    }),
    http.delete('*/rest/v1/journal_entries', async ({ request }) => {
      await record(request);
      return new HttpResponse(null, { status: 204 });
    }),
    http.post('*/rest/v1/journal_lines', async ({ request }) => {
      await record(request);
      return new HttpResponse(null, { status: 201 });
    }),
    http.post('*/rest/v1/rpc/post_journal_entry', async ({ request }) => {
      const body = (await record(request)) as { p_entry_id: string };
      if (onPost) return onPost(body);
      const posted = {
        ...entries.get(body.p_entry_id),
        status: 'posted',
        number: 'JE-2026-00012',
        posted_at: '2026-11-30T10:00:00Z',
        posted_by: USER_ID,
        lines: [line(121, NEW_ID, RENT, 0.1, 0), line(122, NEW_ID, OFFICE, 0.2, 0), line(123, NEW_ID, BANK, 0, 0.3)],
      };
      entries.set(body.p_entry_id, posted);
      return HttpResponse.json({ ...posted, lines: undefined });
    }),
    http.post('*/rest/v1/rpc/reverse_journal_entry', async ({ request }) => {
      await record(request);
      entries.set(REVERSAL_ID, REVERSAL);
      return HttpResponse.json({ ...REVERSAL, lines: undefined });
    }),
  );
  // The reversal exists only once the test reverses the entry.
  entries.delete(REVERSAL_ID);
  return { requests, entries };
}

function signIn(role: Role = 'accountant') {
  mockSignedInUser({ memberships: [{ organization: NORTHWIND, role }], defaultOrgId: NORTHWIND.id });
  return createTestSupabase({ session: fakeSession('alice@example.com', USER_ID) });
}

async function choose(combobox: string, option: string) {
  fireEvent.keyDown(await screen.findByRole('combobox', { name: combobox }), { key: 'Enter' });
  fireEvent.click(await screen.findByRole('option', { name: option }));
}

async function fillLine(n: number, accountOption: string, side: 'debit' | 'credit', amount: string) {
  await choose(`Line ${n} account`, accountOption);
  fireEvent.change(screen.getByLabelText(`Line ${n} ${side}`), { target: { value: amount } });
}

const writes = (books: Books) => books.requests.filter((r) => r.method !== 'GET');

describe('manual journal entry', () => {
  it('shows the totals and the difference as you type, and refuses to post an unbalanced entry', async () => {
    const books = mockBooks();
    renderApp('/accounting/journal/new', signIn());

    await screen.findByRole('heading', { level: 1, name: 'New journal entry' });
    fireEvent.change(screen.getByLabelText('Description'), { target: { value: 'November rent' } });
    await fillLine(1, '6100 · Rent', 'debit', '1250.10');
    await fillLine(2, '1000 · Bank', 'credit', '1250.01');

    expect(screen.getByTestId('total-debit').textContent).toBe('$1,250.10');
    expect(screen.getByTestId('total-credit').textContent).toBe('$1,250.01');
    expect(screen.getByTestId('difference').textContent).toBe('$0.09 more debit');
    // Inactive accounts are not offered for new lines.
    fireEvent.keyDown(screen.getByRole('combobox', { name: 'Line 1 account' }), { key: 'Enter' });
    expect(screen.queryByRole('option', { name: '6999 · Old expenses' })).toBeNull();
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });

    fireEvent.click(screen.getByRole('button', { name: 'Save and post' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Debits and credits differ by $0.09');
    expect(writes(books)).toEqual([]);

    // A line with both sides, or neither, is refused too, before anything is sent.
    fireEvent.change(screen.getByLabelText('Line 2 debit'), { target: { value: '5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save and post' }));
    expect(await screen.findByText('A debit or a credit, not both')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Line 2 debit'), { target: { value: '12.345' } });
    expect(screen.getByTestId('difference').textContent).toBe('Fix the amounts marked invalid');
    expect(writes(books)).toEqual([]);
  });

  it('saves a balanced entry as a draft with its lines and posts it (0.10 + 0.20 = 0.30, exactly)', async () => {
    const books = mockBooks();
    const { router } = renderApp('/accounting/journal/new', signIn());

    await screen.findByRole('heading', { level: 1, name: 'New journal entry' });
    fireEvent.change(screen.getByLabelText('Date'), { target: { value: '2026-11-30' } });
    fireEvent.change(screen.getByLabelText('Description'), { target: { value: '  Small office costs ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add line' }));
    await fillLine(1, '6100 · Rent', 'debit', '0.10');
    await choose('Line 1 partner', 'Acme Property Ltd');
    await fillLine(2, '6200 · Office and software', 'debit', '0.2');
    fireEvent.change(screen.getByLabelText('Line 2 description'), { target: { value: 'Pens' } });
    await fillLine(3, '1000 · Bank', 'credit', '0.30');
    // In floating point 0.1 + 0.2 is not 0.3; the form sums exactly.
    expect(screen.getByTestId('difference').textContent).toBe('Balanced');
    expect(screen.getByTestId('total-debit').textContent).toBe('$0.30');

    fireEvent.click(screen.getByRole('button', { name: 'Save and post' }));
    await screen.findByRole('heading', { level: 1, name: 'Journal entry JE-2026-00012' });
    expect(router.state.location.pathname).toBe(`/accounting/journal/${NEW_ID}`);

    const [header, lines, post, ...rest] = writes(books);
    expect(header!.url.pathname).toBe('/rest/v1/journal_entries');
    expect(header!.body).toEqual({ org_id: NORTHWIND.id, entry_date: '2026-11-30', description: 'Small office costs' });
    expect(lines!.url.pathname).toBe('/rest/v1/journal_lines');
    // Amounts travel as the decimal strings typed: no float on the way to numeric(18,2).
    expect(lines!.body).toEqual([
      {
        org_id: NORTHWIND.id,
        entry_id: NEW_ID,
        gl_account_id: RENT.id,
        partner_id: ACME.id,
        description: null,
        debit: '0.10',
        credit: '0',
      },
      {
        org_id: NORTHWIND.id,
        entry_id: NEW_ID,
        gl_account_id: OFFICE.id,
        partner_id: null,
        description: 'Pens',
        debit: '0.2',
        credit: '0',
      },
      {
        org_id: NORTHWIND.id,
        entry_id: NEW_ID,
        gl_account_id: BANK.id,
        partner_id: null,
        description: null,
        debit: '0',
        credit: '0.30',
      },
    ]);
    expect(post!.url.pathname).toBe('/rest/v1/rpc/post_journal_entry');
    expect(post!.body).toEqual({ p_entry_id: NEW_ID });
    expect(rest).toEqual([]);
    expect(await screen.findByText('Journal entry JE-2026-00012 posted')).toBeTruthy();
  });

  it('shows the database’s refusal to post and removes the draft it had saved', async () => {
    const books = mockBooks({
      onPost: () =>
        pgError(400, { code: '23514', message: 'Period 2026-11 is closed: nothing can be posted on 2026-11-30' }),
    });
    renderApp('/accounting/journal/new', signIn());

    await screen.findByRole('heading', { level: 1, name: 'New journal entry' });
    fireEvent.change(screen.getByLabelText('Date'), { target: { value: '2026-11-30' } });
    fireEvent.change(screen.getByLabelText('Description'), { target: { value: 'Late rent' } });
    await fillLine(1, '6100 · Rent', 'debit', '10');
    await fillLine(2, '1000 · Bank', 'credit', '10.00');
    fireEvent.click(screen.getByRole('button', { name: 'Save and post' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Period 2026-11 is closed: nothing can be posted on 2026-11-30');
    const remove = writes(books).find((r) => r.method === 'DELETE')!;
    expect(remove.url.pathname).toBe('/rest/v1/journal_entries');
    expect(remove.url.searchParams.get('id')).toBe(`eq.${NEW_ID}`);
    expect(screen.getByRole('heading', { level: 1, name: 'New journal entry' })).toBeTruthy();
  });
});

describe('draft entries', () => {
  it('saves an unbalanced entry as a draft without posting it', async () => {
    const books = mockBooks();
    const { router } = renderApp('/accounting/journal/new', signIn());

    await screen.findByRole('heading', { level: 1, name: 'New journal entry' });
    fireEvent.change(screen.getByLabelText('Date'), { target: { value: '2026-11-30' } });
    fireEvent.change(screen.getByLabelText('Description'), { target: { value: 'Rent, to be split' } });
    await fillLine(1, '6100 · Rent', 'debit', '1,250.50');
    await fillLine(2, '1000 · Bank', 'credit', '1000');
    expect(screen.getByTestId('difference').textContent).toBe('$250.50 more debit');
    fireEvent.click(screen.getByRole('button', { name: 'Save draft' }));

    await waitFor(() => expect(router.state.location.pathname).toBe(`/accounting/journal/${NEW_ID}`));
    expect(writes(books).map((r) => [r.method, r.url.pathname])).toEqual([
      ['POST', '/rest/v1/journal_entries'],
      ['POST', '/rest/v1/journal_lines'],
    ]);
    expect((writes(books)[1]!.body as { debit: string; credit: string }[]).map((l) => [l.debit, l.credit])).toEqual([
      ['1250.50', '0'],
      ['0', '1000'],
    ]);
    expect(await screen.findByText('Draft entry saved')).toBeTruthy();
  });

  it('edits a draft: the header is updated and its lines replaced', async () => {
    const books = mockBooks();
    server.use(
      http.patch('*/rest/v1/journal_entries', async ({ request }) => {
        books.requests.push({
          method: 'PATCH',
          url: new URL(request.url),
          body: await request.json(),
          headers: request.headers,
        });
        return new HttpResponse(null, { status: 204 });
      }),
      http.delete('*/rest/v1/journal_lines', ({ request }) => {
        books.requests.push({ method: 'DELETE', url: new URL(request.url), body: null, headers: request.headers });
        return new HttpResponse(null, { status: 204 });
      }),
    );
    renderApp(`/accounting/journal/${DRAFT_ID}/edit`, signIn());

    await screen.findByRole('heading', { level: 1, name: 'Edit draft entry' });
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: 'Line 1 account' }).textContent).toBe('6100 · Rent'),
    );
    expect(screen.getByLabelText<HTMLInputElement>('Line 1 debit').value).toBe('100');
    expect(screen.getByTestId('difference').textContent).toBe('$10.00 more debit');
    fireEvent.change(screen.getByLabelText('Line 2 credit'), { target: { value: '100' } });
    expect(screen.getByTestId('difference').textContent).toBe('Balanced');
    fireEvent.click(screen.getByRole('button', { name: 'Save draft' }));

    await waitFor(() => expect(writes(books).filter((r) => r.method === 'POST')).toHaveLength(1));
    const [patch, clear, insert] = writes(books);
    expect(patch!.url.searchParams.get('id')).toBe(`eq.${DRAFT_ID}`);
    expect(patch!.body).toEqual({ entry_date: '2026-11-28', description: 'Accrued rent' });
    expect(clear!.url.pathname).toBe('/rest/v1/journal_lines');
    expect(clear!.url.searchParams.get('entry_id')).toBe(`eq.${DRAFT_ID}`);
    expect((insert!.body as { entry_id: string; credit: string }[]).map((l) => [l.entry_id, l.credit])).toEqual([
      [DRAFT_ID, '0'],
      [DRAFT_ID, '100'],
    ]);
  });
});

describe('journal entry page', () => {
  it('shows the lines with account, partner, debit and credit, and the totals', async () => {
    mockBooks();
    renderApp(`/accounting/journal/${POSTED_ID}`, signIn());

    await screen.findByRole('heading', { level: 1, name: 'Journal entry JE-2026-00007' });
    const table = screen.getByRole('table', { name: 'Entry lines' });
    const rows = within(table)
      .getAllByRole('row')
      .map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent));
    expect(rows).toEqual([
      ['Account', 'Partner', 'Description', 'Debit', 'Credit'],
      ['6100 Rent', '—', '', '$1,250.00', ''],
      ['6200 Office and software', '—', '', '$49.99', ''],
      ['2000 Accounts payable', 'Acme Property Ltd', '', '', '$1,299.99'],
      ['Totals', '$1,299.99', '$1,299.99'],
    ]);
    // Created and posted by the accountant (names from the org's member profiles).
    await waitFor(() => expect(screen.getAllByText(/by Alice Accountant$/, { selector: 'dd' })).toHaveLength(2));
    // A posted entry is reversed, never posted or edited again.
    expect(screen.getByRole('button', { name: 'Reverse' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Post' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Edit' })).toBeNull();
  });

  it('reverses a posted entry with the date and reason of the dialog, then links to the reversal', async () => {
    const books = mockBooks();
    renderApp(`/accounting/journal/${POSTED_ID}`, signIn());

    await screen.findByRole('heading', { level: 1, name: 'Journal entry JE-2026-00007' });
    fireEvent.click(screen.getByRole('button', { name: 'Reverse' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reverse JE-2026-00007?' });
    fireEvent.change(within(dialog).getByLabelText('Reversal date'), { target: { value: '2026-11-30' } });
    fireEvent.change(within(dialog).getByLabelText(/^Reason/), { target: { value: ' Wrong supplier ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Reverse entry' }));

    await waitFor(() => expect(dialog.isConnected).toBe(false));
    const rpc = writes(books).find((r) => r.url.pathname.endsWith('/rpc/reverse_journal_entry'))!;
    expect(rpc.body).toEqual({ p_entry_id: POSTED_ID, p_date: '2026-11-30', p_reason: 'Wrong supplier' });
    expect(await screen.findByText('JE-2026-00007 reversed by JE-2026-00008')).toBeTruthy();
    const link = await screen.findByRole('link', { name: 'JE-2026-00008' });
    expect(link.getAttribute('href')).toBe(`/accounting/journal/${REVERSAL_ID}`);
    expect(screen.queryByRole('button', { name: 'Reverse' })).toBeNull();

    // The reversal links back to the entry it reverses.
    fireEvent.click(link);
    await screen.findByRole('heading', { level: 1, name: 'Journal entry JE-2026-00008' });
    const back = await screen.findByRole('link', { name: 'JE-2026-00007' });
    expect(back.getAttribute('href')).toBe(`/accounting/journal/${POSTED_ID}`);
  });

  it('posts a draft and shows why the database refuses an unbalanced one', async () => {
    const books = mockBooks({
      onPost: () =>
        pgError(400, {
          code: '23514',
          message: 'Journal entry does not balance: debits 100.00 and credits 90.00 over 2 lines',
        }),
    });
    renderApp(`/accounting/journal/${DRAFT_ID}`, signIn());

    await screen.findByRole('heading', { level: 1, name: 'Draft journal entry' });
    expect(screen.getByTestId('difference').textContent).toBe('$10.00');
    fireEvent.click(screen.getByRole('button', { name: 'Post' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Journal entry does not balance: debits 100.00 and credits 90.00 over 2 lines');
    expect(writes(books).map((r) => r.body)).toEqual([{ p_entry_id: DRAFT_ID }]);
  });

  it('shows a viewer the entry without any button that changes it', async () => {
    mockBooks();
    renderApp(`/accounting/journal/${DRAFT_ID}`, signIn('viewer'));

    await screen.findByRole('heading', { level: 1, name: 'Draft journal entry' });
    expect(screen.getByRole('table', { name: 'Entry lines' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Post' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete draft' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Edit' })).toBeNull();
  });
});

describe('journal list', () => {
  it('lists entries with number, date, source, status and total, filtered on the server', async () => {
    const books = mockBooks();
    renderApp('/accounting/journal?status=posted&from=2026-11-01&to=2026-11-30&source=manual', signIn('manager'));

    const table = await screen.findByRole('table', { name: 'Journal entries' });
    const posted = within(table).getByRole('link', { name: 'JE-2026-00007' }).closest('tr')!;
    expect([...posted.querySelectorAll('td')].map((c) => c.textContent)).toEqual([
      'JE-2026-00007',
      '28 Nov 2026',
      'November rent',
      'Manual',
      'Posted',
      '$1,299.99',
    ]);
    const list = books.requests.find((r) => r.headers.get('prefer')?.includes('count=exact'))!;
    expect(list.url.searchParams.get('org_id')).toBe(`eq.${NORTHWIND.id}`);
    expect(list.url.searchParams.get('status')).toBe('eq.posted');
    expect(list.url.searchParams.get('source_type')).toBe('eq.manual');
    expect(list.url.searchParams.getAll('entry_date')).toEqual(['gte.2026-11-01', 'lte.2026-11-30']);
    expect(list.url.searchParams.get('offset')).toBe('0');
    expect(list.url.searchParams.get('limit')).toBe('25');
    // Managers read the books; they do not write them.
    expect(screen.queryByRole('link', { name: /New entry/ })).toBeNull();
  });

  it('shows roles outside finance the permission screen', async () => {
    renderApp('/accounting/journal', signIn('sales'));
    expect(await screen.findByText("You don't have access to this page")).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Accounting' })).toBeTruthy();
  });
});

describe('chart of accounts', () => {
  it('groups the accounts by type with code, name, role, reconcilable and status', async () => {
    mockBooks();
    renderApp('/accounting/accounts', signIn());

    const assets = await screen.findByRole('table', { name: 'Assets' });
    expect(
      within(assets)
        .getAllByRole('row')
        .slice(1)
        .map((r) => [...r.querySelectorAll('th, td')].slice(0, 6).map((c) => c.textContent)),
    ).toEqual([
      ['1000', 'Bank', '—', 'Bank', 'Yes', 'Active'],
      ['1100', 'Accounts receivable', '—', 'Receivables', 'Yes', 'Active'],
    ]);
    const expenses = screen.getByRole('table', { name: 'Expenses' });
    expect(within(expenses).getAllByRole('row')).toHaveLength(4);
    expect(within(expenses).getByText('Inactive')).toBeTruthy();
    expect(screen.queryByRole('table', { name: 'Equity' })).toBeNull();
  });

  it('adds an account and shows the database’s unique-code refusal on the code', async () => {
    const books = mockBooks({
      onInsertAccount: () =>
        pgError(409, {
          code: '23505',
          message: 'duplicate key value violates unique constraint "gl_accounts_org_id_code_key"',
          details: `Key (org_id, code)=(${NORTHWIND.id}, 6100) already exists.`,
        }),
    });
    renderApp('/accounting/accounts', signIn());

    fireEvent.click(await screen.findByRole('button', { name: 'New account' }));
    const dialog = await screen.findByRole('dialog', { name: 'New account' });
    fireEvent.change(within(dialog).getByLabelText('Code'), { target: { value: ' 6100 ' } });
    fireEvent.change(within(dialog).getByLabelText('Name'), { target: { value: 'Warehouse rent' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add account' }));

    expect(await within(dialog).findByText('Another account already has the code 6100')).toBeTruthy();
    expect(within(dialog).getByLabelText('Code').getAttribute('aria-invalid')).toBe('true');
    const insert = writes(books).find((r) => r.method === 'POST')!;
    expect(insert.body).toEqual({
      org_id: NORTHWIND.id,
      code: '6100',
      name: 'Warehouse rent',
      type: 'expense',
      parent_id: null,
      reconcilable: false,
      active: true,
    });
    expect(dialog.isConnected).toBe(true);
  });

  it('edits an account and shows the database’s message when its type may not change', async () => {
    const books = mockBooks();
    renderApp('/accounting/accounts', signIn());

    fireEvent.click(await screen.findByRole('button', { name: 'Edit account 6100 Rent' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit account 6100' });
    expect(within(dialog).getByLabelText<HTMLInputElement>('Code').disabled).toBe(true);
    fireEvent.keyDown(within(dialog).getByRole('combobox', { name: 'Type' }), { key: 'Enter' });
    fireEvent.click(await screen.findByRole('option', { name: 'Asset' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save account' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain(
      'Account 6100 has posted entries: its type cannot change from expense to asset',
    );
    const patch = writes(books).find((r) => r.method === 'PATCH')!;
    expect(patch.url.searchParams.get('id')).toBe(`eq.${RENT.id}`);
    expect(patch.body).toEqual({ name: 'Rent', type: 'asset', parent_id: null, reconcilable: false, active: true });
  });

  it('hides the write buttons from viewers', async () => {
    mockBooks();
    renderApp('/accounting/accounts', signIn('viewer'));
    await screen.findByRole('table', { name: 'Assets' });
    expect(screen.queryByRole('button', { name: 'New account' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Edit account/ })).toBeNull();
    expect(screen.getByRole('button', { name: /Export CSV/ })).toBeTruthy();
  });
});

describe('exchange rates', () => {
  const rate = (id: string, currency: string, rate_date: string, value: number) => ({
    id,
    org_id: NORTHWIND.id,
    currency,
    rate_date,
    rate: value,
    created_at: '2026-11-01T10:00:00Z',
  });

  function mockRates() {
    const requests: RecordedRequest[] = [];
    server.use(
      http.get('*/rest/v1/currencies', () =>
        pgRows([
          { code: 'EUR', name: 'Euro', decimals: 2 },
          { code: 'GBP', name: 'Pound sterling', decimals: 2 },
          { code: 'USD', name: 'US dollar', decimals: 2 },
        ]),
      ),
      http.get('*/rest/v1/exchange_rates', ({ request }) => {
        requests.push({ method: 'GET', url: new URL(request.url), body: null, headers: request.headers });
        return pgRows([
          rate('d1000000-0000-4000-8000-000000000002', 'EUR', '2026-11-30', 1.0825),
          rate('d1000000-0000-4000-8000-000000000001', 'EUR', '2026-11-29', 1.08),
        ]);
      }),
      http.post('*/rest/v1/exchange_rates', async ({ request }) => {
        requests.push({
          method: 'POST',
          url: new URL(request.url),
          body: await request.json(),
          headers: request.headers,
        });
        return new HttpResponse(null, { status: 201 });
      }),
    );
    return requests;
  }

  it('shows the base currency and the rates, and imports a CSV file in one upsert', async () => {
    const requests = mockRates();
    renderApp('/accounting/exchange-rates', signIn());

    expect((await screen.findByTestId('base-currency')).textContent).toBe('USD');
    const table = await screen.findByRole('table', { name: 'Exchange rates' });
    expect(within(table).getByText('1 EUR = 1.0825 USD')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: /Import CSV/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Import exchange rates' });
    const file = new File(['Currency,Date,Rate\ngbp,2026-12-01,1.27115\nEUR,2026-12-01,1.0831\n'], 'rates.csv', {
      type: 'text/csv',
    });
    fireEvent.change(within(dialog).getByLabelText('CSV file'), { target: { files: [file] } });
    expect((await within(dialog).findByTestId('import-summary')).textContent).toContain('2 rows read from rates.csv');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Import 2 rates' }));
    expect(await within(dialog).findByText(/2 rates imported from rates.csv/)).toBeTruthy();

    const upsert = requests.find((r) => r.method === 'POST')!;
    expect(upsert.url.searchParams.get('on_conflict')).toBe('org_id,currency,rate_date');
    expect(upsert.headers.get('prefer')).toContain('resolution=merge-duplicates');
    expect(upsert.body).toEqual([
      { org_id: NORTHWIND.id, currency: 'GBP', rate_date: '2026-12-01', rate: '1.27115' },
      { org_id: NORTHWIND.id, currency: 'EUR', rate_date: '2026-12-01', rate: '1.0831' },
    ]);
  });

  it('checks every row of a CSV file before anything is imported', async () => {
    const requests = mockRates();
    renderApp('/accounting/exchange-rates', signIn());

    await screen.findByRole('table', { name: 'Exchange rates' });
    await waitFor(() =>
      expect(screen.getByRole('button', { name: /Import CSV/ }).hasAttribute('disabled')).toBe(false),
    );
    fireEvent.click(screen.getByRole('button', { name: /Import CSV/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Import exchange rates' });
    const file = new File(
      ['currency,rate_date,rate\nXYZ,2026-12-01,1.2\nUSD,2026-12-01,1\nEUR,1/12/2026,0\n'],
      'bad.csv',
    );
    fireEvent.change(within(dialog).getByLabelText('CSV file'), { target: { files: [file] } });
    const errors = await within(dialog).findByTestId('import-errors');
    expect(
      within(errors)
        .getAllByRole('row')
        .slice(1)
        .map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent)),
    ).toEqual([
      ['1', 'Currency', 'Not a known currency code'],
      ['2', 'Currency', 'The base currency needs no rate'],
      ['3', 'Date', 'A date as YYYY-MM-DD'],
      ['3', 'Rate', 'More than zero'],
    ]);
    expect(within(dialog).getByRole('button', { name: 'Import 3 rates' }).hasAttribute('disabled')).toBe(true);
    expect(requests.filter((r) => r.method === 'POST')).toEqual([]);
  });
});
