// One lead: its details and score, conversion, archiving, and what it became once converted.
// The activity timeline comes in as a slot from src/app.
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { ArrowLeft, ArrowRightLeft } from 'lucide-react';
import { Alert } from '@/components/alert.tsx';
import { Badge } from '@/components/badge.tsx';
import { Button } from '@/components/button.tsx';
import { Card } from '@/components/card.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { formatDateTime } from '@/lib/format.ts';
import { can } from '@/lib/roles.ts';
import { leadTitle, useLead, useLeadMutations } from '../api/leads.ts';
import { ConvertLeadDialog } from './convert-lead-dialog.tsx';
import { LeadForm } from './lead-form.tsx';
import { LeadStatusBadge } from './lead-status-badge.tsx';

export function LeadPage({ timeline }: { timeline?: (leadId: string) => ReactNode }) {
  const { leadId = '' } = useParams();
  const { org, role } = useCurrentOrg();
  const lead = useLead(org.id, leadId);
  const { update, archive } = useLeadMutations(org.id);
  const [converting, setConverting] = useState(false);
  const canEdit = can(role, 'leads.write');

  if (lead.isPending) return <LoadingState label="Loading the lead…" />;
  if (lead.isError) return <ErrorState error={lead.error} onRetry={() => lead.refetch()} />;
  if (!lead.data) return <EmptyState title="Lead not found" action={<Link to="/leads">Back to leads</Link>} />;
  const l = lead.data;
  const converted = l.status === 'converted';

  return (
    <>
      <Link to="/leads" className="mb-2 inline-flex items-center gap-1 text-sm text-muted hover:underline">
        <ArrowLeft className="size-4" aria-hidden="true" /> Leads
      </Link>
      <PageHeader
        title={leadTitle(l)}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <LeadStatusBadge status={l.status} />
            <Badge tone={l.score >= 50 ? 'success' : 'neutral'}>Score {l.score}</Badge>
            {l.archived_at && <Badge tone="warning">Archived</Badge>}
          </span>
        }
        actions={
          canEdit &&
          !converted && (
            <>
              <Button
                size="sm"
                variant="secondary"
                busy={archive.isPending}
                onClick={() =>
                  archive.mutate(
                    { id: l.id, archived: !l.archived_at },
                    {
                      onSuccess: () => toast.success(l.archived_at ? 'Lead restored' : 'Lead archived'),
                      onError: (e) => toast.error(`Could not archive: ${errorMessage(e)}`),
                    },
                  )
                }
              >
                {l.archived_at ? 'Restore' : 'Archive'}
              </Button>
              {!l.archived_at && (
                <Button size="sm" onClick={() => setConverting(true)}>
                  <ArrowRightLeft className="size-4" aria-hidden="true" /> Convert
                </Button>
              )}
            </>
          )
        }
      />
      <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
        <div className="grid content-start gap-4">
          {converted && (
            <Alert tone="info" title={`Converted ${formatDateTime(l.converted_at)}`}>
              <span className="flex flex-wrap gap-3">
                {l.converted_account_id && <Link to={`/accounts/${l.converted_account_id}`}>Open the account</Link>}
                {l.converted_contact_id && <Link to={`/contacts/${l.converted_contact_id}`}>Open the contact</Link>}
                {l.converted_deal_id && <Link to={`/deals/${l.converted_deal_id}`}>Open the deal</Link>}
              </span>
            </Alert>
          )}
          <Card title="Details">
            <LeadForm
              lead={l}
              formId="lead-details"
              canEdit={canEdit}
              showButtons
              onSave={async (values) => {
                await update.mutateAsync({ id: l.id, ...values });
                toast.success('Lead saved');
              }}
            />
          </Card>
        </div>
        <div className="grid content-start gap-4">{timeline?.(l.id)}</div>
      </div>
      {converting && <ConvertLeadDialog lead={l} open={converting} onOpenChange={setConverting} />}
    </>
  );
}
