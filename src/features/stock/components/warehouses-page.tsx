// Warehouses: add one (code, name, address), rename it, take it out of use, choose the default
// (where receipts and counts start). Shown to everyone; changed by owners, admins and the
// warehouse role, as the database allows.
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Warehouse } from 'lucide-react';
import { Badge } from '@/components/badge.tsx';
import { Button } from '@/components/button.tsx';
import { Card } from '@/components/card.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { TextField } from '@/components/text-field.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { can } from '@/lib/roles.ts';
import { useAllWarehouses, useWarehouseMutations } from '../api/warehouses.ts';
import { warehouseSchema, type WarehouseInput, type WarehouseValues } from '../schemas/warehouse.ts';

export function WarehousesPage() {
  const { org, role } = useCurrentOrg();
  const warehouses = useAllWarehouses(org.id);
  const { create, update, makeDefault } = useWarehouseMutations(org.id);
  const canEdit = can(role, 'warehouses.manage');
  const form = useForm<WarehouseInput, unknown, WarehouseValues>({
    resolver: zodResolver(warehouseSchema),
    defaultValues: { code: '', name: '', address: '' },
  });
  const { errors, isSubmitting } = form.formState;
  const fail = (what: string) => (e: unknown) => toast.error(`Could not ${what}: ${errorMessage(e)}`);

  return (
    <>
      <PageHeader
        title="Warehouses"
        description="Where stock is kept; each has its own levels, counts and reorder rules."
      />
      <div className="grid gap-4">
        {warehouses.isPending ? (
          <LoadingState label="Loading warehouses…" />
        ) : warehouses.isError ? (
          <ErrorState error={warehouses.error} onRetry={() => warehouses.refetch()} />
        ) : (
          <ul className="divide-y divide-border rounded-xl border border-border bg-surface" aria-label="Warehouses">
            {warehouses.data.map((w) => (
              <li key={w.id} className="flex flex-wrap items-center gap-3 px-4 py-3">
                <Warehouse className="size-5 text-muted" aria-hidden="true" />
                <div className="min-w-48 flex-1">
                  <span className="font-semibold">{w.code}</span> {w.name}
                  {w.address && <span className="block text-xs text-muted">{w.address}</span>}
                </div>
                {w.is_default && <Badge tone="info">Default</Badge>}
                {!w.active && <Badge>Not in use</Badge>}
                {canEdit && (
                  <span className="flex gap-2">
                    {!w.is_default && w.active && (
                      <Button
                        size="sm"
                        variant="secondary"
                        onClick={() =>
                          makeDefault.mutate(w.id, {
                            onSuccess: () => toast.success(`${w.code} is the default warehouse`),
                            onError: fail('change the default'),
                          })
                        }
                      >
                        Make default
                      </Button>
                    )}
                    {!w.is_default && (
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() =>
                          update.mutate(
                            { id: w.id, active: !w.active },
                            {
                              onSuccess: () =>
                                toast.success(`${w.code} ${w.active ? 'taken out of use' : 'in use again'}`),
                              onError: fail('change the warehouse'),
                            },
                          )
                        }
                      >
                        {w.active ? 'Take out of use' : 'Use again'}
                      </Button>
                    )}
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
        {canEdit && (
          <Card title="New warehouse">
            <form
              noValidate
              aria-label="New warehouse"
              className="grid gap-4 sm:grid-cols-[10rem_1fr]"
              onSubmit={form.handleSubmit(async (values) => {
                try {
                  await create.mutateAsync(values);
                  toast.success(`Warehouse ${values.code} added`);
                  form.reset();
                } catch (error) {
                  form.setError('root', { message: errorMessage(error) });
                }
              })}
            >
              <TextField label="Code" error={errors.code?.message} {...form.register('code')} />
              <TextField label="Name" error={errors.name?.message} {...form.register('name')} />
              <TextField
                label="Address"
                className="sm:col-span-2"
                error={errors.address?.message}
                {...form.register('address')}
              />
              {errors.root?.message && <p className="text-sm text-danger sm:col-span-2">{errors.root.message}</p>}
              <div className="sm:col-span-2">
                <Button type="submit" busy={isSubmitting}>
                  Add warehouse
                </Button>
              </div>
            </form>
          </Card>
        )}
      </div>
    </>
  );
}
