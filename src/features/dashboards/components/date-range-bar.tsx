// The period of a dashboard (a preset or custom dates, checked as the reports check theirs) and
// the dashboard's own filters, all in the URL.
import type { ReactNode } from 'react';
import { SelectField } from '@/components/select-field.tsx';
import { TextField } from '@/components/text-field.tsx';
import { formatDate } from '@/lib/format.ts';
import { previousRange, RANGE_PRESETS, type RangePreset } from '../schemas/range.ts';
import type { DashboardParams } from './use-dashboard-params.ts';

export function DateRangeBar({ params, children }: { params: DashboardParams; children?: ReactNode }) {
  const { range, preset } = params;
  const before = range.ok ? previousRange(range) : null;
  return (
    <div role="group" aria-label="Dashboard period and filters" className="grid gap-2">
      <div className="flex flex-wrap items-start gap-3">
        <SelectField
          label="Period"
          className="w-48"
          value={preset}
          onValueChange={(v) => {
            if (v !== 'custom') params.setPreset(v as RangePreset);
          }}
          options={[
            ...RANGE_PRESETS.map((p) => ({ value: p.id, label: p.label, textValue: p.label })),
            // Shown when the dates are typed in; picked by typing them, not from here.
            { value: 'custom', label: 'Custom dates', textValue: 'Custom dates', disabled: true },
          ]}
        />
        <TextField
          label="From"
          type="date"
          className="w-44"
          value={range.from}
          error={range.ok ? undefined : range.errors.from}
          onChange={(e) => params.setDate('from', e.target.value)}
        />
        <TextField
          label="To"
          type="date"
          className="w-44"
          value={range.to}
          error={range.ok ? undefined : range.errors.to}
          onChange={(e) => params.setDate('to', e.target.value)}
        />
        {children}
      </div>
      {before && (
        <p className="m-0 text-sm text-muted">
          Compared with {formatDate(before.from)} – {formatDate(before.to)}.
        </p>
      )}
    </div>
  );
}
