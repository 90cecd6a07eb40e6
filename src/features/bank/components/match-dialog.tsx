// Matching one statement line: the candidates suggest_bank_matches() ranks (payments not on
// the statement yet, open invoices for money in, open bills for money out) with their score;
// the accountant picks one and confirms. Matching an invoice or bill records the payment
// from the line.
import { useId, useState } from 'react';
import { Alert } from '@/components/alert.tsx';
import { Badge } from '@/components/badge.tsx';
import { Button } from '@/components/button.tsx';
import { Dialog } from '@/components/dialog.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { toast } from '@/components/toaster.tsx';
import { errorMessage } from '@/lib/errors.ts';
import { formatDate } from '@/lib/format.ts';
import { formatMoney } from '@/lib/money.ts';
import { useMatchSuggestions, useStatementLineMutations, type StatementLine } from '../api/statement.ts';

const KIND_LABELS: Record<string, string> = { payment: 'Payment', invoice: 'Invoice', vendor_bill: 'Bill' };

interface MatchDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  orgId: string;
  line: StatementLine;
  currency: string;
}

export function MatchDialog({ open, onOpenChange, orgId, line, currency }: MatchDialogProps) {
  const suggestions = useMatchSuggestions(orgId, line.id);
  const { match } = useStatementLineMutations(orgId);
  const [chosen, setChosen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const name = useId();
  const candidates = suggestions.data ?? [];
  const selected = candidates.find((c) => `${c.kind}:${c.id}` === chosen) ?? null;
  const amount = formatMoney(line.amount, currency);

  async function confirm() {
    if (!selected) return;
    setError(null);
    try {
      await match.mutateAsync({ lineId: line.id, kind: selected.kind, id: selected.id });
      toast.success(`Line matched to ${selected.number}`);
      onOpenChange(false);
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => !match.isPending && onOpenChange(next)}
      title="Match statement line"
      description={`${formatDate(line.booking_date)} · ${amount} · ${[line.description, line.counterparty, line.reference].filter(Boolean).join(' · ') || 'no text'}`}
      size="lg"
      footer={
        <>
          <Button variant="secondary" onClick={() => onOpenChange(false)} disabled={match.isPending}>
            Cancel
          </Button>
          <Button onClick={confirm} busy={match.isPending} disabled={!selected}>
            Confirm match
          </Button>
        </>
      }
    >
      <div className="grid gap-4">
        {error && <Alert title="Could not match the line">{error}</Alert>}
        {suggestions.isPending ? (
          <LoadingState label="Looking for matches…" />
        ) : suggestions.isError ? (
          <ErrorState error={suggestions.error} onRetry={() => suggestions.refetch()} />
        ) : candidates.length === 0 ? (
          <p className="m-0 text-sm text-muted">
            No candidates: no payment on this account, open invoice or open bill has the amount {amount}.
          </p>
        ) : (
          <fieldset className="grid gap-2">
            <legend className="mb-1 text-sm font-semibold">Candidates, best first</legend>
            {candidates.map((c) => {
              const key = `${c.kind}:${c.id}`;
              return (
                <label
                  key={key}
                  className="flex cursor-pointer items-start gap-3 rounded-lg border border-border p-3 has-[:checked]:border-primary"
                >
                  <input
                    type="radio"
                    name={name}
                    className="mt-1 size-4"
                    checked={chosen === key}
                    onChange={() => setChosen(key)}
                    aria-label={`${KIND_LABELS[c.kind] ?? c.kind} ${c.number}`}
                  />
                  <span className="grid flex-1 gap-0.5 text-sm">
                    <span className="flex flex-wrap items-center gap-2">
                      <Badge tone="neutral">{KIND_LABELS[c.kind] ?? c.kind}</Badge>
                      <span className="font-semibold">{c.number}</span>
                      <span>{c.partner_name}</span>
                    </span>
                    <span className="text-muted">
                      {formatDate(c.document_date)} · {formatMoney(c.amount, currency)}
                      {c.kind === 'payment' ? '' : ' due'}
                    </span>
                  </span>
                  <Badge tone={c.score >= 90 ? 'success' : c.score >= 60 ? 'info' : 'neutral'}>Score {c.score}</Badge>
                </label>
              );
            })}
          </fieldset>
        )}
        {selected && selected.kind !== 'payment' && (
          <Alert tone="info">
            Confirming records a payment of {formatMoney(String(line.amount).replace(/^-/, ''), currency)} on{' '}
            {formatDate(line.booking_date)} against {KIND_LABELS[selected.kind]?.toLowerCase()} {selected.number}.
          </Alert>
        )}
      </div>
    </Dialog>
  );
}
