// General-ledger report pages with msw: each page sends its period from the URL (default: the
// fiscal year to date) to its RPC, shows the rows and the server's totals, handles empty, invalid
// and failed states, and exports exactly those figures as CSV.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { http, HttpResponse, type JsonBodyType } from 'msw';
import type { ReactElement } from 'react';
import { AppProviders } from '@/app/providers.tsx';
import { CurrentOrgContext, type CurrentOrg, type Organization } from '@/lib/current-org.ts';
import { BalanceSheetPage } from '@/features/reports/components/balance-sheet-page.tsx';
import { GeneralLedgerPage } from '@/features/reports/components/general-ledger-page.tsx';
import { ProfitAndLossPage } from '@/features/reports/components/profit-and-loss-page.tsx';
import { TaxReportPage } from '@/features/reports/components/tax-report-page.tsx';
import { TrialBalancePage } from '@/features/reports/components/trial-balance-page.tsx';
import { server } from './support/msw.ts';
import { createTestSupabase } from './support/render-app.tsx';
import { NORTHWIND, pgError, pgRows } from './support/rest.ts';

const BANK = 'c1000000-0000-4000-8000-000000000001';

function renderReport(element: ReactElement, path: string, org: Organization = NORTHWIND) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const current: CurrentOrg = {
    org,
    role: 'accountant',
    memberships: [{ organization: org, role: 'accountant' }],
    switchOrg: () => undefined,
  };
  const router = createMemoryRouter([{ path: '/report', element }], { initialEntries: [path] });
  render(
    <AppProviders supabase={createTestSupabase()} queryClient={queryClient}>
      <CurrentOrgContext value={current}>
        <RouterProvider router={router} />
      </CurrentOrgContext>
    </AppProviders>,
  );
  return router;
}

/** Answers POST /rpc/<fn> with `body` and records the arguments of each call. */
function mockRpc(fn: string, body: JsonBodyType | ((args: Record<string, unknown>) => JsonBodyType)) {
  const calls: Record<string, unknown>[] = [];
  server.use(
    http.post(`*/rest/v1/rpc/${fn}`, async ({ request }) => {
      const args = (await request.json()) as Record<string, unknown>;
      calls.push(args);
      return HttpResponse.json(typeof body === 'function' ? body(args) : body);
    }),
  );
  return calls;
}

/** Clicks "Export CSV" and returns the text of the file the page hands to the browser. */
async function exportCsv(): Promise<{ name: string; text: string }> {
  let blob: Blob | undefined;
  let name = '';
  const create = vi.fn((b: Blob) => {
    blob = b;
    return 'blob:report';
  });
  Object.assign(URL, { createObjectURL: create, revokeObjectURL: vi.fn() });
  const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    name = this.download;
  });
  fireEvent.click(screen.getByRole('button', { name: /export csv/i }));
  await waitFor(() => expect(create).toHaveBeenCalled());
  click.mockRestore();
  const text = await new Promise<string>((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.readAsText(blob!);
  });
  return { name, text: text.replace(/^\uFEFF/, '') };
}

const rowTexts = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent?.trim() ?? ''));

afterEach(() => {
  vi.useRealTimers();
});

const TRIAL_BALANCE = {
  from: '2026-01-01',
  to: '2026-02-28',
  lines: [
    {
      gl_account_id: BANK,
      code: '1000',
      name: 'Bank',
      type: 'asset',
      opening_balance: 9000,
      debit: 1190,
      credit: 1500,
      closing_balance: 8690,
      closing_debit: 8690,
      closing_credit: 0,
    },
    {
      gl_account_id: 'c1000000-0000-4000-8000-000000000002',
      code: '3000',
      name: "Owner's equity",
      type: 'equity',
      opening_balance: -10000,
      debit: 0,
      credit: 0,
      closing_balance: -10000,
      closing_debit: 0,
      closing_credit: 10000,
    },
    {
      gl_account_id: 'c1000000-0000-4000-8000-000000000003',
      code: '6000',
      name: 'Salaries and wages',
      type: 'expense',
      opening_balance: 1000,
      debit: 1500.5,
      credit: 1190.5,
      closing_balance: 1310,
      closing_debit: 1310,
      closing_credit: 0,
    },
  ],
  totals: {
    opening_debit: 10000,
    opening_credit: 10000,
    debit: 2690.5,
    credit: 2690.5,
    closing_debit: 10000,
    closing_credit: 10000,
  },
};

