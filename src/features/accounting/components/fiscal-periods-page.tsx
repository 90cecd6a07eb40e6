// Accounting → Fiscal periods: the org's periods, newest first, open or closed (by whom and
// when); add one, and close one after a confirmation (close_fiscal_period: no drafts may be
// left in it, and nothing posts into it afterwards).
import { useState } from 'react';
import { Lock } from 'lucide-react';
import { Badge } from '@/components/badge.tsx';
import { Button } from '@/components/button.tsx';
import { Card } from '@/components/card.tsx';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { formatDate, formatDateTime } from '@/lib/format.ts';
import { personName, useOrgPeople } from '@/lib/org-people.ts';
import { can } from '@/lib/roles.ts';
import { useFiscalPeriodMutations, useFiscalPeriods, type FiscalPeriod } from '../api/fiscal-periods.ts';
import { NewPeriodForm } from './new-period-form.tsx';

export function FiscalPeriodsPage() {
  const { org, role } = useCurrentOrg();
  const periods = useFiscalPeriods(org.id);
  const people = useOrgPeople(org.id);
  const { create, close } = useFiscalPeriodMutations(org.id);
  const [closing, setClosing] = useState<FiscalPeriod | null>(null);
  const canWrite = can(role, 'accounting.write');

  return (
    <>
      <PageHeader
        title="Fiscal periods"
        description="Periods of the books. Once a period is closed nothing more can be posted on its dates."
      />
      <Card title="Periods">
        {periods.isPending ? (
          <LoadingState label="Loading fiscal periods…" />
        ) : periods.isError ? (
          <ErrorState error={periods.error} onRetry={() => periods.refetch()} />
        ) : (
          <div className="grid gap-4">
            {periods.data.length === 0 ? (
              <p className="m-0 text-sm text-muted">No periods yet: entries can be posted on any date.</p>
            ) : (
              <div className="overflow-x-auto">
                <table className="w-full text-sm">
                  <caption className="sr-only">Fiscal periods</caption>
                  <thead>
                    <tr className="border-b border-border text-left text-xs text-muted">
                      <th scope="col" className="py-2 pr-3 font-semibold">
                        Name
                      </th>
                      <th scope="col" className="py-2 pr-3 font-semibold">
                        From
                      </th>
                      <th scope="col" className="py-2 pr-3 font-semibold">
                        To
                      </th>
                      <th scope="col" className="py-2 pr-3 font-semibold">
                        Status
                      </th>
                      {canWrite && (
                        <th scope="col" className="py-2">
                          <span className="sr-only">Actions</span>
                        </th>
                      )}
                    </tr>
                  </thead>
                  <tbody>
                    {periods.data.map((p) => (
                      <tr key={p.id} className="border-b border-border last:border-b-0">
                        <th scope="row" className="py-2 pr-3 text-left font-medium">
                          {p.name}
                        </th>
                        <td className="py-2 pr-3">{formatDate(p.start_date)}</td>
                        <td className="py-2 pr-3">{formatDate(p.end_date)}</td>
                        <td className="py-2 pr-3">
                          {p.closed_at ? (
                            <span className="inline-flex flex-wrap items-center gap-2">
                              <Badge tone="neutral">
                                <Lock className="size-3" aria-hidden="true" /> Closed
                              </Badge>
                              <span className="text-muted">
                                {formatDateTime(p.closed_at)} by{' '}
                                {personName(people.data?.find((person) => person.id === p.closed_by))}
                              </span>
                            </span>
                          ) : (
                            <Badge tone="success">Open</Badge>
                          )}
                        </td>
                        {canWrite && (
                          <td className="py-1 text-right">
                            {!p.closed_at && (
                              <Button size="sm" variant="secondary" onClick={() => setClosing(p)}>
                                Close {p.name}
                              </Button>
                            )}
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {canWrite && (
              <NewPeriodForm
                onAdd={async (values) => {
                  await create.mutateAsync(values);
                  toast.success(`Period ${values.name} added`);
                }}
              />
            )}
          </div>
        )}
      </Card>
      {closing && (
        <ConfirmDialog
          open
          onOpenChange={(open) => !open && setClosing(null)}
          title={`Close ${closing.name}?`}
          description={`Nothing can be posted between ${formatDate(closing.start_date)} and ${formatDate(closing.end_date)} once it is closed, and it cannot be reopened here. Draft entries in it must be posted or deleted first.`}
          confirmLabel="Close period"
          onConfirm={async () => {
            await close.mutateAsync(closing.id);
            toast.success(`Period ${closing.name} closed`);
          }}
        />
      )}
    </>
  );
}
