// One campaign: its details (editable by sales roles and up), its figures, its members, and
// the leads and deals attributed to it.
import { Link, useParams } from 'react-router';
import { ArrowLeft } from 'lucide-react';
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
import { formatDate } from '@/lib/format.ts';
import { formatMoney } from '@/lib/money.ts';
import { can } from '@/lib/roles.ts';
import { leadName, useCampaign, useCampaignMutations } from '../api/campaigns.ts';
import { CHANNEL_LABELS, formatCampaignMoney, STATUS_TONES } from '../format.ts';
import { CampaignForm } from './campaign-form.tsx';
import { CampaignMembers } from './campaign-members.tsx';
import { CampaignStatsPanel } from './campaign-stats.tsx';

const DEAL_TONES = { won: 'success', lost: 'danger' } as const;

export function CampaignPage() {
  const { campaignId = '' } = useParams();
  const { org, role } = useCurrentOrg();
  const campaign = useCampaign(org.id, campaignId);
  const { update } = useCampaignMutations(org.id);
  const canEdit = can(role, 'campaigns.write');

  if (campaign.isPending) return <LoadingState label="Loading the campaign…" />;
  if (campaign.isError) return <ErrorState error={campaign.error} onRetry={() => campaign.refetch()} />;
  if (!campaign.data)
    return <EmptyState title="Campaign not found" action={<Link to="/campaigns">Back to campaigns</Link>} />;
  const c = campaign.data;

  return (
    <div className="grid gap-4">
      <Link to="/campaigns" className="inline-flex items-center gap-1 text-sm text-muted hover:text-foreground">
        <ArrowLeft className="size-4" aria-hidden="true" /> Campaigns
      </Link>
      <PageHeader
        title={c.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Badge tone={STATUS_TONES[c.status]}>{c.status}</Badge>
            <span>{CHANNEL_LABELS[c.channel]}</span>
            {(c.starts_on || c.ends_on) && (
              <span>
                {formatDate(c.starts_on)} – {formatDate(c.ends_on)}
              </span>
            )}
            {c.archived_at && <Badge tone="warning">Archived</Badge>}
          </span>
        }
        actions={
          canEdit ? (
            <Button
              size="sm"
              variant="ghost"
              onClick={() =>
                update.mutate(
                  { id: c.id, values: { archived_at: c.archived_at ? null : new Date().toISOString() } },
                  { onError: (e) => toast.error(errorMessage(e)) },
                )
              }
            >
              {c.archived_at ? 'Restore' : 'Archive'}
            </Button>
          ) : undefined
        }
      />
      <Card title="Results">
        <CampaignStatsPanel
          stats={c.stats}
          budget={c.budget}
          currency={c.currency}
          fallbackCurrency={org.base_currency}
        />
      </Card>
      <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
        <div className="grid content-start gap-4">
          <Card title="Details">
            <CampaignForm
              formId="campaign-details"
              campaign={c}
              canEdit={canEdit}
              showButtons
              onSave={async (values) => {
                await update.mutateAsync({ id: c.id, values });
                toast.success('Campaign saved');
              }}
            />
          </Card>
          <CampaignMembers orgId={org.id} campaignId={c.id} members={c.members} canEdit={canEdit} />
        </div>
        <div className="grid content-start gap-4">
          <Card title="Leads" description="Leads that came from this campaign">
            {c.leads.length === 0 ? (
              <p className="text-sm text-muted">No leads yet.</p>
            ) : (
              <ul className="grid gap-2 text-sm">
                {c.leads.map((l) => (
                  <li key={l.id} className="flex justify-between gap-2">
                    <span>{leadName(l)}</span>
                    <span className="flex items-center gap-2">
                      <Badge tone={l.status === 'converted' ? 'success' : 'neutral'}>{l.status}</Badge>
                      <span className="text-muted tabular-nums" title="Score">
                        {l.score}
                      </span>
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title="Deals" description="Deals attributed to this campaign">
            {c.deals.length === 0 ? (
              <p className="text-sm text-muted">No deals yet.</p>
            ) : (
              <ul className="grid gap-2 text-sm">
                {c.deals.map((d) => (
                  <li key={d.id} className="flex justify-between gap-2">
                    <Link to={`/deals/${d.id}`} className="hover:underline">
                      {d.title}
                    </Link>
                    <span className="flex items-center gap-2">
                      <Badge tone={DEAL_TONES[d.status as keyof typeof DEAL_TONES] ?? 'info'}>{d.status}</Badge>
                      <span className="tabular-nums">
                        {/^[A-Z]{3}$/.test(d.currency)
                          ? formatMoney(d.amount, d.currency)
                          : formatCampaignMoney(d.amount, c.currency, org.base_currency)}
                      </span>
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      </div>
    </div>
  );
}
