// "Invoice billable time and expenses": the create-invoice edge function bills the project's
// approved, billable time (per employee and rate) and expenses (at cost plus the mark-up) up to a
// day, posts the invoice, stores its PDF and (optionally) e-mails it. One idempotency key per
// opening of the dialog, so a double click or a retry makes one invoice.
import { useRef, useState } from 'react';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { Dialog } from '@/components/dialog.tsx';
import { TextField } from '@/components/text-field.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { useProjectMutations, type CreateInvoiceResult } from '../api/projects.ts';
import type { Project } from '../schemas/project.ts';

interface InvoiceProjectDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  project: Project;
  onInvoiced(result: CreateInvoiceResult): void;
}

const today = () => new Date().toLocaleDateString('en-CA');

export function InvoiceProjectDialog({ open, onOpenChange, project, onInvoiced }: InvoiceProjectDialogProps) {
  const { org } = useCurrentOrg();
  const { invoice } = useProjectMutations(org.id);
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [upTo, setUpTo] = useState(today);
  const [send, setSend] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const inFlight = useRef(false);

  async function create() {
    if (inFlight.current) return;
    inFlight.current = true;
    setError(null);
    try {
      const result = await invoice.mutateAsync({
        org_id: org.id,
        idempotency_key: idempotencyKey,
        project_id: project.id,
        ...(upTo ? { up_to: upTo } : {}),
        send,
      });
      onInvoiced(result);
      onOpenChange(false);
    } catch (e) {
      setError(e);
    } finally {
      inFlight.current = false;
    }
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => !invoice.isPending && onOpenChange(next)}
      title={`Invoice ${project.code}`}
      description="Approved billable time (hours at the project's rate, else each person's bill rate) and approved billable expenses (at cost plus the mark-up) not invoiced yet. The invoice is numbered and posted at once."
      footer={
        <>
          <Button variant="secondary" onClick={() => onOpenChange(false)} disabled={invoice.isPending}>
            Cancel
          </Button>
          <Button busy={invoice.isPending} onClick={() => void create()}>
            Create invoice
          </Button>
        </>
      }
    >
      <div className="grid gap-4">
        {error !== null && <Alert title="Could not create the invoice">{errorMessage(error)}</Alert>}
        <TextField
          label="Up to"
          type="date"
          hint="Time and expenses dated up to this day"
          value={upTo}
          max={today()}
          onChange={(e) => setUpTo(e.target.value)}
        />
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={send} onChange={(e) => setSend(e.target.checked)} /> E-mail the invoice to the
          customer
        </label>
      </div>
    </Dialog>
  );
}
