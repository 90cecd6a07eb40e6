import type { ButtonHTMLAttributes, Ref } from 'react';
import { Slot } from 'radix-ui';
import { cn } from '@/lib/cn.ts';

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';
export type ButtonSize = 'sm' | 'md' | 'icon';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Shows a busy state and blocks further clicks while an action runs. */
  busy?: boolean;
  /** Renders the single child (e.g. a router Link) with the button's look instead of a <button>. */
  asChild?: boolean;
  ref?: Ref<HTMLButtonElement>;
}

const variants: Record<ButtonVariant, string> = {
  primary: 'bg-primary text-primary-foreground hover:bg-primary-hover border-transparent',
  secondary: 'bg-surface text-foreground border-border hover:bg-surface-muted hover:border-border-strong',
  ghost: 'bg-transparent text-foreground border-transparent hover:bg-surface-muted',
  danger: 'bg-danger text-danger-foreground hover:bg-danger-hover border-transparent',
};

const sizes: Record<ButtonSize, string> = {
  sm: 'min-h-8 px-2.5 text-sm gap-1.5',
  md: 'min-h-10 px-4 gap-2',
  icon: 'size-10 p-0',
};

/** Class names of a button, for elements that must look like one without being a Button. */
export function buttonClasses(variant: ButtonVariant = 'primary', size: ButtonSize = 'md', className?: string): string {
  return cn(
    'inline-flex shrink-0 cursor-pointer items-center justify-center rounded-lg border font-semibold no-underline',
    'transition-colors hover:no-underline disabled:cursor-not-allowed disabled:opacity-60',
    variants[variant],
    sizes[size],
    className,
  );
}

export function Button({
  variant = 'primary',
  size = 'md',
  busy = false,
  asChild = false,
  type = 'button',
  className,
  disabled,
  children,
  ...rest
}: ButtonProps) {
  if (asChild) {
    return (
      <Slot.Root {...rest} className={buttonClasses(variant, size, className)}>
        {children}
      </Slot.Root>
    );
  }
  return (
    <button
      {...rest}
      // Forms must opt in to submit; a stray <Button> inside a form should not submit it.
      type={type}
      className={buttonClasses(variant, size, className)}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
    >
      {busy && (
        <span
          className="size-4 animate-spin rounded-full border-2 border-current border-t-transparent"
          aria-hidden="true"
        />
      )}
      {children}
    </button>
  );
}
