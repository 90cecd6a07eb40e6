// The shared deal board: columns per stage, cards dragged with the pointer or the
// keyboard, live for everyone in the org (Realtime), with presence and "being moved
// by" markers. The mover's board changes at once; the server's answer settles the rank.
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  closestCorners,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { KanbanSquare, List, Plus, Settings2 } from 'lucide-react';
import { Button, buttonClasses } from '@/components/button.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { Select } from '@/components/select.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { useOrgPeople } from '@/lib/org-people.ts';
import { can } from '@/lib/roles.ts';
import { useUser } from '@/lib/session.ts';
import { columnDeals, matchesFilters, neighboursAt, rottingDays, type BoardDeal } from '../api/board-state.ts';
import { boardQueryKey, useBoard, useMoveDeal, usePipelines, useUpdateDeal, type MoveRequest } from '../api/deals.ts';
import { useDealBoardLive } from '../api/use-deal-board-live.ts';
import { BoardColumn } from './board-column.tsx';
import { BoardFilterBar, useBoardFilters } from './board-filters.tsx';
import { DealCard } from './deal-card.tsx';
import { DealFormDialog } from './deal-form-dialog.tsx';
import { LostDealDialog } from './lost-deal-dialog.tsx';
import { PresenceAvatars } from './presence-avatars.tsx';
import { WonDealDialog } from './won-deal-dialog.tsx';

