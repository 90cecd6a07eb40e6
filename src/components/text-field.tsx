import type { InputHTMLAttributes, ReactNode, Ref } from 'react';
import { Field } from '@/components/field.tsx';
import { Input } from '@/components/input.tsx';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  /** Shown under the input and announced with it; marks the input invalid. */
  error?: string;
  hint?: ReactNode;
  ref?: Ref<HTMLInputElement>;
}

export function TextField({ label, error, hint, className, ref, ...inputProps }: TextFieldProps) {
  return (
    <Field label={label} error={error} hint={hint} className={className}>
      {(control) => <Input {...inputProps} {...control} ref={ref} />}
    </Field>
  );
}
