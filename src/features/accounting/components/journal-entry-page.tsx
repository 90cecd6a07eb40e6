// One journal entry: its lines and totals, who posted it, and what can happen next: a draft is
// edited, posted (the database checks balance and the period, and numbers it) or deleted; a
// posted entry is reversed. A reversal and the entry it reverses link to each other.
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ArrowLeft, Pencil, Send, Undo2 } from 'lucide-react';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { Card } from '@/components/card.tsx';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { formatDate, formatDateTime } from '@/lib/format.ts';
import { personName, useOrgPeople } from '@/lib/org-people.ts';
import { can } from '@/lib/roles.ts';
import { useJournalEntry, useJournalMutations } from '../api/journal.ts';
import { sourceLabel } from '../schemas/journal-entry.ts';
import { JournalLinesTable } from './journal-lines-table.tsx';
import { JournalStatusBadge } from './journal-status-badge.tsx';
import { ReverseEntryDialog } from './reverse-entry-dialog.tsx';

export function JournalEntryPage() {
  const { entryId = '' } = useParams();
  const { org, role } = useCurrentOrg();
  const navigate = useNavigate();
  const entry = useJournalEntry(org.id, entryId);
  const people = useOrgPeople(org.id);
  const { post, removeDraft } = useJournalMutations(org.id);
  const [reversing, setReversing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [postError, setPostError] = useState<unknown>(null);
  const canWrite = can(role, 'accounting.write');

  if (entry.isPending) return <LoadingState label="Loading the journal entry…" />;
  if (entry.isError) return <ErrorState error={entry.error} onRetry={() => entry.refetch()} />;
  if (!entry.data)
    return (
      <EmptyState title="Journal entry not found" action={<Link to="/accounting/journal">Back to the journal</Link>} />
    );
  const e = entry.data;
  const draft = e.status === 'draft';
  const person = (id: string | null) => (id ? personName(people.data?.find((p) => p.id === id)) : '—');

  function postEntry() {
    setPostError(null);
    post.mutate(e.id, {
      onSuccess: (posted) => toast.success(`Journal entry ${posted.number ?? ''} posted`),
      onError: (error) => setPostError(error),
    });
  }

  return (
    <>
      <Link to="/accounting/journal" className="mb-2 inline-flex items-center gap-1 text-sm text-muted hover:underline">
        <ArrowLeft className="size-4" aria-hidden="true" /> Journal
      </Link>
      <PageHeader
        title={e.number ? `Journal entry ${e.number}` : 'Draft journal entry'}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <JournalStatusBadge status={e.status} reversed={!!e.reversedBy} />
            <span>{formatDate(e.entry_date)}</span>
            <span>· {sourceLabel(e.source_type)}</span>
          </span>
        }
        actions={
          canWrite && (
            <>
              {draft && (
                <>
                  <Button size="sm" variant="secondary" onClick={() => setDeleting(true)}>
                    Delete draft
                  </Button>
                  <Button size="sm" variant="secondary" asChild>
                    <Link to={`/accounting/journal/${e.id}/edit`}>
                      <Pencil className="size-4" aria-hidden="true" /> Edit
                    </Link>
                  </Button>
                  <Button size="sm" onClick={postEntry} busy={post.isPending}>
                    <Send className="size-4" aria-hidden="true" /> Post
                  </Button>
                </>
              )}
              {!draft && !e.reversedBy && (
                <Button size="sm" variant="secondary" onClick={() => setReversing(true)}>
                  <Undo2 className="size-4" aria-hidden="true" /> Reverse
                </Button>
              )}
            </>
          )
        }
      />
      <div className="grid gap-4">
        {postError !== null && <Alert title="Could not post the entry">{errorMessage(postError)}</Alert>}
        {e.reverses && (
          <Alert tone="info" title="This entry is a reversal">
            It reverses{' '}
            <Link to={`/accounting/journal/${e.reverses.id}`} className="font-medium underline">
              {e.reverses.number ?? 'an entry'}
            </Link>
            .
          </Alert>
        )}
        {e.reversedBy && (
          <Alert tone="info" title="This entry has been reversed">
            Reversed by{' '}
            <Link to={`/accounting/journal/${e.reversedBy.id}`} className="font-medium underline">
              {e.reversedBy.number ?? 'an entry'}
            </Link>
            .
          </Alert>
        )}
        <Card title={e.description}>
          <JournalLinesTable lines={e.lines} currency={org.base_currency} />
        </Card>
        <Card title="Details">
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
            <dt className="text-muted">Created</dt>
            <dd className="m-0">
              {formatDateTime(e.created_at)} by {person(e.created_by)}
            </dd>
            <dt className="text-muted">Posted</dt>
            <dd className="m-0">
              {e.posted_at ? `${formatDateTime(e.posted_at)} by ${person(e.posted_by)}` : 'Not yet'}
            </dd>
            <dt className="text-muted">Currency</dt>
            <dd className="m-0">{org.base_currency} (the organisation's base currency)</dd>
          </dl>
        </Card>
      </div>
      {reversing && <ReverseEntryDialog entry={e} open={reversing} onOpenChange={setReversing} />}
      <ConfirmDialog
        open={deleting}
        onOpenChange={setDeleting}
        title="Delete this draft?"
        description="The draft and its lines are removed. Posted entries are never deleted."
        confirmLabel="Delete draft"
        onConfirm={async () => {
          await removeDraft.mutateAsync(e.id);
          toast.success('Draft deleted');
          navigate('/accounting/journal');
        }}
      />
    </>
  );
}
