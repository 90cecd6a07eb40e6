// One price list in the settings: rename it, archive it (no longer offered) or restore it.
import { useState } from 'react';
import { Badge } from '@/components/badge.tsx';
import { Button } from '@/components/button.tsx';
import { Input } from '@/components/input.tsx';
import { toast } from '@/components/toaster.tsx';
import { errorCode, errorMessage } from '@/lib/errors.ts';
import type { PriceList, usePriceListMutations } from '../api/price-lists.ts';
import { priceListSchema } from '../schemas/price-list.ts';

interface PriceListRowProps {
  list: PriceList;
  canEdit: boolean;
  update: ReturnType<typeof usePriceListMutations>['update'];
}

export function PriceListRow({ list, canEdit, update }: PriceListRowProps) {
  const [name, setName] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const editing = name !== null;

  function rename() {
    const parsed = priceListSchema.shape.name.safeParse(name);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Enter a name');
      return;
    }
    update.mutate(
      { id: list.id, name: parsed.data },
      {
        onSuccess: () => {
          setName(null);
          setError(null);
          toast.success('Price list renamed');
        },
        onError: (e) => setError(errorCode(e) === '23505' ? 'There is a price list of that name' : errorMessage(e)),
      },
    );
  }

  return (
    <li className="grid gap-1 px-3 py-2 text-sm">
      <div className="flex flex-wrap items-center gap-3">
        {editing ? (
          <Input
            aria-label={`New name for ${list.name}`}
            value={name}
            autoFocus
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') rename();
              if (e.key === 'Escape') setName(null);
            }}
            className="max-w-xs flex-1"
          />
        ) : (
          <span className="flex-1 font-medium">{list.name}</span>
        )}
        <Badge tone="info">{list.currency}</Badge>
        {list.is_default && <Badge tone="success">Default</Badge>}
        {!list.active && <Badge tone="warning">Archived</Badge>}
        {canEdit &&
          (editing ? (
            <>
              <Button size="sm" onClick={rename} busy={update.isPending}>
                Save
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setName(null)}>
                Cancel
              </Button>
            </>
          ) : (
            <>
              <Button size="sm" variant="ghost" onClick={() => setName(list.name)}>
                Rename
              </Button>
              <Button
                size="sm"
                variant="secondary"
                onClick={() =>
                  update.mutate(
                    { id: list.id, active: !list.active },
                    {
                      onSuccess: () => toast.success(list.active ? 'Price list archived' : 'Price list restored'),
                      onError: (e) => toast.error(`Could not change the price list: ${errorMessage(e)}`),
                    },
                  )
                }
              >
                {list.active ? 'Archive' : 'Restore'}
              </Button>
            </>
          ))}
      </div>
      {error && (
        <p role="alert" className="text-danger">
          {error}
        </p>
      )}
    </li>
  );
}
