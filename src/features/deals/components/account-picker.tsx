// Picks one of the org's parties by name: a search field narrowing a select.
import { useState } from 'react';
import { SelectField } from '@/components/select-field.tsx';
import { SearchInput } from '@/components/search-input.tsx';
import { useAccountOptions } from '../api/deals.ts';

// Radix Select items cannot have an empty value.
export const NONE = '__none__';

interface AccountPickerProps {
  orgId: string;
  label: string;
  value: string | null;
  /** The current account's name, so it shows even when not among the search results. */
  currentName?: string | null;
  onChange(id: string | null, name: string | null): void;
  error?: string;
  allowNone?: boolean;
}

export function AccountPicker({
  orgId,
  label,
  value,
  currentName,
  onChange,
  error,
  allowNone = true,
}: AccountPickerProps) {
  const [text, setText] = useState('');
  const options = useAccountOptions(orgId, text);
  const list = options.data ?? [];
  const withCurrent =
    value && currentName && !list.some((a) => a.id === value) ? [{ id: value, name: currentName }, ...list] : list;
  return (
    <div className="grid gap-1.5">
      <SearchInput
        value={text}
        onChange={setText}
        placeholder={`Search ${label.toLowerCase()}…`}
        label={`Search ${label.toLowerCase()}`}
      />
      <SelectField
        label={label}
        value={value ?? (allowNone ? NONE : undefined)}
        onValueChange={(id) =>
          id === NONE ? onChange(null, null) : onChange(id, withCurrent.find((a) => a.id === id)?.name ?? null)
        }
        error={error}
        placeholder={options.isPending ? 'Loading…' : 'Choose…'}
        options={[
          ...(allowNone ? [{ value: NONE, label: 'None', textValue: 'None' }] : []),
          ...withCurrent.map((a) => ({ value: a.id, label: a.name, textValue: a.name })),
        ]}
      />
    </div>
  );
}
