// Picks a customer or supplier: a search box narrowing a labelled select.
import { useState } from 'react';
import { SearchInput } from '@/components/search-input.tsx';
import { SelectField } from '@/components/select-field.tsx';
import { usePartner, usePartnerOptions, type PartnerOption, type PartnerRole } from '../api/choices.ts';

const ANY = '__any__';

interface PartnerPickerProps {
  orgId: string;
  role: PartnerRole;
  label: string;
  value: string | null;
  onChange(partner: PartnerOption | null): void;
  error?: string;
  /** Offers "Any" (for filters). */
  allowAny?: boolean;
  className?: string;
}

export function PartnerPicker({ orgId, role, label, value, onChange, error, allowAny, className }: PartnerPickerProps) {
  const [text, setText] = useState('');
  const options = usePartnerOptions(orgId, role, text);
  const current = usePartner(orgId, value);
  const list = options.data ?? [];
  const all = current.data && !list.some((p) => p.id === current.data!.id) ? [current.data, ...list] : list;
  return (
    <div className={className ?? 'grid gap-1.5'}>
      <SearchInput
        label={`Search ${label.toLowerCase()}`}
        value={text}
        onChange={setText}
        placeholder={`Search ${role === 'customer' ? 'customers' : 'suppliers'}…`}
      />
      <SelectField
        label={label}
        value={value ?? (allowAny ? ANY : undefined)}
        onValueChange={(id) => onChange(id === ANY ? null : (all.find((p) => p.id === id) ?? null))}
        error={error}
        placeholder={options.isPending ? 'Loading…' : 'Choose…'}
        options={[
          ...(allowAny ? [{ value: ANY, label: 'Any', textValue: 'Any' }] : []),
          ...all.map((p) => ({ value: p.id, label: p.name, textValue: p.name })),
        ]}
      />
    </div>
  );
}
