// Adds a contact or a lead to a campaign: pick the kind, search, click a result.
import { useState } from 'react';
import { Plus } from 'lucide-react';
import { Button } from '@/components/button.tsx';
import { SearchInput } from '@/components/search-input.tsx';
import { Select } from '@/components/select.tsx';
import { useMemberCandidates, type MemberCandidate } from '../api/campaigns.ts';

interface MemberPickerProps {
  orgId: string;
  /** Contacts and leads already on the campaign (shown as added). */
  memberIds: ReadonlySet<string>;
  busy: boolean;
  onAdd(candidate: MemberCandidate): void;
}

export function MemberPicker({ orgId, memberIds, busy, onAdd }: MemberPickerProps) {
  const [kind, setKind] = useState<'contact' | 'lead'>('contact');
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const candidates = useMemberCandidates(orgId, kind, text, open);

  if (!open)
    return (
      <Button size="sm" variant="secondary" onClick={() => setOpen(true)}>
        <Plus className="size-4" aria-hidden="true" /> Add members
      </Button>
    );

  return (
    <div className="grid gap-2 rounded-lg border border-border p-3">
      <div className="flex flex-wrap items-end gap-2">
        <Select
          size="sm"
          aria-label="Add"
          value={kind}
          onValueChange={(v) => setKind(v as 'contact' | 'lead')}
          options={[
            { value: 'contact', label: 'Contacts', textValue: 'Contacts' },
            { value: 'lead', label: 'Leads', textValue: 'Leads' },
          ]}
          className="w-32"
        />
        <SearchInput
          label={kind === 'contact' ? 'Search contacts' : 'Search leads'}
          value={text}
          onChange={setText}
          placeholder="Name or e-mail…"
        />
        <Button size="sm" variant="ghost" onClick={() => setOpen(false)}>
          Done
        </Button>
      </div>
      {candidates.isPending ? (
        <p className="text-sm text-muted">Searching…</p>
      ) : candidates.isError ? (
        <p className="text-sm text-danger">Could not search.</p>
      ) : candidates.data.length === 0 ? (
        <p className="text-sm text-muted">Nothing found.</p>
      ) : (
        <ul className="grid gap-1 text-sm">
          {candidates.data.map((c) => (
            <li key={c.id} className="flex items-center justify-between gap-2">
              <span>
                {c.name} {c.detail && <span className="text-muted">{c.detail}</span>}
              </span>
              {memberIds.has(c.id) ? (
                <span className="text-xs text-muted">Added</span>
              ) : (
                <Button size="sm" variant="secondary" disabled={busy} onClick={() => onAdd(c)}>
                  Add <span className="sr-only">{c.name}</span>
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
