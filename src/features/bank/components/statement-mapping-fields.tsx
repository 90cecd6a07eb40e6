// The mapping step of a statement import: which column of the file is the date, the amount
// (one signed column, or money out and money in in two), the texts, and how the file writes
// dates and decimals.
import { useId } from 'react';
import { SelectField } from '@/components/select-field.tsx';
import {
  DATE_FORMATS,
  FIELD_LABELS,
  type AmountMode,
  type MappedField,
  type StatementMapping,
} from '../schemas/statement-import.ts';

const NOT_IN_FILE = '__none__';

interface StatementMappingFieldsProps {
  headers: string[];
  mapping: StatementMapping;
  onChange(mapping: StatementMapping): void;
}

export function StatementMappingFields({ headers, mapping, onChange }: StatementMappingFieldsProps) {
  const modeName = useId();
  const columnOptions = [
    { value: NOT_IN_FILE, label: '— not in the file —', textValue: 'not in the file' },
    ...headers.map((h) => ({ value: h, label: h, textValue: h })),
  ];
  const column = (field: MappedField, required = false) => (
    <SelectField
      key={field}
      label={`${FIELD_LABELS[field]}${required ? ' *' : ''}`}
      value={mapping.columns[field] ?? NOT_IN_FILE}
      onValueChange={(v) =>
        onChange({ ...mapping, columns: { ...mapping.columns, [field]: v === NOT_IN_FILE ? null : v } })
      }
      options={columnOptions}
    />
  );
  const setMode = (amountMode: AmountMode) => onChange({ ...mapping, amountMode });

  return (
    <div className="grid gap-4">
      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-semibold">Amounts in the file</legend>
        <label className="inline-flex items-center gap-2 text-sm">
          <input
            type="radio"
            name={modeName}
            className="size-4"
            checked={mapping.amountMode === 'single'}
            onChange={() => setMode('single')}
          />
          One column, signed (money out is negative)
        </label>
        <label className="inline-flex items-center gap-2 text-sm">
          <input
            type="radio"
            name={modeName}
            className="size-4"
            checked={mapping.amountMode === 'split'}
            onChange={() => setMode('split')}
          />
          Two columns: money out (debit) and money in (credit)
        </label>
      </fieldset>
      <fieldset className="grid gap-3 sm:grid-cols-2">
        <legend className="mb-1 text-sm font-semibold">Columns</legend>
        {column('date', true)}
        {mapping.amountMode === 'single' ? column('amount', true) : [column('debit'), column('credit')]}
        {column('description')}
        {column('counterparty')}
        {column('reference')}
      </fieldset>
      <fieldset className="grid gap-3 sm:grid-cols-2">
        <legend className="mb-1 text-sm font-semibold">Formats</legend>
        <SelectField
          label="Date format"
          value={mapping.dateFormat}
          onValueChange={(v) => onChange({ ...mapping, dateFormat: v as StatementMapping['dateFormat'] })}
          options={DATE_FORMATS.map((f) => ({ value: f, label: f, textValue: f }))}
        />
        <SelectField
          label="Decimal separator"
          value={mapping.decimal}
          onValueChange={(v) => onChange({ ...mapping, decimal: v as StatementMapping['decimal'] })}
          options={[
            { value: '.', label: 'Point: 1,234.56', textValue: 'Point' },
            { value: ',', label: 'Comma: 1.234,56', textValue: 'Comma' },
          ]}
        />
      </fieldset>
    </div>
  );
}