export function DealBoardPage() {
  const { org, role } = useCurrentOrg();
  const user = useUser();
  const people = useOrgPeople(org.id);
  const pipelines = usePipelines(org.id);
  const [params, setParams] = useSearchParams();
  const active = (pipelines.data ?? []).filter((p) => !p.archived_at);
  // The board loads at once (the pipeline from the URL, else the default), beside the pipelines list.
  const requestedPipeline = params.get('pipeline');
  const boardKey = useMemo(() => boardQueryKey(org.id, requestedPipeline), [org.id, requestedPipeline]);
  const board = useBoard(org.id, requestedPipeline);
  const pipeline = active.find((p) => p.id === board.data?.pipelineId);
  const me = people.data?.find((p) => p.id === user.id);
  const live = useDealBoardLive(org.id, boardKey, {
    userId: user.id,
    name: me?.full_name ?? me?.email ?? user.email ?? null,
    avatarPath: me?.avatar_path ?? null,
  });
  const { filters } = useBoardFilters(user.id);
  const canMove = can(role, 'deals.write');
  const move = useMoveDeal(boardKey);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [pendingLost, setPendingLost] = useState<MoveRequest | null>(null);
  const [pendingWon, setPendingWon] = useState<MoveRequest | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const columns = useMemo(() => {
    const data = board.data;
    if (!data) return [];
    const shown = data.deals.filter((d) => matchesFilters(d, filters));
    return data.stages.map((stage) => ({ stage, deals: columnDeals(shown, stage.id) }));
    // Filter values are primitives read from the URL each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [
    board.data,
    filters.ownerId,
    filters.closeFrom,
    filters.closeTo,
    filters.minAmount,
    filters.maxAmount,
    filters.tag,
    filters.text,
  ]);

  const dealById = (id: string): BoardDeal | undefined => board.data?.deals.find((d) => d.id === id);
  const activeDeal = activeId ? dealById(activeId) : undefined;

  function runMove(request: MoveRequest) {
    move.mutate(request, {
      onError: (error) => toast.error(`Could not move the deal: ${errorMessage(error)}`),
    });
  }

  function onDragStart(event: DragStartEvent) {
    setActiveId(String(event.active.id));
    live.signalDrag(String(event.active.id));
  }

  function onDragEnd(event: DragEndEvent) {
    setActiveId(null);
    live.signalDrag(null);
    const { active, over } = event;
    if (!over || !board.data) return;
    const dealId = String(active.id);
    const deal = dealById(dealId);
    if (!deal) return;
    const overData = over.data.current as { type?: string; stageId?: string } | undefined;
    const stageId = overData?.stageId;
    if (!stageId) return;
    const column = columns.find((c) => c.stage.id === stageId);
    if (!column) return;
    // On a card: take its place (dnd-kit's sortable semantics); on the column itself: the end.
    const index =
      overData?.type === 'card'
        ? column.deals.findIndex((d) => d.id === String(over.id))
        : column.deals.filter((d) => d.id !== dealId).length;
    if (index < 0) return;
    const { afterId, beforeId } = neighboursAt(column.deals, dealId, index);
    if (deal.stage_id === stageId) {
      const current = column.deals.filter((d) => d.id !== dealId);
      const was = column.deals.findIndex((d) => d.id === dealId);
      if (current[was - 1]?.id === (afterId ?? undefined) && current[was]?.id === (beforeId ?? undefined)) return;
    }
    const request: MoveRequest = { dealId, stageId, afterId, beforeId };
    if (deal.stage_id !== stageId && column.stage.kind === 'lost') return setPendingLost(request);
    if (deal.stage_id !== stageId && column.stage.kind === 'won') return setPendingWon(request);
    runMove(request);
  }

  if (board.isPending) return <LoadingState label="Loading deals…" />;
  if (board.isError) return <ErrorState error={board.error} onRetry={() => board.refetch()} />;
  if (!board.data)
    return (
      <>
        <PageHeader title="Deals" />
        <EmptyState
          title="No pipeline yet"
          description="Create a pipeline with stages to start tracking deals."
          action={can(role, 'pipelines.manage') ? <Link to="/settings/pipelines">Set up pipelines</Link> : undefined}
        />
      </>
    );

  const wonDeal = pendingWon ? dealById(pendingWon.dealId) : undefined;
  const lostDeal = pendingLost ? dealById(pendingLost.dealId) : undefined;

  return (
    <div className="flex h-full min-h-0 flex-col gap-3">
      <PageHeader
        title="Deals"
        description={<PresenceAvatars viewers={live.viewers} meId={user.id} status={live.status} />}
        actions={
          <>
            {active.length > 1 && (
              <Select
                size="sm"
                value={board.data.pipelineId}
                onValueChange={(id) =>
                  setParams((prev) => {
                    const next = new URLSearchParams(prev);
                    next.set('pipeline', id);
                    return next;
                  })
                }
                options={active.map((p) => ({ value: p.id, label: p.name, textValue: p.name }))}
                className="w-44"
              />
            )}
            <Link to={`/deals/list?${params.toString()}`} className={buttonClasses('secondary', 'sm')}>
              <List className="size-4" aria-hidden="true" /> List
            </Link>
            {can(role, 'pipelines.manage') && (
              <Link to="/settings/pipelines" className={buttonClasses('ghost', 'sm')} aria-label="Pipeline settings">
                <Settings2 className="size-4" aria-hidden="true" />
              </Link>
            )}
            {canMove && (
              <Button size="sm" disabled={!pipeline} onClick={() => setCreating(true)}>
                <Plus className="size-4" aria-hidden="true" /> New deal
              </Button>
            )}
          </>
        }
      />
      <BoardFilterBar people={people.data ?? []} />
      <DndContext
        sensors={sensors}
        collisionDetection={closestCorners}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragCancel={() => {
          setActiveId(null);
          live.signalDrag(null);
        }}
      >
        {/* The board fills the window; columns scroll on their own (and only visible cards are rendered). */}
        <div
          className="flex gap-3 overflow-x-auto pb-2"
          style={{ height: 'max(26rem, calc(100dvh - 14rem))' }}
          data-testid="deal-board"
        >
          {columns.map(({ stage, deals }) => (
            <BoardColumn key={stage.id} stage={stage} deals={deals} dragging={live.dragging} canMove={canMove} />
          ))}
        </div>
        <DragOverlay>
          {activeDeal && (
            <DealCard
              deal={activeDeal}
              rotting={rottingDays(
                activeDeal,
                board.data?.stages.find((s) => s.id === activeDeal.stage_id),
              )}
              overlay
            />
          )}
        </DragOverlay>
      </DndContext>
      {board.data.deals.length === 0 && (
        <p className="text-sm text-muted">
          <KanbanSquare className="mr-1 inline size-4" aria-hidden="true" />
          No deals in {pipeline?.name ?? 'this pipeline'} yet{canMove ? ': create the first one with “New deal”.' : '.'}
        </p>
      )}
      {creating && pipeline && <DealFormDialog open={creating} onOpenChange={setCreating} pipeline={pipeline} />}
      <LostDealDialog
        dealTitle={lostDeal?.title ?? null}
        onCancel={() => setPendingLost(null)}
        onConfirm={async (reason) => {
          if (!pendingLost) return;
          await move.mutateAsync({ ...pendingLost, lostReason: reason });
          setPendingLost(null);
        }}
      />
      <WonDealConfirm
        orgId={org.id}
        request={pendingWon}
        deal={wonDeal}
        onDone={() => setPendingWon(null)}
        runMove={(r) => move.mutateAsync(r)}
      />
    </div>
  );
}

function WonDealConfirm({
  orgId,
  request,
  deal,
  onDone,
  runMove,
}: {
  orgId: string;
  request: MoveRequest | null;
  deal: BoardDeal | undefined;
  onDone(): void;
  runMove(request: MoveRequest): Promise<unknown>;
}) {
  const update = useUpdateDeal(orgId, request?.dealId ?? 'none');
  return (
    <WonDealDialog
      deal={
        request && deal
          ? {
              title: deal.title,
              accountId: deal.account_id,
              accountName: deal.account?.name ?? null,
              amount: deal.amount,
              currency: deal.currency,
            }
          : null
      }
      onCancel={onDone}
      onConfirm={async (values) => {
        if (!request || !deal) return;
        await update.mutateAsync({
          account_id: values.account_id,
          amount: values.amount,
          promised_delivery_date: values.delivery_date,
        });
        await runMove(request);
        toast.success(`“${deal.title}” won`);
        onDone();
      }}
    />
  );
}
