// An employee's hourly cost over time (owners, admins and accountants only): each rate applies
// from its date until the next one. Approving time captures the rate of the entry's day, so a new
// rate changes the cost of time approved after it, never of time approved before.
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Trash2 } from 'lucide-react';
import { Alert } from '@/components/alert.tsx';
import { Badge } from '@/components/badge.tsx';
import { Button } from '@/components/button.tsx';
import { Dialog } from '@/components/dialog.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { TextField } from '@/components/text-field.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { formatDate } from '@/lib/format.ts';
import { formatMoney } from '@/lib/money.ts';
import { useCostRates, usePeopleMutations } from '../api/people.ts';
import { costRateSchema, rateOn, type CostRateInput, type CostRateValues, type Employee } from '../schemas/people.ts';

interface CostRatesDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  employee: Employee;
}

export function CostRatesDialog({ open, onOpenChange, employee }: CostRatesDialogProps) {
  const { org } = useCurrentOrg();
  const rates = useCostRates(org.id, employee.id);
  const { addCostRate, removeCostRate } = usePeopleMutations(org.id);
  const today = new Date().toLocaleDateString('en-CA');
  const current = rateOn(rates.data ?? [], today);
  const form = useForm<CostRateInput, unknown, CostRateValues>({
    resolver: zodResolver(costRateSchema),
    defaultValues: { valid_from: today, hourly_cost: '' },
  });
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    try {
      await addCostRate.mutateAsync({ employeeId: employee.id, values });
      toast.success('Cost rate added');
      form.reset({ valid_from: today, hourly_cost: '' });
    } catch (error) {
      form.setError('root', { message: errorMessage(error) });
    }
  });

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Cost rates of ${employee.full_name}`}
      description={`What an hour of their time costs, in ${org.base_currency}. Approved time keeps the rate of its day.`}
      footer={
        <Button variant="secondary" onClick={() => onOpenChange(false)}>
          Done
        </Button>
      }
    >
      <div className="grid gap-4">
        {rates.isPending ? (
          <LoadingState label="Loading cost rates…" />
        ) : rates.isError ? (
          <ErrorState error={rates.error} onRetry={() => rates.refetch()} />
        ) : rates.data.length === 0 ? (
          <p className="m-0 text-sm text-muted">No cost rate yet: approved time stays uncosted until one is added.</p>
        ) : (
          <table className="w-full text-sm">
            <caption className="sr-only">Cost rates of {employee.full_name}</caption>
            <thead>
              <tr className="border-b border-border text-left text-xs text-muted">
                <th scope="col" className="py-2 pr-2 font-semibold">
                  From
                </th>
                <th scope="col" className="py-2 pr-2 text-right font-semibold">
                  Hourly cost
                </th>
                <th scope="col" className="py-2">
                  <span className="sr-only">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody className="tabular-nums">
              {rates.data.map((r) => (
                <tr key={r.id} className="border-b border-border last:border-b-0">
                  <td className="py-2 pr-2">
                    {formatDate(r.valid_from)}{' '}
                    {r.id === current?.id && (
                      <Badge tone="success" className="ml-1">
                        Current
                      </Badge>
                    )}
                  </td>
                  <td className="py-2 pr-2 text-right">{formatMoney(r.hourly_cost, r.currency)}</td>
                  <td className="py-2 text-right">
                    <Button
                      size="icon"
                      variant="ghost"
                      aria-label={`Remove the rate from ${formatDate(r.valid_from)}`}
                      onClick={() =>
                        removeCostRate.mutate(r.id, {
                          onSuccess: () => toast.success('Cost rate removed'),
                          onError: (e) => toast.error(`Could not remove the rate: ${errorMessage(e)}`),
                        })
                      }
                    >
                      <Trash2 className="size-4" aria-hidden="true" />
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <form noValidate className="grid gap-3 border-t border-border pt-4" onSubmit={(e) => void submit(e)}>
          <h3 className="m-0 text-sm font-semibold">New rate</h3>
          {errors.root?.message && <Alert title="Could not add the rate">{errors.root.message}</Alert>}
          <div className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
            <TextField label="From" type="date" error={errors.valid_from?.message} {...form.register('valid_from')} />
            <TextField
              label={`Hourly cost (${org.base_currency})`}
              inputMode="decimal"
              error={errors.hourly_cost?.message}
              {...form.register('hourly_cost')}
            />
            <Button type="submit" busy={isSubmitting}>
              Add rate
            </Button>
          </div>
        </form>
      </div>
    </Dialog>
  );
}
