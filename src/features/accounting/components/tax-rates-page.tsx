// Accounting → Tax rates: the rates products and invoice, order and bill lines use; add one,
// make one the default (new products take it), retire or restore one. What was charged at
// each rate is in the tax report.
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Badge } from '@/components/badge.tsx';
import { Button } from '@/components/button.tsx';
import { Card } from '@/components/card.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { TextField } from '@/components/text-field.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorCode, errorMessage } from '@/lib/errors.ts';
import { can } from '@/lib/roles.ts';
import { useTaxRateMutations, useTaxRates } from '../api/tax-rates.ts';
import { taxRateSchema, type TaxRateInput, type TaxRateValues } from '../schemas/tax-rate.ts';

export function TaxRatesPage() {
  const { org, role } = useCurrentOrg();
  const rates = useTaxRates(org.id);
  const { create, setActive, makeDefault } = useTaxRateMutations(org.id);
  const canWrite = can(role, 'accounting.write');
  const form = useForm<TaxRateInput, unknown, TaxRateValues>({
    resolver: zodResolver(taxRateSchema),
    defaultValues: { name: '', rate: '' },
  });
  const { errors, isSubmitting } = form.formState;
  const run = (action: Promise<unknown>, done: string) =>
    action.then(
      () => toast.success(done),
      (error: unknown) => toast.error(errorMessage(error)),
    );

  return (
    <>
      <PageHeader
        title="Tax rates"
        description="Rates for products and document lines. New products take the default rate; retired rates stay on old documents."
      />
      <Card title="Rates">
        {rates.isPending ? (
          <LoadingState label="Loading tax rates…" />
        ) : rates.isError ? (
          <ErrorState error={rates.error} onRetry={() => rates.refetch()} />
        ) : (
          <div className="grid gap-4">
            <div className="overflow-x-auto">
              <table className="w-full text-sm">
                <caption className="sr-only">Tax rates</caption>
                <thead>
                  <tr className="border-b border-border text-left text-xs text-muted">
                    <th scope="col" className="py-2 pr-3 font-semibold">
                      Name
                    </th>
                    <th scope="col" className="py-2 pr-3 text-right font-semibold">
                      Rate
                    </th>
                    <th scope="col" className="py-2 pr-3 font-semibold">
                      Status
                    </th>
                    {canWrite && (
                      <th scope="col" className="py-2 font-semibold">
                        <span className="sr-only">Actions</span>
                      </th>
                    )}
                  </tr>
                </thead>
                <tbody>
                  {rates.data.map((rate) => (
                    <tr key={rate.id} className="border-b border-border last:border-0">
                      <th scope="row" className="py-2 pr-3 text-left font-medium">
                        {rate.name}
                      </th>
                      <td className="py-2 pr-3 text-right tabular-nums">{`${Number(rate.rate)} %`}</td>
                      <td className="py-2 pr-3">
                        <span className="flex gap-2">
                          {rate.is_default && <Badge tone="info">Default</Badge>}
                          {!rate.active && <Badge>Retired</Badge>}
                        </span>
                      </td>
                      {canWrite && (
                        <td className="py-2 text-right">
                          <span className="inline-flex gap-2">
                            {!rate.is_default && (
                              <Button
                                size="sm"
                                variant="secondary"
                                aria-label={`Make ${rate.name} the default`}
                                onClick={() =>
                                  void run(makeDefault.mutateAsync(rate.id), `${rate.name} is the default rate`)
                                }
                              >
                                Make default
                              </Button>
                            )}
                            {!rate.is_default && (
                              <Button
                                size="sm"
                                variant="secondary"
                                aria-label={`${rate.active ? 'Retire' : 'Restore'} ${rate.name}`}
                                onClick={() =>
                                  void run(
                                    setActive.mutateAsync({ id: rate.id, active: !rate.active }),
                                    `${rate.name} ${rate.active ? 'retired' : 'restored'}`,
                                  )
                                }
                              >
                                {rate.active ? 'Retire' : 'Restore'}
                              </Button>
                            )}
                          </span>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {canWrite && (
              <form
                noValidate
                aria-label="New tax rate"
                className="grid items-start gap-3 sm:grid-cols-[1fr_9rem_auto]"
                onSubmit={form.handleSubmit(async (values) => {
                  try {
                    await create.mutateAsync(values);
                    toast.success(`${values.name} added`);
                    form.reset();
                  } catch (error) {
                    if (errorCode(error) === '23505')
                      form.setError('name', { message: 'There is a rate of that name' });
                    else form.setError('root', { message: errorMessage(error) });
                  }
                })}
              >
                <TextField label="Name" autoComplete="off" error={errors.name?.message} {...form.register('name')} />
                <TextField
                  label="Rate (%)"
                  inputMode="decimal"
                  error={errors.rate?.message}
                  {...form.register('rate')}
                />
                <Button type="submit" className="sm:mt-6" busy={isSubmitting}>
                  Add rate
                </Button>
                {errors.root?.message && (
                  <p role="alert" className="m-0 text-sm text-danger sm:col-span-3">
                    {errors.root.message}
                  </p>
                )}
              </form>
            )}
          </div>
        )}
      </Card>
    </>
  );
}
