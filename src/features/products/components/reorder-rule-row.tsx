// One warehouse's reorder rule for a product: when available stock falls to the reorder point,
// a reorder alert proposes the reorder quantity.
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Trash2 } from 'lucide-react';
import { Button } from '@/components/button.tsx';
import { TextField } from '@/components/text-field.tsx';
import { toast } from '@/components/toaster.tsx';
import { errorMessage } from '@/lib/errors.ts';
import type { ReorderRule, useReorderRuleMutations } from '../api/reorder-rules.ts';
import type { WarehouseRow } from '../api/products.ts';
import { reorderRuleSchema, type ReorderRuleInput, type ReorderRuleValues } from '../schemas/product.ts';

interface ReorderRuleRowProps {
  warehouse: WarehouseRow;
  rule: ReorderRule | undefined;
  canEdit: boolean;
  mutations: ReturnType<typeof useReorderRuleMutations>;
}

export function ReorderRuleRow({ warehouse, rule, canEdit, mutations }: ReorderRuleRowProps) {
  const form = useForm<ReorderRuleInput, unknown, ReorderRuleValues>({
    resolver: zodResolver(reorderRuleSchema),
    values: {
      reorder_point: rule ? String(rule.reorder_point) : '',
      reorder_quantity: rule ? String(rule.reorder_quantity) : '',
    },
  });
  const { errors, isSubmitting, isDirty } = form.formState;
  const label = `${warehouse.code} · ${warehouse.name}`;

  if (!canEdit) {
    return (
      <li className="flex flex-wrap items-center justify-between gap-2 px-4 py-2 text-sm">
        <span>{label}</span>
        <span className="text-muted">
          {rule ? `Reorder ${rule.reorder_quantity} at ${rule.reorder_point}` : 'No reorder rule'}
        </span>
      </li>
    );
  }

  return (
    <li className="px-4 py-3">
      <form
        noValidate
        aria-label={`Reorder rule for ${label}`}
        className="grid items-end gap-2 sm:grid-cols-[1fr_8rem_8rem_auto]"
        onSubmit={form.handleSubmit(async (values) => {
          try {
            await mutations.save.mutateAsync({ warehouse_id: warehouse.id, ...values });
            toast.success(`Reorder rule for ${warehouse.code} saved`);
          } catch (error) {
            form.setError('root', { message: errorMessage(error) });
          }
        })}
      >
        <span className="self-center text-sm">{label}</span>
        <TextField
          label="Reorder point"
          inputMode="decimal"
          error={errors.reorder_point?.message}
          {...form.register('reorder_point')}
        />
        <TextField
          label="Reorder quantity"
          inputMode="decimal"
          error={errors.reorder_quantity?.message}
          {...form.register('reorder_quantity')}
        />
        <span className="flex gap-1">
          <Button type="submit" size="sm" busy={isSubmitting} disabled={!isDirty}>
            Save
          </Button>
          {rule && (
            <Button
              type="button"
              size="sm"
              variant="ghost"
              aria-label={`Remove the reorder rule for ${warehouse.code}`}
              onClick={() =>
                mutations.remove.mutate(rule.id, {
                  onError: (e) => toast.error(`Could not remove the rule: ${errorMessage(e)}`),
                })
              }
            >
              <Trash2 className="size-4" aria-hidden="true" />
            </Button>
          )}
        </span>
        {errors.root?.message && (
          <p role="alert" className="text-sm text-danger sm:col-span-4">
            {errors.root.message}
          </p>
        )}
      </form>
    </li>
  );
}