describe('trial balance', () => {
  it('sends the period in the URL, shows each account and the server totals, and exports them', async () => {
    const calls = mockRpc('trial_balance', TRIAL_BALANCE);
    renderReport(<TrialBalancePage />, '/report?from=2026-01-01&to=2026-02-28');
    const table = await screen.findByRole('table', { name: 'Trial balance from 2026-01-01 to 2026-02-28' });
    expect(calls).toEqual([{ p_org_id: NORTHWIND.id, p_from: '2026-01-01', p_to: '2026-02-28' }]);
    expect(rowTexts(table)).toEqual([
      ['Account', 'Opening balance', 'Debit', 'Credit', 'Closing debit', 'Closing credit'],
      ['1000Bank', '$9,000.00 Dr', '$1,190.00', '$1,500.00', '$8,690.00', '–'],
      ["3000Owner's equity", '$10,000.00 Cr', '–', '–', '–', '$10,000.00'],
      ['6000Salaries and wages', '$1,000.00 Dr', '$1,500.50', '$1,190.50', '$1,310.00', '–'],
      ['Total', '', '$2,690.50', '$2,690.50', '$10,000.00', '$10,000.00'],
    ]);
    expect(screen.getByLabelText('From')).toHaveProperty('value', '2026-01-01');

    const csv = await exportCsv();
    expect(csv.name).toBe('trial-balance-2026-01-01-2026-02-28.csv');
    expect(csv.text).toBe(
      [
        'Code,Account,Type,"Opening balance (USD, debit +)",Debit (USD),Credit (USD),Closing debit (USD),Closing credit (USD)',
        '1000,Bank,asset,9000,1190,1500,8690,0',
        "3000,Owner's equity,equity,-10000,0,0,0,10000",
        '6000,Salaries and wages,expense,1000,1500.5,1190.5,1310,0',
        ',Total,,,2690.5,2690.5,10000,10000',
      ].join('\r\n'),
    );
  });

  it('defaults to the fiscal year to date, by the organisation’s first month', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2026, 2, 15, 12));
    const calls = mockRpc('trial_balance', { ...TRIAL_BALANCE, lines: [] });
    renderReport(<TrialBalancePage />, '/report', { ...NORTHWIND, fiscal_year_start_month: 7 });
    await screen.findByText('Nothing posted yet');
    expect(calls).toEqual([{ p_org_id: NORTHWIND.id, p_from: '2025-07-01', p_to: '2026-03-15' }]);
    expect(screen.getByRole('button', { name: /export csv/i })).toHaveProperty('disabled', true);
  });

  it('does not ask the server for a period that ends before it starts', async () => {
    const calls = mockRpc('trial_balance', TRIAL_BALANCE);
    renderReport(<TrialBalancePage />, '/report?from=2026-03-01&to=2026-02-01');
    expect(await screen.findByText('The start date is after the end date')).toBeTruthy();
    expect(calls).toEqual([]);
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('explains a refusal from the database', async () => {
    server.use(
      http.post('*/rest/v1/rpc/trial_balance', () =>
        pgError(403, { code: '42501', message: 'Your role may not read the financial reports' }),
      ),
    );
    renderReport(<TrialBalancePage />, '/report?from=2026-01-01&to=2026-02-28');
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('button', { name: /try again/i })).toBeTruthy();
  });
});

describe('profit and loss', () => {
  it('shows income, expenses, their totals and the net profit, and exports them', async () => {
    const calls = mockRpc('profit_and_loss', {
      from: '2026-01-01',
      to: '2026-03-31',
      income: [
        { gl_account_id: 'i1', code: '4000', name: 'Product sales', amount: 1000 },
        { gl_account_id: 'i2', code: '4100', name: 'Service revenue', amount: 0 },
      ],
      expenses: [
        { gl_account_id: 'e1', code: '5000', name: 'Cost of goods sold', amount: 400 },
        { gl_account_id: 'e2', code: '6000', name: 'Salaries and wages', amount: 1500.25 },
      ],
      totals: { income: 1000, expenses: 1900.25, net_profit: -900.25 },
    });
    renderReport(<ProfitAndLossPage />, '/report?from=2026-01-01&to=2026-03-31');
    const table = await screen.findByRole('table', { name: 'Profit and loss from 2026-01-01 to 2026-03-31' });
    expect(calls).toEqual([{ p_org_id: NORTHWIND.id, p_from: '2026-01-01', p_to: '2026-03-31' }]);
    expect(rowTexts(table)).toEqual([
      ['Account', 'Amount'],
      ['Income'],
      ['4000Product sales', '$1,000.00'],
      ['4100Service revenue', '$0.00'],
      ['Total income', '$1,000.00'],
      ['Expenses'],
      ['5000Cost of goods sold', '$400.00'],
      ['6000Salaries and wages', '$1,500.25'],
      ['Total expenses', '$1,900.25'],
      ['Net profit', '-$900.25'],
    ]);

    const csv = await exportCsv();
    expect(csv.name).toBe('profit-and-loss-2026-01-01-2026-03-31.csv');
    expect(csv.text).toBe(
      [
        'Section,Code,Account,Amount (USD)',
        'Income,4000,Product sales,1000',
        'Income,4100,Service revenue,0',
        'Income,,Total income,1000',
        'Expenses,5000,Cost of goods sold,400',
        'Expenses,6000,Salaries and wages,1500.25',
        'Expenses,,Total expenses,1900.25',
        ',,Net profit,-900.25',
      ].join('\r\n'),
    );
  });
});

