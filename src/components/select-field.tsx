import type { ReactNode, Ref } from 'react';
import { Field } from '@/components/field.tsx';
import { Select, type SelectOption } from '@/components/select.tsx';

interface SelectFieldProps {
  label: string;
  value: string | undefined;
  onValueChange(value: string): void;
  options: readonly SelectOption[];
  error?: string;
  hint?: ReactNode;
  placeholder?: string;
  disabled?: boolean;
  name?: string;
  className?: string;
  onBlur?(): void;
  ref?: Ref<HTMLButtonElement>;
}

/** A labelled Select for forms (use with react-hook-form's Controller). */
export function SelectField({ label, error, hint, className, ...selectProps }: SelectFieldProps) {
  return (
    <Field label={label} error={error} hint={hint} className={className}>
      {(control) => <Select {...selectProps} {...control} />}
    </Field>
  );
}
