// Accounting → Journal → New entry: the manual entry form on a page of its own.
import { Link } from 'react-router';
import { ArrowLeft } from 'lucide-react';
import { Card } from '@/components/card.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { JournalEntryForm } from './journal-entry-form.tsx';

export function NewJournalEntryPage() {
  const { org } = useCurrentOrg();
  return (
    <>
      <Link to="/accounting/journal" className="mb-2 inline-flex items-center gap-1 text-sm text-muted hover:underline">
        <ArrowLeft className="size-4" aria-hidden="true" /> Journal
      </Link>
      <PageHeader
        title="New journal entry"
        description={`Amounts in ${org.base_currency}. Save it as a draft, or post it once debits equal credits.`}
      />
      <Card>
        <JournalEntryForm />
      </Card>
    </>
  );
}
