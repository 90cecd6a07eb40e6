// Picks a customer account by name: a search field narrowing a select.
import { useState } from 'react';
import { SearchInput } from '@/components/search-input.tsx';
import { SelectField } from '@/components/select-field.tsx';
import { useCustomerOptions } from '../api/sales-orders.ts';

interface CustomerPickerProps {
  orgId: string;
  value: string;
  onChange(id: string): void;
  error?: string;
}

export function CustomerPicker({ orgId, value, onChange, error }: CustomerPickerProps) {
  const [text, setText] = useState('');
  const options = useCustomerOptions(orgId, text);
  const [chosen, setChosen] = useState<{ id: string; name: string } | null>(null);
  const list = options.data ?? [];
  const shown = chosen && chosen.id === value && !list.some((a) => a.id === value) ? [chosen, ...list] : list;
  return (
    <div className="grid gap-1.5">
      <SearchInput value={text} onChange={setText} placeholder="Search customers…" label="Search customers" />
      <SelectField
        label="Customer"
        value={value || undefined}
        onValueChange={(id) => {
          const account = shown.find((a) => a.id === id);
          if (account) setChosen({ id: account.id, name: account.name });
          onChange(id);
        }}
        error={error}
        placeholder={options.isPending ? 'Loading…' : list.length === 0 ? 'No customer matches' : 'Choose a customer'}
        options={shown.map((a) => ({ value: a.id, label: a.name, textValue: a.name }))}
      />
    </div>
  );
}
