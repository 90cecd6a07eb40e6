// One deal: its stage path (click a stage to move it; won and lost ask what they need),
// details, quote lines, people, and stage history. Other features' panels (timeline,
// attachments) come in as slots composed by src/app.
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { Archive, ArrowLeft, Trophy, XCircle } from 'lucide-react';
import { Badge } from '@/components/badge.tsx';
import { Button } from '@/components/button.tsx';
import { Card } from '@/components/card.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { toast } from '@/components/toaster.tsx';
import { cn } from '@/lib/cn.ts';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { formatDate, formatDateTime } from '@/lib/format.ts';
import { formatMoney } from '@/lib/money.ts';
import { personName, useOrgPeople } from '@/lib/org-people.ts';
import { can } from '@/lib/roles.ts';
import { useDeal, usePipelines, useSetDealStage, useUpdateDeal } from '../api/deals.ts';
import { DealDetailsForm } from './deal-details-form.tsx';
import { DealLinesEditor } from './deal-lines-editor.tsx';
import { DealParticipants } from './deal-participants.tsx';
import { LostDealDialog } from './lost-deal-dialog.tsx';
import { WonDealDialog } from './won-deal-dialog.tsx';

interface DealPageProps {
  /** Activities timeline for the deal (from the activities feature). */
  timeline?: (dealId: string) => ReactNode;
  /** Files attached to the deal. */
  attachments?: (dealId: string, canEdit: boolean) => ReactNode;
  /** The deal's sales order action (from the sales-orders feature): create one from a won deal, or open it. */
  salesOrderAction?: (deal: { id: string; status: string }) => ReactNode;
}

function duration(seconds: number | null): string {
  if (seconds === null) return '';
  const days = Math.floor(seconds / 86400);
  if (days >= 1) return `${days} d`;
  const hours = Math.floor(seconds / 3600);
  return hours >= 1 ? `${hours} h` : `${Math.max(1, Math.floor(seconds / 60))} min`;
}

