import type { InputHTMLAttributes, Ref } from 'react';
import { cn } from '@/lib/cn.ts';

export interface InputProps extends InputHTMLAttributes<HTMLInputElement> {
  ref?: Ref<HTMLInputElement>;
}

export const inputClasses =
  'min-h-10 w-full rounded-lg border border-border bg-surface px-3 py-2 text-foreground placeholder:text-muted ' +
  'disabled:cursor-not-allowed disabled:bg-surface-muted disabled:text-muted aria-[invalid=true]:border-danger';

/** A bare text input; TextField adds the label, hint and error around it. */
export function Input({ className, ref, ...rest }: InputProps) {
  return <input {...rest} ref={ref} className={cn(inputClasses, className)} />;
}
