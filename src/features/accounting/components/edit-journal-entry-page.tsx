// A draft entry reopened in the manual entry form; posted entries are not edited (reverse them).
import { Link, useParams } from 'react-router';
import { ArrowLeft } from 'lucide-react';
import { Card } from '@/components/card.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { useJournalEntry } from '../api/journal.ts';
import { JournalEntryForm } from './journal-entry-form.tsx';

export function EditJournalEntryPage() {
  const { entryId = '' } = useParams();
  const { org } = useCurrentOrg();
  const entry = useJournalEntry(org.id, entryId);

  if (entry.isPending) return <LoadingState label="Loading the journal entry…" />;
  if (entry.isError) return <ErrorState error={entry.error} onRetry={() => entry.refetch()} />;
  if (!entry.data)
    return (
      <EmptyState title="Journal entry not found" action={<Link to="/accounting/journal">Back to the journal</Link>} />
    );
  if (entry.data.status !== 'draft')
    return (
      <EmptyState
        title={`Journal entry ${entry.data.number ?? ''} is posted`}
        description="Posted entries never change: reverse it and enter it again."
        action={<Link to={`/accounting/journal/${entry.data.id}`}>Open the entry</Link>}
      />
    );
  return (
    <>
      <Link
        to={`/accounting/journal/${entry.data.id}`}
        className="mb-2 inline-flex items-center gap-1 text-sm text-muted hover:underline"
      >
        <ArrowLeft className="size-4" aria-hidden="true" /> Draft entry
      </Link>
      <PageHeader title="Edit draft entry" description={`Amounts in ${org.base_currency}.`} />
      <Card>
        <JournalEntryForm key={entry.data.id} entry={entry.data} />
      </Card>
    </>
  );
}
