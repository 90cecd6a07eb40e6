// Accounting → Exchange rates: the rates entered per currency and day (newest first), in units
// of the org's base currency; add one, import many from a CSV file (all rows or none; a day
// already entered takes the imported rate), remove a wrong one.
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Trash2, Upload } from 'lucide-react';
import { Button } from '@/components/button.tsx';
import { Card } from '@/components/card.tsx';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import { CsvImportDialog } from '@/components/csv-import-dialog.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { Select } from '@/components/select.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { formatDate } from '@/lib/format.ts';
import { can } from '@/lib/roles.ts';
import { useUpdateSearchParams } from '@/lib/use-update-search-params.ts';
import { useCurrencies, useExchangeRateMutations, useExchangeRates, type ExchangeRate } from '../api/exchange-rates.ts';
import { EXCHANGE_RATE_IMPORT_FIELDS, exchangeRateImportRow } from '../schemas/exchange-rate.ts';
import { NewExchangeRateForm } from './new-exchange-rate-form.tsx';

export function ExchangeRatesPage() {
  const { org, role } = useCurrentOrg();
  const [params] = useSearchParams();
  const update = useUpdateSearchParams();
  const currency = params.get('currency');
  const rates = useExchangeRates(org.id, currency);
  const currencies = useCurrencies();
  const { create, remove, importRows } = useExchangeRateMutations(org.id);
  const [importing, setImporting] = useState(false);
  const [removing, setRemoving] = useState<ExchangeRate | null>(null);
  const canWrite = can(role, 'accounting.write');
  const base = org.base_currency;
  const codes = (currencies.data ?? []).map((c) => c.code);

  return (
    <>
      <PageHeader
        title="Exchange rates"
        description={
          <>
            Base currency: <strong data-testid="base-currency">{base}</strong>. A rate says how many {base} one unit of
            the currency is worth on that day; documents use the latest rate on or before their date.
          </>
        }
        actions={
          canWrite && (
            <Button size="sm" variant="secondary" onClick={() => setImporting(true)} disabled={!currencies.data}>
              <Upload className="size-4" aria-hidden="true" /> Import CSV
            </Button>
          )
        }
      />
      <Card
        title="Rates"
        actions={
          <label className="grid gap-1 text-xs text-muted">
            Currency
            <Select
              size="sm"
              value={currency ?? 'all'}
              onValueChange={(v) =>
                update((p) => {
                  if (v === 'all') p.delete('currency');
                  else p.set('currency', v);
                })
              }
              options={[
                { value: 'all', label: 'All currencies', textValue: 'All currencies' },
                ...codes.filter((c) => c !== base).map((c) => ({ value: c, label: c, textValue: c })),
              ]}
              className="w-44"
            />
          </label>
        }
      >
        {rates.isPending ? (
          <LoadingState label="Loading exchange rates…" />
        ) : rates.isError ? (
          <ErrorState error={rates.error} onRetry={() => rates.refetch()} />
        ) : (
          <div className="grid gap-4">
            {rates.data.length === 0 ? (
              <p className="m-0 text-sm text-muted">
                {currency ? `No rates for ${currency} yet.` : 'No rates yet: enter them or import a CSV file.'}
              </p>
            ) : (
              <div className="overflow-x-auto">
                <table className="w-full text-sm">
                  <caption className="sr-only">Exchange rates</caption>
                  <thead>
                    <tr className="border-b border-border text-left text-xs text-muted">
                      <th scope="col" className="py-2 pr-3 font-semibold">
                        Currency
                      </th>
                      <th scope="col" className="py-2 pr-3 font-semibold">
                        Date
                      </th>
                      <th scope="col" className="py-2 pr-3 text-right font-semibold">
                        Rate
                      </th>
                      <th scope="col" className="py-2 pr-3 font-semibold">
                        Meaning
                      </th>
                      {canWrite && (
                        <th scope="col" className="w-12 py-2">
                          <span className="sr-only">Remove</span>
                        </th>
                      )}
                    </tr>
                  </thead>
                  <tbody className="tabular-nums">
                    {rates.data.map((r) => (
                      <tr key={r.id} className="border-b border-border last:border-b-0">
                        <th scope="row" className="py-2 pr-3 text-left font-medium">
                          {r.currency}
                        </th>
                        <td className="py-2 pr-3">{formatDate(r.rate_date)}</td>
                        <td className="py-2 pr-3 text-right">{String(r.rate)}</td>
                        <td className="py-2 pr-3 text-muted">
                          1 {r.currency} = {String(r.rate)} {base}
                        </td>
                        {canWrite && (
                          <td className="py-1">
                            <Button
                              size="icon"
                              variant="ghost"
                              aria-label={`Remove the ${r.currency} rate of ${r.rate_date}`}
                              onClick={() => setRemoving(r)}
                            >
                              <Trash2 className="size-4" aria-hidden="true" />
                            </Button>
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {canWrite && currencies.data && (
              <NewExchangeRateForm
                baseCurrency={base}
                currencies={currencies.data}
                onAdd={async (values) => {
                  await create.mutateAsync(values);
                  toast.success(`${values.currency} rate for ${values.rate_date} added`);
                }}
              />
            )}
          </div>
        )}
      </Card>
      {canWrite && currencies.data && (
        <CsvImportDialog
          open={importing}
          onOpenChange={setImporting}
          title="Import exchange rates"
          noun="rates"
          fields={EXCHANGE_RATE_IMPORT_FIELDS}
          rowSchema={exchangeRateImportRow(codes, base)}
          onImport={(rows) => importRows.mutateAsync(rows)}
        />
      )}
      {removing && (
        <ConfirmDialog
          open
          onOpenChange={(open) => !open && setRemoving(null)}
          title={`Remove the ${removing.currency} rate of ${formatDate(removing.rate_date)}?`}
          description="Documents already posted keep the rate they used."
          confirmLabel="Remove rate"
          onConfirm={async () => {
            await remove.mutateAsync(removing.id);
            toast.success('Rate removed');
          }}
        />
      )}
    </>
  );
}
