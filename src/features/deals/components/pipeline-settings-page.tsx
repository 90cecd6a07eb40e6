// Pipelines and their stages: names, order, win probability, won/lost columns and the
// "rotting" threshold. A stage that still holds deals cannot be deleted (the database
// refuses it); move or archive its deals first.
import { useState } from 'react';
import { ArrowDown, ArrowUp, Plus, Star, Trash2 } from 'lucide-react';
import { Badge } from '@/components/badge.tsx';
import { Button } from '@/components/button.tsx';
import { Card } from '@/components/card.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { Input } from '@/components/input.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { Select } from '@/components/select.tsx';
import { TextField } from '@/components/text-field.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorCode, errorMessage } from '@/lib/errors.ts';
import { usePipelineAdmin, usePipelines, type Pipeline } from '../api/deals.ts';

type Stage = Pipeline['stages'][number];

function StageRow({
  stage,
  first,
  last,
  onMove,
}: {
  stage: Stage;
  first: boolean;
  last: boolean;
  onMove(delta: -1 | 1): void;
}) {
  const { org } = useCurrentOrg();
  const admin = usePipelineAdmin(org.id);
  const [name, setName] = useState(stage.name);
  const [probability, setProbability] = useState(String(stage.probability));
  const [rotting, setRotting] = useState(stage.rotting_days === null ? '' : String(stage.rotting_days));
  const [kind, setKind] = useState(stage.kind);
  const dirty =
    name !== stage.name ||
    probability !== String(stage.probability) ||
    rotting !== (stage.rotting_days === null ? '' : String(stage.rotting_days)) ||
    kind !== stage.kind;

  function save() {
    const p = Number(probability);
    const r = rotting.trim() === '' ? null : Number(rotting);
    if (!name.trim()) return toast.error('A stage needs a name');
    if (!Number.isFinite(p) || p < 0 || p > 100) return toast.error('Probability is a number from 0 to 100');
    if (r !== null && (!Number.isInteger(r) || r < 1 || r > 365))
      return toast.error('Rotting days is a whole number from 1 to 365');
    admin.saveStage.mutate(
      {
        id: stage.id,
        pipeline_id: stage.pipeline_id,
        name: name.trim(),
        position: stage.position,
        probability: p,
        kind,
        rotting_days: r,
      },
      { onSuccess: () => toast.success(`Stage “${name.trim()}” saved`), onError: (e) => toast.error(errorMessage(e)) },
    );
  }

  return (
    <tr className="border-b border-border last:border-b-0">
      <td className="py-2 pr-2">
        <Input aria-label="Stage name" value={name} onChange={(e) => setName(e.target.value)} />
      </td>
      <td className="w-24 py-2 pr-2">
        <Input
          aria-label={`${stage.name} probability`}
          inputMode="decimal"
          value={probability}
          onChange={(e) => setProbability(e.target.value)}
        />
      </td>
      <td className="w-32 py-2 pr-2">
        <Select
          value={kind}
          onValueChange={(v) => setKind(v as Stage['kind'])}
          aria-label={`${stage.name} kind`}
          options={[
            { value: 'open', label: 'Open', textValue: 'Open' },
            { value: 'won', label: 'Won', textValue: 'Won' },
            { value: 'lost', label: 'Lost', textValue: 'Lost' },
          ]}
        />
      </td>
      <td className="w-24 py-2 pr-2">
        <Input
          aria-label={`${stage.name} rotting days`}
          inputMode="numeric"
          placeholder="—"
          value={rotting}
          onChange={(e) => setRotting(e.target.value)}
        />
      </td>
      <td className="py-2 whitespace-nowrap">
        <Button
          size="icon"
          variant="ghost"
          aria-label={`Move ${stage.name} left`}
          disabled={first}
          onClick={() => onMove(-1)}
        >
          <ArrowUp className="size-4" aria-hidden="true" />
        </Button>
        <Button
          size="icon"
          variant="ghost"
          aria-label={`Move ${stage.name} right`}
          disabled={last}
          onClick={() => onMove(1)}
        >
          <ArrowDown className="size-4" aria-hidden="true" />
        </Button>
        <Button size="sm" variant="secondary" disabled={!dirty} busy={admin.saveStage.isPending} onClick={save}>
          Save
        </Button>
        <Button
          size="icon"
          variant="ghost"
          aria-label={`Delete ${stage.name}`}
          onClick={() =>
            admin.deleteStage.mutate(stage.id, {
              onError: (e) =>
                toast.error(
                  errorCode(e) === '23503'
                    ? `“${stage.name}” still has deals: move or archive them first.`
                    : errorMessage(e),
                ),
            })
          }
        >
          <Trash2 className="size-4" aria-hidden="true" />
        </Button>
      </td>
    </tr>
  );
}

