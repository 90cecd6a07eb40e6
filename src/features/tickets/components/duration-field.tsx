import { useId } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { Input } from '@/components/input.tsx';

interface DurationFieldProps {
  label: string;
  hint?: string;
  /** Shown under both boxes and announced with them; marks them invalid. */
  error?: string;
  hours: UseFormRegisterReturn;
  minutes: UseFormRegisterReturn;
}

/** A span of working time entered as hours plus minutes ("4" h "30" min). */
export function DurationField({ label, hint, error, hours, minutes }: DurationFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  const control = { 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined } as const;
  return (
    <fieldset className="m-0 grid gap-1 border-0 p-0">
      <legend className="mb-1 p-0 text-sm font-semibold">{label}</legend>
      {hint && (
        <p className="m-0 text-sm text-muted" id={hintId}>
          {hint}
        </p>
      )}
      <div className="flex items-center gap-2">
        <Input
          {...control}
          {...hours}
          aria-label={`${label} hours`}
          inputMode="numeric"
          autoComplete="off"
          placeholder="0"
          className="w-24"
        />
        <span className="text-sm text-muted" aria-hidden="true">
          h
        </span>
        <Input
          {...control}
          {...minutes}
          aria-label={`${label} minutes`}
          inputMode="numeric"
          autoComplete="off"
          placeholder="0"
          className="w-24"
        />
        <span className="text-sm text-muted" aria-hidden="true">
          min
        </span>
      </div>
      {error && (
        <p className="m-0 text-sm text-danger" id={errorId}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
