// Materials used on the job: a quantity of a stocked product leaves a warehouse for the project
// at its moving-average cost (issue_material_to_project: a stock movement and its journal entry),
// which the project's margin counts. Refused when stock would go negative.
import { useState } from 'react';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { Dialog } from '@/components/dialog.tsx';
import { SelectField } from '@/components/select-field.tsx';
import { TextField } from '@/components/text-field.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { useMaterialChoices, useProjectMutations } from '../api/projects.ts';
import type { Project } from '../schemas/project.ts';

interface IssueMaterialDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  project: Project;
}

export function IssueMaterialDialog({ open, onOpenChange, project }: IssueMaterialDialogProps) {
  const { org } = useCurrentOrg();
  const choices = useMaterialChoices(org.id, open);
  const { issueMaterial } = useProjectMutations(org.id);
  const [productId, setProductId] = useState('');
  const [warehouseId, setWarehouseId] = useState('');
  const [quantity, setQuantity] = useState('');
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const warehouse = warehouseId || choices.data?.warehouses.find((w) => w.is_default)?.id || '';

  async function issue() {
    const next: Record<string, string> = {};
    if (!productId) next.product = 'Choose the product';
    if (!warehouse) next.warehouse = 'Choose the warehouse';
    if (!/^\d{1,14}(\.\d{1,4})?$/.test(quantity.trim()) || Number(quantity) <= 0)
      next.quantity = 'A quantity above zero, at most four decimals';
    setProblems(next);
    if (Object.keys(next).length) return;
    setError(null);
    try {
      await issueMaterial.mutateAsync({
        projectId: project.id,
        productId,
        warehouseId: warehouse,
        quantity: Number(quantity.trim()),
        reason: reason.trim() || null,
      });
      toast.success(`Materials issued to ${project.code}`);
      onOpenChange(false);
    } catch (e) {
      setError(e);
    }
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => !issueMaterial.isPending && onOpenChange(next)}
      title={`Issue materials to ${project.code}`}
      description="The stock leaves the warehouse at its average cost and counts as a cost of the project."
      footer={
        <>
          <Button variant="secondary" onClick={() => onOpenChange(false)} disabled={issueMaterial.isPending}>
            Cancel
          </Button>
          <Button busy={issueMaterial.isPending} onClick={() => void issue()}>
            Issue
          </Button>
        </>
      }
    >
      <div className="grid gap-4">
        {error !== null && <Alert title="Could not issue the materials">{errorMessage(error)}</Alert>}
        <SelectField
          label="Product"
          value={productId || undefined}
          onValueChange={setProductId}
          error={problems.product}
          placeholder={choices.isPending ? 'Loading…' : 'Choose…'}
          options={(choices.data?.products ?? []).map((p) => ({
            value: p.id,
            label: `${p.name} (${p.sku})`,
            textValue: p.name,
          }))}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label="From warehouse"
            value={warehouse || undefined}
            onValueChange={setWarehouseId}
            error={problems.warehouse}
            options={(choices.data?.warehouses ?? []).map((w) => ({
              value: w.id,
              label: `${w.code} · ${w.name}`,
              textValue: w.code,
            }))}
          />
          <TextField
            label="Quantity"
            inputMode="decimal"
            value={quantity}
            error={problems.quantity}
            onChange={(e) => setQuantity(e.target.value)}
          />
        </div>
        <TextField label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
    </Dialog>
  );
}
