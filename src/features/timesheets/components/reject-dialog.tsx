// Asks why time or an expense is rejected (the employee sees the reason) and runs the rejection;
// the database's refusal (not their department, their own) shows in place.
import { useId, useState } from 'react';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { Dialog } from '@/components/dialog.tsx';
import { inputClasses } from '@/components/input.tsx';
import { errorMessage } from '@/lib/errors.ts';

interface RejectDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  title: string;
  description?: string;
  onReject(reason: string): Promise<unknown>;
}

export function RejectDialog({ open, onOpenChange, title, description, onReject }: RejectDialogProps) {
  const id = useId();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function reject() {
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onReject(reason.trim());
      setBusy(false);
      onOpenChange(false);
    } catch (e) {
      setBusy(false);
      setError(e);
    }
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => !busy && onOpenChange(next)}
      title={title}
      description={description}
      size="sm"
      footer={
        <>
          <Button variant="secondary" onClick={() => onOpenChange(false)} disabled={busy}>
            Cancel
          </Button>
          <Button variant="danger" busy={busy} onClick={() => void reject()}>
            Reject
          </Button>
        </>
      }
    >
      <div className="grid gap-3 text-sm">
        <div className="grid gap-1">
          <label htmlFor={id} className="font-semibold">
            Reason
          </label>
          <textarea
            id={id}
            rows={3}
            maxLength={1000}
            value={reason}
            aria-invalid={missing ? true : undefined}
            aria-describedby={missing ? `${id}-error` : undefined}
            onChange={(e) => {
              setReason(e.target.value);
              setMissing(false);
            }}
            className={inputClasses}
          />
          {missing && (
            <p id={`${id}-error`} className="m-0 text-sm text-danger">
              Say why, so it can be fixed
            </p>
          )}
        </div>
        {error !== null && <Alert title="Could not reject">{errorMessage(error)}</Alert>}
      </div>
    </Dialog>
  );
}
