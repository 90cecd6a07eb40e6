import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { Dialog } from '@/components/dialog.tsx';
import { TextField } from '@/components/text-field.tsx';
import { errorMessage } from '@/lib/errors.ts';
import { LOST_REASONS, lostSchema } from '../schemas/deal.ts';

interface LostDealDialogProps {
  dealTitle: string | null;
  onCancel(): void;
  /** Resolves when the deal was marked lost; rejects with the server's error. */
  onConfirm(reason: string): Promise<void>;
}

/** Losing a deal asks why (the database refuses a lost deal without a reason too). */
export function LostDealDialog({ dealTitle, onCancel, onConfirm }: LostDealDialogProps) {
  const form = useForm<{ reason: string }>({ resolver: zodResolver(lostSchema), defaultValues: { reason: '' } });
  const { errors, isSubmitting } = form.formState;
  return (
    <Dialog
      open={dealTitle !== null}
      onOpenChange={(open) => {
        if (!open && !isSubmitting) {
          form.reset();
          onCancel();
        }
      }}
      title="Why was this deal lost?"
      description={dealTitle ?? undefined}
      size="sm"
      footer={
        <>
          <Button variant="secondary" onClick={onCancel} disabled={isSubmitting}>
            Cancel
          </Button>
          <Button type="submit" form="lost-form" variant="danger" busy={isSubmitting}>
            Mark as lost
          </Button>
        </>
      }
    >
      <form
        id="lost-form"
        className="grid gap-3"
        noValidate
        onSubmit={form.handleSubmit(async ({ reason }) => {
          try {
            await onConfirm(reason.trim());
            form.reset();
          } catch (error) {
            form.setError('root', { message: errorMessage(error) });
          }
        })}
      >
        {errors.root?.message && <Alert title="Could not mark the deal as lost">{errors.root.message}</Alert>}
        <div className="flex flex-wrap gap-2" role="group" aria-label="Common reasons">
          {LOST_REASONS.map((r) => (
            <Button
              key={r}
              type="button"
              size="sm"
              variant="secondary"
              onClick={() => form.setValue('reason', r, { shouldValidate: true })}
            >
              {r}
            </Button>
          ))}
        </div>
        <TextField label="Reason" autoFocus error={errors.reason?.message} {...form.register('reason')} />
      </form>
    </Dialog>
  );
}
