// Sales targets: a grid of reps (members who sell: sales and managers) by the twelve months of a
// year. Owners, admins and managers edit the cells (saved when a cell is left, one upsert per
// cell, errors shown on the cell); accountants and viewers read them all, a rep reads their own
// row. Another manager's edits arrive live. Below, the sales teams the dashboards filter by.
import { useState } from 'react';
import Big from 'big.js';
import { Target } from 'lucide-react';
import { EmptyState } from '@/components/empty-state.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { SelectField } from '@/components/select-field.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { formatMoney, sumAmounts } from '@/lib/money.ts';
import { personName, useOrgPeople, type OrgPerson } from '@/lib/org-people.ts';
import { can } from '@/lib/roles.ts';
import { useUser } from '@/lib/session.ts';
import { cn } from '@/lib/cn.ts';
import { useSalesTargets, useSaveTarget, type SalesTarget } from '../api/targets.ts';
import { salesTargetSchema } from '../schemas/kpis.ts';
import { SalesTeams } from './sales-teams.tsx';

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);
const SELLING_ROLES = new Set(['sales', 'manager']);
const AMOUNT = /^-?\d+(\.\d{1,2})?$/;

const monthIso = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}-01`;
const monthName = (month: number, style: 'short' | 'long') =>
  new Date(Date.UTC(2000, month - 1, 1)).toLocaleDateString(undefined, { month: style, timeZone: 'UTC' });

/** What a stored amount looks like in a cell ("12000", "12000.5"). */
const cellText = (amount: number | undefined) => (amount === undefined ? '' : new Big(amount).toString());

/** The typed amount checked as the database will check it; an error sentence, or null. */
export function targetError(userId: string, month: string, text: string): string | null {
  const value = text.trim();
  if (value === '') return null;
  if (!AMOUNT.test(value)) return 'Enter an amount like 12000 or 12000.50';
  const result = salesTargetSchema.safeParse({ user_id: userId, month, amount: value });
  return result.success ? null : (result.error.issues[0]?.message ?? 'Enter a valid amount');
}

interface CellProps {
  person: OrgPerson;
  year: number;
  month: number;
  saved: number | undefined;
  editable: boolean;
  currency: string;
  save: ReturnType<typeof useSaveTarget>;
}

function TargetCell({ person, year, month, saved, editable, currency, save }: CellProps) {
  // What the manager typed and has not saved yet (null: show the saved value, live).
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const iso = monthIso(year, month);
  if (!editable) {
    return (
      <td className="px-2 py-1.5 text-right whitespace-nowrap tabular-nums">
        {saved === undefined ? '—' : formatMoney(saved, currency, { compact: true })}
      </td>
    );
  }
  const commit = () => {
    if (draft === null) return;
    const text = draft.trim();
    if (
      text === cellText(saved) ||
      (text !== '' && saved !== undefined && AMOUNT.test(text) && new Big(text).eq(saved))
    ) {
      setDraft(null);
      setError(null);
      return;
    }
    const problem = targetError(person.id, iso, text);
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    save.mutate(
      { userId: person.id, month: iso, amount: text },
      {
        onSuccess: () => {
          setDraft(null);
          setError(null);
        },
        onError: (e) => setError(errorMessage(e)),
        onSettled: () => setBusy(false),
      },
    );
  };
  const errorId = `target-${person.id}-${month}-error`;
  const label = `${personName(person)}, ${monthName(month, 'long')} ${year}`;
  return (
    <td className="px-1 py-1 align-top">
      <input
        type="text"
        inputMode="decimal"
        aria-label={label}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        aria-busy={busy || undefined}
        value={draft ?? cellText(saved)}
        onChange={(e) => {
          setDraft(e.target.value);
          setError(null);
        }}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.currentTarget.blur();
          if (e.key === 'Escape') {
            setDraft(null);
            setError(null);
          }
        }}
        className={cn(
          'w-24 rounded-md border border-border bg-surface px-2 py-1 text-right text-sm tabular-nums',
          'aria-[invalid=true]:border-danger',
          busy && 'opacity-60',
        )}
      />
      {error && (
        <p id={errorId} className="m-0 mt-1 max-w-24 text-xs text-danger">
          {error}
        </p>
      )}
    </td>
  );
}

export function TargetsPage() {
  const { org, role } = useCurrentOrg();
  const user = useUser();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const people = useOrgPeople(org.id);
  const targets = useSalesTargets(org.id, year);
  const save = useSaveTarget(org.id, year);
  const manage = can(role, 'targets.manage');
  const currency = org.base_currency;

  const byCell = new Map<string, number>();
  for (const t of targets.data ?? ([] as SalesTarget[])) byCell.set(`${t.user_id}:${t.month}`, t.amount);
  // sales_targets_select: a rep reads only their own targets; the other roles here read all.
  const seesAll = role !== 'sales';
  const reps = (people.data ?? [])
    .filter((p) => SELLING_ROLES.has(p.role) && (seesAll || p.id === user.id))
    .sort((a, b) => personName(a).localeCompare(personName(b)));

  return (
    <>
      <PageHeader
        title="Sales targets"
        description={`What each rep should win per month, in ${currency}. The dashboards prorate them over any period.`}
      />
      <div className="mb-4 flex flex-wrap items-end gap-3">
        <SelectField
          label="Year"
          className="w-32"
          value={String(year)}
          onValueChange={(v) => setYear(Number(v))}
          options={[thisYear - 1, thisYear, thisYear + 1].map((y) => ({
            value: String(y),
            label: String(y),
            textValue: String(y),
          }))}
        />
        <p className="m-0 pb-2 text-sm text-muted">
          {manage
            ? 'Type an amount and leave the cell to save it; clear it to remove the target.'
            : 'Targets are set by managers, owners and admins.'}
        </p>
      </div>
      <section
        aria-label="Targets by rep and month"
        className="overflow-x-auto rounded-xl border border-border bg-surface"
      >
        {people.isPending || targets.isPending ? (
          <LoadingState label="Loading targets…" />
        ) : people.isError || targets.isError ? (
          <ErrorState
            error={people.error ?? targets.error}
            onRetry={() => {
              void people.refetch();
              void targets.refetch();
            }}
          />
        ) : reps.length === 0 ? (
          <EmptyState
            icon={Target}
            title="Nobody sells here yet"
            description="Targets are set for members with the sales or manager role."
          />
        ) : (
          <table className="w-full text-sm">
            <caption className="sr-only">{`Sales targets for ${year}, in ${currency}`}</caption>
            <thead>
              <tr className="text-left text-muted">
                <th scope="col" className="px-2 py-2 font-semibold">
                  Rep
                </th>
                {MONTHS.map((m) => (
                  <th key={m} scope="col" className="px-2 py-2 text-right font-semibold">
                    <abbr title={`${monthName(m, 'long')} ${year}`} className="no-underline">
                      {monthName(m, 'short')}
                    </abbr>
                  </th>
                ))}
                <th scope="col" className="px-2 py-2 text-right font-semibold">
                  Year
                </th>
              </tr>
            </thead>
            <tbody>
              {reps.map((person) => {
                const amounts = MONTHS.map((m) => byCell.get(`${person.id}:${monthIso(year, m)}`));
                return (
                  <tr key={person.id} className="border-t border-border" data-testid="target-row">
                    <th scope="row" className="px-2 py-1.5 text-left font-medium whitespace-nowrap">
                      {personName(person)}
                    </th>
                    {MONTHS.map((m, i) => (
                      <TargetCell
                        key={m}
                        person={person}
                        year={year}
                        month={m}
                        saved={amounts[i]}
                        editable={manage}
                        currency={currency}
                        save={save}
                      />
                    ))}
                    <td className="px-2 py-1.5 text-right font-semibold whitespace-nowrap tabular-nums">
                      {formatMoney(sumAmounts(amounts), currency, { compact: true })}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
      <SalesTeams manage={manage} />
    </>
  );
}