describe('tax report', () => {
  it('shows output and input tax per rate with the net owed, summed exactly, and exports the rows', async () => {
    const calls = mockRpc('tax_report', [
      { direction: 'output', tax_rate: 5.5, taxable_amount: 30, tax_amount: 1.65, documents: 1 },
      { direction: 'output', tax_rate: 20, taxable_amount: 50.1, tax_amount: 10.1, documents: 2 },
      { direction: 'input', tax_rate: 20, taxable_amount: 400, tax_amount: 80.2, documents: 1 },
    ]);
    renderReport(<TaxReportPage />, '/report?from=2026-04-01&to=2026-04-30');
    const table = await screen.findByRole('table', { name: 'Tax report from 2026-04-01 to 2026-04-30' });
    expect(calls).toEqual([{ p_org_id: NORTHWIND.id, p_from: '2026-04-01', p_to: '2026-04-30' }]);
    // 1.65 + 10.10 − 80.20 = −68.45 exactly (floating point would not promise that).
    expect(rowTexts(table)).toEqual([
      ['Rate', 'Taxable amount', 'Tax', 'Documents'],
      ['Output tax (sales)'],
      ['5.5 %', '$30.00', '$1.65', '1'],
      ['20 %', '$50.10', '$10.10', '2'],
      ['Input tax (purchases)'],
      ['20 %', '$400.00', '$80.20', '1'],
      ['Output tax less input tax', '-$68.45', ''],
    ]);
    const csv = await exportCsv();
    expect(csv.name).toBe('tax-report-2026-04-01-2026-04-30.csv');
    expect(csv.text).toBe(
      [
        'Direction,Tax rate (%),Taxable amount (USD),Tax (USD),Documents',
        'output,5.5,30,1.65,1',
        'output,20,50.1,10.1,2',
        'input,20,400,80.2,1',
      ].join('\r\n'),
    );
  });
});

describe('balance sheet', () => {
  it('shows assets, liabilities and equity with the unclosed earnings, as of the date in the URL', async () => {
    const calls = mockRpc('balance_sheet', {
      as_of: '2026-02-28',
      fiscal_year_start: '2026-01-01',
      assets: [
        { gl_account_id: 'a1', code: '1000', name: 'Bank', amount: 8690 },
        { gl_account_id: 'a2', code: '1200', name: 'Inventory', amount: 2100 },
      ],
      liabilities: [{ gl_account_id: 'l1', code: '2000', name: 'Accounts payable', amount: 2690 }],
      equity: [
        { gl_account_id: 'q1', code: '3000', name: "Owner's equity", amount: 10000 },
        { gl_account_id: null, code: null, name: 'Current-year earnings', amount: -900 },
        { gl_account_id: null, code: null, name: 'Earnings of earlier years not closed', amount: -1000 },
      ],
      totals: { assets: 10790, liabilities: 2690, equity: 8100, liabilities_and_equity: 10790 },
    });
    renderReport(<BalanceSheetPage />, '/report?as_of=2026-02-28');
    const table = await screen.findByRole('table', { name: 'Balance sheet at the end of 2026-02-28' });
    expect(calls).toEqual([{ p_org_id: NORTHWIND.id, p_as_of: '2026-02-28' }]);
    expect(rowTexts(table)).toEqual([
      ['Account', 'Amount'],
      ['Assets'],
      ['1000Bank', '$8,690.00'],
      ['1200Inventory', '$2,100.00'],
      ['Total assets', '$10,790.00'],
      ['Liabilities'],
      ['2000Accounts payable', '$2,690.00'],
      ['Total liabilities', '$2,690.00'],
      ['Equity'],
      ["3000Owner's equity", '$10,000.00'],
      ['Current-year earnings', '-$900.00'],
      ['Earnings of earlier years not closed', '-$1,000.00'],
      ['Total equity', '$8,100.00'],
      ['Total liabilities and equity', '$10,790.00'],
    ]);
    expect(screen.queryByRole('alert')).toBeNull();

    const csv = await exportCsv();
    expect(csv.name).toBe('balance-sheet-2026-02-28.csv');
    expect(csv.text).toBe(
      [
        'Section,Code,Account,Amount (USD)',
        'Assets,1000,Bank,8690',
        'Assets,1200,Inventory,2100',
        'Assets,,Total assets,10790',
        'Liabilities,2000,Accounts payable,2690',
        'Liabilities,,Total liabilities,2690',
        "Equity,3000,Owner's equity,10000",
        'Equity,,Current-year earnings,-900',
        'Equity,,Earnings of earlier years not closed,-1000',
        'Equity,,Total equity,8100',
        ',,Total liabilities and equity,10790',
      ].join('\r\n'),
    );
  });
});

