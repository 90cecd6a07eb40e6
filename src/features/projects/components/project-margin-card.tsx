// The project's margin as project_margin() answers it, in the base currency: billed less the
// costs (time at the cost captured on approval, purchases, materials, expenses), the margin and
// its share of what was billed, the budget, and the hours logged, approved, billable and not yet
// invoiced. Refetched live by the project page.
import Big from 'big.js';
import { Card } from '@/components/card.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { cn } from '@/lib/cn.ts';
import { formatMoney } from '@/lib/money.ts';
import type { ProjectMargin } from '../schemas/project.ts';

interface ProjectMarginCardProps {
  query: {
    data: ProjectMargin | undefined;
    isPending: boolean;
    isError: boolean;
    error: unknown;
    refetch(): unknown;
  };
}

function share(part: Big, whole: Big): string {
  return whole.eq(0) ? '—' : `${part.div(whole).times(100).toFixed(1)}%`;
}

export function ProjectMarginCard({ query }: ProjectMarginCardProps) {
  return (
    <Card title="Margin" description="Billed less time, purchases, materials and expenses (base currency).">
      {query.isPending ? (
        <LoadingState label="Loading the margin…" />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <MarginFigures m={query.data!} />
      )}
    </Card>
  );
}

function MarginFigures({ m }: { m: ProjectMargin }) {
  const money = (v: Big | number | string) => formatMoney(v, m.currency);
  const billed = new Big(m.billed);
  const margin = new Big(m.margin);
  const costs = [
    { label: 'Time', value: new Big(m.time_cost) },
    { label: 'Purchases', value: new Big(m.purchases) },
    { label: 'Materials', value: new Big(m.materials) },
    { label: 'Expenses', value: new Big(m.expenses) },
  ];
  const cost = new Big(m.cost);
  const hours = [
    { label: 'Logged', value: m.hours.logged },
    { label: 'Approved', value: m.hours.approved },
    { label: 'Billable', value: m.hours.billable },
    { label: 'Not invoiced yet', value: m.hours.unbilled },
  ];
  return (
    <div className="grid gap-5">
      <dl className="m-0 grid grid-cols-2 gap-3 sm:grid-cols-4">
        {[
          { label: 'Billed', value: money(billed) },
          { label: 'Costs', value: money(cost) },
          { label: 'Margin', value: money(margin), tone: margin.lt(0) ? 'text-danger' : undefined },
          {
            label: 'Margin %',
            value: m.margin_pct == null ? '—' : `${new Big(m.margin_pct).toFixed(2)}%`,
            tone: m.margin_pct != null && new Big(m.margin_pct).lt(0) ? 'text-danger' : undefined,
          },
        ].map((s) => (
          <div key={s.label} className="grid gap-1 rounded-lg border border-border p-3">
            <dt className="text-xs text-muted">{s.label}</dt>
            <dd className={cn('m-0 text-lg font-semibold tabular-nums', s.tone)}>{s.value}</dd>
          </div>
        ))}
      </dl>
      <table className="w-full text-sm">
        <caption className="sr-only">Margin breakdown</caption>
        <thead>
          <tr className="border-b border-border text-left text-xs text-muted">
            <th scope="col" className="py-2 pr-2 font-semibold">
              Breakdown
            </th>
            <th scope="col" className="py-2 pr-2 text-right font-semibold">
              Amount
            </th>
            <th scope="col" className="py-2 text-right font-semibold">
              Of billed
            </th>
          </tr>
        </thead>
        <tbody className="tabular-nums">
          <tr className="border-b border-border">
            <th scope="row" className="py-2 pr-2 text-left font-normal">
              Billed
            </th>
            <td className="py-2 pr-2 text-right">{money(billed)}</td>
            <td className="py-2 text-right">{billed.eq(0) ? '—' : '100.0%'}</td>
          </tr>
          {costs.map((c) => (
            <tr key={c.label} className="border-b border-border">
              <th scope="row" className="py-2 pr-2 pl-4 text-left font-normal">
                {c.label}
              </th>
              <td className="py-2 pr-2 text-right">{c.value.eq(0) ? money(0) : money(c.value.neg())}</td>
              <td className="py-2 text-right">{share(c.value, billed)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row" className="py-2 pr-2 text-left font-semibold">
              Margin
            </th>
            <td className={cn('py-2 pr-2 text-right font-semibold', margin.lt(0) && 'text-danger')}>{money(margin)}</td>
            <td className="py-2 text-right font-semibold">{share(margin, billed)}</td>
          </tr>
        </tbody>
      </table>
      {m.budget != null && (
        <p className="m-0 text-sm">
          Budget {money(m.budget)}: costs so far are {share(cost, new Big(m.budget))} of it.
        </p>
      )}
      <table className="w-full text-sm">
        <caption className="sr-only">Hours on the project</caption>
        <thead>
          <tr className="border-b border-border text-left text-xs text-muted">
            {hours.map((h) => (
              <th key={h.label} scope="col" className="py-2 pr-2 text-right font-semibold">
                {h.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="tabular-nums">
          <tr>
            {hours.map((h) => (
              <td key={h.label} className="py-2 pr-2 text-right">
                {new Big(h.value).toFixed(2)} h
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      {new Big(m.hours.uncosted).gt(0) && (
        <p className="m-0 text-sm text-warning">
          {new Big(m.hours.uncosted).toFixed(2)} approved hours have no cost rate yet, so the time cost is too low.
        </p>
      )}
    </div>
  );
}