export function DealPage({ timeline, attachments, salesOrderAction }: DealPageProps) {
  const { dealId = '' } = useParams();
  const { org, role } = useCurrentOrg();
  const deal = useDeal(org.id, dealId);
  const pipelines = usePipelines(org.id);
  const people = useOrgPeople(org.id);
  const setStage = useSetDealStage(org.id, dealId);
  const update = useUpdateDeal(org.id, dealId);
  const [lostStage, setLostStage] = useState<string | null>(null);
  const [wonStage, setWonStage] = useState<string | null>(null);
  const canEdit = can(role, 'deals.write');

  if (deal.isPending || pipelines.isPending) return <LoadingState label="Loading the deal…" />;
  if (deal.isError) return <ErrorState error={deal.error} onRetry={() => deal.refetch()} />;
  if (!deal.data)
    return (
      <EmptyState
        title="Deal not found"
        description="It may have been deleted, or it belongs to another organisation."
        action={<Link to="/deals">Back to the board</Link>}
      />
    );
  const d = deal.data;
  const pipeline = pipelines.data?.find((p) => p.id === d.pipeline_id);
  const stages = pipeline?.stages ?? [];
  const stageName = (id: string | null) => stages.find((s) => s.id === id)?.name ?? 'Another pipeline';
  const owner = people.data?.find((p) => p.id === d.owner_id);

  async function moveTo(stageId: string) {
    const stage = stages.find((s) => s.id === stageId);
    if (!stage || stageId === d.stage_id) return;
    if (stage.kind === 'lost') return setLostStage(stageId);
    if (stage.kind === 'won') return setWonStage(stageId);
    try {
      await setStage.mutateAsync({ stageId });
    } catch (error) {
      toast.error(`Could not move the deal: ${errorMessage(error)}`);
    }
  }

  return (
    <div className="grid gap-4">
      <Link to="/deals" className="inline-flex items-center gap-1 text-sm text-muted hover:text-foreground">
        <ArrowLeft className="size-4" aria-hidden="true" /> Board
      </Link>
      <PageHeader
        title={d.title}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Badge tone={d.status === 'won' ? 'success' : d.status === 'lost' ? 'danger' : 'info'}>{d.status}</Badge>
            <span className="font-semibold tabular-nums">{formatMoney(d.amount, d.currency)}</span>
            {d.account && (
              <Link to={`/accounts/${d.account.id}`} className="hover:underline">
                {d.account.name}
              </Link>
            )}
            {owner && <span className="text-muted">Owner: {personName(owner)}</span>}
            {d.lost_reason && <span className="text-danger">Lost: {d.lost_reason}</span>}
          </span>
        }
        actions={
          <>
            {salesOrderAction?.({ id: d.id, status: d.status })}
            {canEdit && (
              <>
                {d.status === 'open' && stages.some((s) => s.kind === 'won') && (
                  <Button size="sm" onClick={() => setWonStage(stages.find((s) => s.kind === 'won')!.id)}>
                    <Trophy className="size-4" aria-hidden="true" /> Won
                  </Button>
                )}
                {d.status === 'open' && stages.some((s) => s.kind === 'lost') && (
                  <Button
                    size="sm"
                    variant="danger"
                    onClick={() => setLostStage(stages.find((s) => s.kind === 'lost')!.id)}
                  >
                    <XCircle className="size-4" aria-hidden="true" /> Lost
                  </Button>
                )}
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={async () => {
                    try {
                      await update.mutateAsync({ archived_at: new Date().toISOString() });
                      toast.success('Deal archived');
                    } catch (error) {
                      toast.error(`Could not archive: ${errorMessage(error)}`);
                    }
                  }}
                >
                  <Archive className="size-4" aria-hidden="true" /> Archive
                </Button>
              </>
            )}
          </>
        }
      />
      <nav aria-label="Stages" className="overflow-x-auto">
        <ol className="flex min-w-max gap-1">
          {stages.map((s) => (
            <li key={s.id}>
              <button
                type="button"
                disabled={!canEdit || setStage.isPending}
                onClick={() => moveTo(s.id)}
                aria-current={s.id === d.stage_id ? 'step' : undefined}
                className={cn(
                  'min-h-9 rounded-md border px-3 text-sm',
                  s.id === d.stage_id
                    ? 'border-primary bg-primary text-primary-foreground'
                    : 'border-border bg-surface hover:bg-surface-muted',
                )}
              >
                {s.name}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
        <div className="grid content-start gap-4">
          <Card title="Details">
            <DealDetailsForm deal={d} canEdit={canEdit} />
          </Card>
          <Card title="Quote lines">
            <DealLinesEditor deal={d} canEdit={canEdit} />
          </Card>
          {timeline?.(d.id)}
        </div>
        <div className="grid content-start gap-4">
          <Card title="People">
            <DealParticipants deal={d} canEdit={canEdit} />
          </Card>
          <Card title="Stage history">
            <ol className="grid gap-2 text-sm">
              {d.history.map((h) => (
                <li key={h.id} className="flex justify-between gap-2">
                  <span>
                    {h.from_stage_id ? `${stageName(h.from_stage_id)} → ` : 'Created in '}
                    <strong>{stageName(h.to_stage_id)}</strong>
                    {h.seconds_in_from_stage !== null && (
                      <span className="text-muted"> after {duration(h.seconds_in_from_stage)}</span>
                    )}
                  </span>
                  <time className="shrink-0 text-muted" dateTime={h.changed_at}>
                    {formatDateTime(h.changed_at)}
                  </time>
                </li>
              ))}
            </ol>
            {d.closed_at && <p className="mt-2 text-sm text-muted">Closed {formatDate(d.closed_at)}</p>}
          </Card>
          {attachments?.(d.id, canEdit)}
        </div>
      </div>
      <LostDealDialog
        dealTitle={lostStage ? d.title : null}
        onCancel={() => setLostStage(null)}
        onConfirm={async (reason) => {
          await setStage.mutateAsync({ stageId: lostStage!, lostReason: reason });
          setLostStage(null);
        }}
      />
      <WonDealDialog
        deal={
          wonStage
            ? {
                title: d.title,
                accountId: d.account_id,
                accountName: d.account?.name ?? null,
                amount: d.amount,
                currency: d.currency,
              }
            : null
        }
        onCancel={() => setWonStage(null)}
        onConfirm={async (values) => {
          await update.mutateAsync({
            account_id: values.account_id,
            amount: values.amount,
            promised_delivery_date: values.delivery_date,
          });
          await setStage.mutateAsync({ stageId: wonStage! });
          toast.success(`“${d.title}” won`);
          setWonStage(null);
        }}
      />
    </div>
  );
}