describe('general ledger', () => {
  const ledger = (args: Record<string, unknown>) => {
    const lines = [
      {
        line_id: 11,
        entry_id: 'j1',
        entry_number: 'JE-2026-00002',
        entry_date: '2026-01-20',
        description: 'Acme pays',
        partner_id: 'p1',
        partner_name: 'Acme GmbH',
        debit: 1190,
        credit: 0,
        balance: 10190,
      },
      {
        line_id: 12,
        entry_id: 'j2',
        entry_number: 'JE-2026-00006',
        entry_date: '2026-02-28',
        description: 'February salaries',
        partner_id: null,
        partner_name: null,
        debit: 0,
        credit: 1500,
        balance: 8690,
      },
    ];
    return {
      account: { id: BANK, code: '1000', name: 'Bank', type: 'asset' },
      from: args.p_from,
      to: args.p_to,
      limit: args.p_limit,
      offset: args.p_offset,
      line_count: 2,
      opening_balance: 9000,
      debit: 1190,
      credit: 1500,
      closing_balance: 8690,
      lines: lines.slice(Number(args.p_offset), Number(args.p_offset) + Number(args.p_limit)),
    };
  };

  it('asks for an account first, then shows its opening balance, lines with running balance and closing', async () => {
    server.use(
      http.get('*/rest/v1/gl_accounts', () =>
        pgRows([
          { id: BANK, code: '1000', name: 'Bank', type: 'asset', active: true },
          {
            id: 'c1000000-0000-4000-8000-000000000009',
            code: '1100',
            name: 'Receivables',
            type: 'asset',
            active: true,
          },
        ]),
      ),
    );
    const calls = mockRpc('general_ledger', ledger);
    const router = renderReport(<GeneralLedgerPage />, '/report?from=2026-01-01&to=2026-03-31');
    expect(await screen.findByText('Choose an account')).toBeTruthy();
    expect(calls).toEqual([]);

    await router.navigate(`/report?from=2026-01-01&to=2026-03-31&account=${BANK}`);
    const table = await screen.findByRole('table', {
      name: 'General ledger of 1000 Bank from 2026-01-01 to 2026-03-31',
    });
    expect(calls).toEqual([
      {
        p_org_id: NORTHWIND.id,
        p_gl_account_id: BANK,
        p_from: '2026-01-01',
        p_to: '2026-03-31',
        p_limit: 100,
        p_offset: 0,
      },
    ]);
    expect(rowTexts(table)).toEqual([
      ['Date', 'Entry', 'Description', 'Partner', 'Debit', 'Credit', 'Balance'],
      ['1 Jan 2026', 'Opening balance', '$9,000.00 Dr'],
      ['20 Jan 2026', 'JE-2026-00002', 'Acme pays', 'Acme GmbH', '$1,190.00', '–', '$10,190.00 Dr'],
      ['28 Feb 2026', 'JE-2026-00006', 'February salaries', '', '–', '$1,500.00', '$8,690.00 Dr'],
      ['31 Mar 2026', 'Period total and closing balance', '$1,190.00', '$1,500.00', '$8,690.00 Dr'],
    ]);

    const csv = await exportCsv();
    expect(calls.at(-1)).toMatchObject({ p_limit: 1000, p_offset: 0 });
    expect(csv.name).toBe('general-ledger-1000-2026-01-01-2026-03-31.csv');
    expect(csv.text).toBe(
      [
        'Date,Entry,Description,Partner,Debit (USD),Credit (USD),"Balance (USD, debit +)"',
        '2026-01-01,,Opening balance,,,,9000',
        '2026-01-20,JE-2026-00002,Acme pays,Acme GmbH,1190,0,10190',
        '2026-02-28,JE-2026-00006,February salaries,,0,1500,8690',
        '2026-03-31,,Closing balance,,1190,1500,8690',
      ].join('\r\n'),
    );
  });
});