function PipelineCard({ pipeline }: { pipeline: Pipeline }) {
  const { org } = useCurrentOrg();
  const admin = usePipelineAdmin(org.id);
  const [newStage, setNewStage] = useState('');
  const stages = pipeline.stages;

  function move(index: number, delta: -1 | 1) {
    const ids = stages.map((s) => s.id);
    const [id] = ids.splice(index, 1);
    ids.splice(index + delta, 0, id!);
    admin.reorderStages.mutate(ids, { onError: (e) => toast.error(errorMessage(e)) });
  }

  return (
    <Card
      title={pipeline.name}
      description={pipeline.archived_at ? 'Archived' : pipeline.is_default ? 'Default pipeline' : undefined}
      actions={
        <>
          {!pipeline.is_default && !pipeline.archived_at && (
            <Button
              size="sm"
              variant="secondary"
              onClick={() =>
                admin.updatePipeline.mutate(
                  { id: pipeline.id, is_default: true },
                  { onError: (e) => toast.error(errorMessage(e)) },
                )
              }
            >
              <Star className="size-4" aria-hidden="true" /> Make default
            </Button>
          )}
          {!pipeline.is_default && (
            <Button
              size="sm"
              variant="ghost"
              onClick={() =>
                admin.updatePipeline.mutate(
                  { id: pipeline.id, archived_at: pipeline.archived_at ? null : new Date().toISOString() },
                  { onError: (e) => toast.error(errorMessage(e)) },
                )
              }
            >
              {pipeline.archived_at ? 'Restore' : 'Archive'}
            </Button>
          )}
        </>
      }
    >
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <caption className="sr-only">Stages of {pipeline.name}</caption>
          <thead>
            <tr className="text-left text-xs text-muted">
              <th scope="col" className="pb-1 font-semibold">
                Stage
              </th>
              <th scope="col" className="pb-1 font-semibold">
                Probability %
              </th>
              <th scope="col" className="pb-1 font-semibold">
                Kind
              </th>
              <th scope="col" className="pb-1 font-semibold">
                Rotting after (days)
              </th>
              <th scope="col" className="pb-1 font-semibold">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {stages.map((s, i) => (
              <StageRow
                key={`${s.id}:${s.position}`}
                stage={s}
                first={i === 0}
                last={i === stages.length - 1}
                onMove={(d) => move(i, d)}
              />
            ))}
          </tbody>
        </table>
      </div>
      <form
        className="mt-3 flex items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (!newStage.trim()) return;
          admin.saveStage.mutate(
            {
              pipeline_id: pipeline.id,
              name: newStage.trim(),
              position: stages.length,
              probability: 50,
              kind: 'open',
              rotting_days: null,
            },
            { onSuccess: () => setNewStage(''), onError: (err) => toast.error(errorMessage(err)) },
          );
        }}
      >
        <TextField label="New stage" value={newStage} onChange={(e) => setNewStage(e.target.value)} />
        <Button type="submit" variant="secondary" disabled={!newStage.trim()}>
          <Plus className="size-4" aria-hidden="true" /> Add stage
        </Button>
      </form>
      <div className="mt-2 flex gap-2 text-xs text-muted">
        <Badge>{stages.filter((s) => s.kind === 'won').length} won column(s)</Badge>
        <Badge>{stages.filter((s) => s.kind === 'lost').length} lost column(s)</Badge>
      </div>
    </Card>
  );
}

export function PipelineSettingsPage() {
  const { org } = useCurrentOrg();
  const pipelines = usePipelines(org.id);
  const admin = usePipelineAdmin(org.id);
  const [name, setName] = useState('');
  if (pipelines.isPending) return <LoadingState />;
  if (pipelines.isError) return <ErrorState error={pipelines.error} onRetry={() => pipelines.refetch()} />;
  return (
    <div className="grid gap-4">
      <PageHeader title="Pipelines" description="Stages of each sales pipeline, their order and win probability." />
      {pipelines.data.map((p) => (
        <PipelineCard key={p.id} pipeline={p} />
      ))}
      <form
        className="flex items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (!name.trim()) return;
          admin.createPipeline.mutate(name.trim(), {
            onSuccess: () => {
              toast.success(`Pipeline “${name.trim()}” created`);
              setName('');
            },
            onError: (err) => toast.error(errorMessage(err)),
          });
        }}
      >
        <TextField label="New pipeline" value={name} onChange={(e) => setName(e.target.value)} />
        <Button type="submit" disabled={!name.trim()} busy={admin.createPipeline.isPending}>
          <Plus className="size-4" aria-hidden="true" /> Create pipeline
        </Button>
      </form>
    </div>
  );
}
