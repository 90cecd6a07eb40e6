// Filters shared by the board and the list (kept in the URL so a filtered view can be shared).
import { useSearchParams } from 'react-router';
import { useUpdateSearchParams } from '@/lib/use-update-search-params.ts';
import { Button } from '@/components/button.tsx';
import { Input } from '@/components/input.tsx';
import { SearchInput } from '@/components/search-input.tsx';
import { Select } from '@/components/select.tsx';
import { personName, type OrgPerson } from '@/lib/org-people.ts';
import type { BoardFilters } from '../api/board-state.ts';

const PARAMS = ['owner', 'close_from', 'close_to', 'min', 'max', 'tag', 'q'] as const;

export function useBoardFilters(meId: string): { filters: BoardFilters; active: boolean } {
  const [params] = useSearchParams();
  const owner = params.get('owner');
  const num = (key: string) => {
    const v = params.get(key);
    return v !== null && v !== '' && !Number.isNaN(Number(v)) ? Number(v) : undefined;
  };
  const filters: BoardFilters = {
    ownerId: owner === 'me' ? meId : owner || undefined,
    closeFrom: params.get('close_from') || undefined,
    closeTo: params.get('close_to') || undefined,
    minAmount: num('min'),
    maxAmount: num('max'),
    tag: params.get('tag') || undefined,
    text: params.get('q') || undefined,
  };
  return { filters, active: PARAMS.some((p) => params.get(p)) };
}

export function BoardFilterBar({ people }: { people: OrgPerson[] }) {
  const [params] = useSearchParams();
  const update = useUpdateSearchParams();
  const set = (key: string, value: string) =>
    update((next) => {
      if (value) next.set(key, value);
      else next.delete(key);
    });
  return (
    <div className="flex flex-wrap items-end gap-2" role="search" aria-label="Filter deals">
      <SearchInput
        label="Search deals"
        value={params.get('q') ?? ''}
        onChange={(v) => set('q', v)}
        placeholder="Search deals…"
        className="w-56"
      />
      <label className="grid gap-1 text-xs text-muted">
        Owner
        <Select
          size="sm"
          value={params.get('owner') || 'all'}
          onValueChange={(v) => set('owner', v === 'all' ? '' : v)}
          options={[
            { value: 'all', label: 'Everyone', textValue: 'Everyone' },
            { value: 'me', label: 'Mine', textValue: 'Mine' },
            ...people.map((p) => ({ value: p.id, label: personName(p), textValue: personName(p) })),
          ]}
          className="w-40"
        />
      </label>
      <label className="grid gap-1 text-xs text-muted">
        Closing from
        <Input
          type="date"
          className="h-8 w-36 text-sm"
          value={params.get('close_from') ?? ''}
          onChange={(e) => set('close_from', e.target.value)}
        />
      </label>
      <label className="grid gap-1 text-xs text-muted">
        to
        <Input
          type="date"
          className="h-8 w-36 text-sm"
          value={params.get('close_to') ?? ''}
          onChange={(e) => set('close_to', e.target.value)}
        />
      </label>
      <label className="grid gap-1 text-xs text-muted">
        Amount from
        <Input
          inputMode="decimal"
          className="h-8 w-24 text-sm"
          value={params.get('min') ?? ''}
          onChange={(e) => set('min', e.target.value.trim())}
        />
      </label>
      <label className="grid gap-1 text-xs text-muted">
        to
        <Input
          inputMode="decimal"
          className="h-8 w-24 text-sm"
          value={params.get('max') ?? ''}
          onChange={(e) => set('max', e.target.value.trim())}
        />
      </label>
      <label className="grid gap-1 text-xs text-muted">
        Tag
        <Input
          className="h-8 w-28 text-sm"
          value={params.get('tag') ?? ''}
          onChange={(e) => set('tag', e.target.value.trim())}
        />
      </label>
      {PARAMS.some((p) => params.get(p)) && (
        <Button
          size="sm"
          variant="ghost"
          onClick={() =>
            update((next) => {
              for (const p of PARAMS) next.delete(p);
            })
          }
        >
          Clear filters
        </Button>
      )}
    </div>
  );
}
