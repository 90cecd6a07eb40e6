import type { ReactNode, Ref } from 'react';
import { Select as SelectPrimitive } from 'radix-ui';
import { Check, ChevronDown, ChevronUp } from 'lucide-react';
import { cn } from '@/lib/cn.ts';

export interface SelectOption {
  value: string;
  label: ReactNode;
  /** What the trigger shows and typeahead matches when `label` is not plain text. */
  textValue?: string;
  description?: ReactNode;
  disabled?: boolean;
}

export interface SelectProps {
  value: string | undefined;
  onValueChange(value: string): void;
  options: readonly SelectOption[];
  placeholder?: string;
  /** For a select without a visible <label> (table filters, inline role pickers). */
  'aria-label'?: string;
  id?: string;
  name?: string;
  disabled?: boolean;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
  size?: 'sm' | 'md';
  className?: string;
  onBlur?(): void;
  ref?: Ref<HTMLButtonElement>;
}

/**
 * A listbox on Radix Select: keyboard, typeahead and screen-reader support included. Radix reserves the
 * empty string, so "no value" is `undefined` (the placeholder shows).
 */
export function Select({
  value,
  onValueChange,
  options,
  placeholder = 'Select…',
  id,
  name,
  disabled,
  size = 'md',
  className,
  onBlur,
  ref,
  ...aria
}: SelectProps) {
  return (
    <SelectPrimitive.Root value={value} onValueChange={onValueChange} name={name} disabled={disabled}>
      <SelectPrimitive.Trigger
        ref={ref}
        id={id}
        onBlur={onBlur}
        {...aria}
        className={cn(
          'inline-flex w-full cursor-pointer items-center justify-between gap-2 rounded-lg border border-border bg-surface text-left text-foreground',
          'hover:border-border-strong disabled:cursor-not-allowed disabled:bg-surface-muted disabled:text-muted',
          'aria-[invalid=true]:border-danger data-[placeholder]:text-muted',
          size === 'sm' ? 'min-h-8 px-2.5 text-sm' : 'min-h-10 px-3',
          className,
        )}
      >
        <span className="truncate">
          <SelectPrimitive.Value placeholder={placeholder} />
        </span>
        <SelectPrimitive.Icon>
          <ChevronDown className="size-4 shrink-0 text-muted" aria-hidden="true" />
        </SelectPrimitive.Icon>
      </SelectPrimitive.Trigger>
      <SelectPrimitive.Portal>
        <SelectPrimitive.Content
          position="popper"
          sideOffset={4}
          className="z-50 max-h-[min(24rem,var(--radix-select-content-available-height))] min-w-[var(--radix-select-trigger-width)] overflow-hidden rounded-lg border border-border bg-surface text-foreground shadow-lg"
        >
          <SelectPrimitive.ScrollUpButton className="flex h-6 items-center justify-center text-muted">
            <ChevronUp className="size-4" aria-hidden="true" />
          </SelectPrimitive.ScrollUpButton>
          <SelectPrimitive.Viewport className="p-1">
            {options.map((option) => (
              <SelectPrimitive.Item
                key={option.value}
                value={option.value}
                disabled={option.disabled}
                textValue={option.textValue}
                className="relative flex min-h-9 cursor-pointer flex-col justify-center rounded-md py-1.5 pr-2 pl-8 text-sm outline-none select-none data-[disabled]:cursor-not-allowed data-[disabled]:opacity-60 data-[highlighted]:bg-surface-muted"
              >
                <span className="absolute left-2 inline-flex size-4 items-center justify-center">
                  <SelectPrimitive.ItemIndicator>
                    <Check className="size-4" aria-hidden="true" />
                  </SelectPrimitive.ItemIndicator>
                </span>
                <SelectPrimitive.ItemText>{option.label}</SelectPrimitive.ItemText>
                {option.description && <span className="text-xs text-muted">{option.description}</span>}
              </SelectPrimitive.Item>
            ))}
          </SelectPrimitive.Viewport>
          <SelectPrimitive.ScrollDownButton className="flex h-6 items-center justify-center text-muted">
            <ChevronDown className="size-4" aria-hidden="true" />
          </SelectPrimitive.ScrollDownButton>
        </SelectPrimitive.Content>
      </SelectPrimitive.Portal>
    </SelectPrimitive.Root>
  );
}
