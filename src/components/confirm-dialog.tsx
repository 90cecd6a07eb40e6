import { useId, useState, type ReactNode } from 'react';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { Dialog } from '@/components/dialog.tsx';
import { Input } from '@/components/input.tsx';
import { errorMessage } from '@/lib/errors.ts';

interface ConfirmDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  title: string;
  description?: ReactNode;
  children?: ReactNode;
  confirmLabel: string;
  tone?: 'danger' | 'primary';
  /** Runs on confirm; the dialog stays open with the error if it throws, and closes when it resolves. */
  onConfirm(): Promise<unknown>;
  /** For irreversible actions: the user must type this text before the button unlocks. */
  requireText?: string;
}

/** Asks before an action that changes or destroys something, and shows the action's error in place. */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  children,
  confirmLabel,
  tone = 'danger',
  onConfirm,
  requireText,
}: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [typed, setTyped] = useState('');
  const inputId = useId();

  function change(next: boolean) {
    if (busy) return;
    if (!next) {
      setError(null);
      setTyped('');
    }
    onOpenChange(next);
  }

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      setBusy(false);
      setTyped('');
      onOpenChange(false);
    } catch (e) {
      setBusy(false);
      setError(e);
    }
  }

  const locked = requireText !== undefined && typed.trim() !== requireText;

  return (
    <Dialog
      open={open}
      onOpenChange={change}
      title={title}
      description={description}
      size="sm"
      footer={
        <>
          <Button variant="secondary" onClick={() => change(false)} disabled={busy}>
            Cancel
          </Button>
          <Button variant={tone} busy={busy} disabled={locked} onClick={() => void confirm()}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      <div className="grid gap-3 text-sm">
        {children}
        {requireText !== undefined && (
          <div className="grid gap-1">
            <label htmlFor={inputId} className="font-semibold">
              Type <span className="font-mono">{requireText}</span> to confirm
            </label>
            <Input
              id={inputId}
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
              autoComplete="off"
              spellCheck={false}
            />
          </div>
        )}
        {error !== null && <Alert title={`Could not ${confirmLabel.toLowerCase()}`}>{errorMessage(error)}</Alert>}
      </div>
    </Dialog>
  );
}
