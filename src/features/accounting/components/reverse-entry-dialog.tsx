// Reverses a posted entry: a mirrored entry posted on the date chosen, with the reason in its
// description (reverse_journal_entry). The database refuses a second reversal and closed periods.
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { format } from 'date-fns';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { Dialog } from '@/components/dialog.tsx';
import { TextField } from '@/components/text-field.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { useJournalMutations, type JournalEntry } from '../api/journal.ts';
import { reverseEntrySchema, type ReverseEntryInput, type ReverseEntryValues } from '../schemas/journal-entry.ts';

interface ReverseEntryDialogProps {
  entry: JournalEntry;
  open: boolean;
  onOpenChange(open: boolean): void;
}

export function ReverseEntryDialog({ entry, open, onOpenChange }: ReverseEntryDialogProps) {
  const { org } = useCurrentOrg();
  const { reverse } = useJournalMutations(org.id);
  const form = useForm<ReverseEntryInput, unknown, ReverseEntryValues>({
    resolver: zodResolver(reverseEntrySchema),
    defaultValues: { date: format(new Date(), 'yyyy-MM-dd'), reason: '' },
  });
  const { errors, isSubmitting } = form.formState;

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => !isSubmitting && onOpenChange(next)}
      title={`Reverse ${entry.number ?? 'entry'}?`}
      description="A new posted entry with every debit and credit swapped cancels this one; both stay in the books."
      footer={
        <>
          <Button variant="secondary" onClick={() => onOpenChange(false)} disabled={isSubmitting}>
            Cancel
          </Button>
          <Button type="submit" form="reverse-entry" variant="danger" busy={isSubmitting}>
            Reverse entry
          </Button>
        </>
      }
    >
      <form
        id="reverse-entry"
        noValidate
        className="grid gap-4"
        onSubmit={form.handleSubmit(async (values) => {
          try {
            const reversal = await reverse.mutateAsync({ entryId: entry.id, date: values.date, reason: values.reason });
            toast.success(`${entry.number ?? 'Entry'} reversed by ${reversal.number ?? 'a new entry'}`);
            onOpenChange(false);
          } catch (error) {
            form.setError('root', { message: errorMessage(error) });
          }
        })}
      >
        {errors.root?.message && <Alert title="Could not reverse the entry">{errors.root.message}</Alert>}
        <TextField label="Reversal date" type="date" error={errors.date?.message} {...form.register('date')} />
        <TextField
          label="Reason"
          autoComplete="off"
          hint="Shown in the reversal's description; the original description when blank."
          error={errors.reason?.message}
          {...form.register('reason')}
        />
      </form>
    </Dialog>
  );
}
