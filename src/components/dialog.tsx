import type { ReactNode } from 'react';
import { Dialog as DialogPrimitive } from 'radix-ui';
import { X } from 'lucide-react';
import { cn } from '@/lib/cn.ts';

interface DialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  title: ReactNode;
  /** Read with the title when the dialog opens. */
  description?: ReactNode;
  children?: ReactNode;
  /** Buttons, right-aligned under the content (stacked on a phone). */
  footer?: ReactNode;
  size?: 'sm' | 'md' | 'lg';
  /** Side sheet on the left (the navigation drawer on a phone) instead of a centred box. */
  placement?: 'center' | 'left';
  /** Hides the title visually (it is still read by screen readers). */
  hideTitle?: boolean;
  className?: string;
}

const widths = { sm: 'max-w-sm', md: 'max-w-lg', lg: 'max-w-3xl' };

/** A modal dialog (Radix): focus is trapped inside, Escape and the close button dismiss it. */
export function Dialog({
  open,
  onOpenChange,
  title,
  description,
  children,
  footer,
  size = 'md',
  placement = 'center',
  hideTitle = false,
  className,
}: DialogProps) {
  return (
    <DialogPrimitive.Root open={open} onOpenChange={onOpenChange}>
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className="fixed inset-0 z-40 bg-overlay" />
        <DialogPrimitive.Content
          // Without a description Radix warns unless aria-describedby is explicitly undefined.
          {...(description ? {} : { 'aria-describedby': undefined })}
          className={cn(
            'fixed z-50 flex flex-col border border-border bg-surface text-foreground shadow-xl focus:outline-none',
            placement === 'left'
              ? 'inset-y-0 left-0 w-[min(20rem,85vw)] rounded-none border-y-0 border-l-0'
              : cn(
                  'top-1/2 left-1/2 max-h-[calc(100dvh-2rem)] w-[calc(100vw-2rem)] -translate-x-1/2 -translate-y-1/2 rounded-xl',
                  widths[size],
                ),
            className,
          )}
        >
          <div className={cn('flex items-start gap-4 px-5 pt-5', hideTitle && 'sr-only')}>
            <div className="grid flex-1 gap-1">
              <DialogPrimitive.Title className="m-0 text-lg font-semibold">{title}</DialogPrimitive.Title>
              {description && (
                <DialogPrimitive.Description className="m-0 text-sm text-muted">
                  {description}
                </DialogPrimitive.Description>
              )}
            </div>
          </div>
          <div className={cn('min-h-0 flex-1 overflow-y-auto px-5', placement === 'left' ? 'pt-14 pb-3' : 'py-4')}>
            {children}
          </div>
          {footer && (
            <div className="flex flex-col-reverse gap-2 border-t border-border px-5 py-4 sm:flex-row sm:justify-end">
              {footer}
            </div>
          )}
          {/* After the content in the DOM, so opening the dialog focuses its first field, not this button. */}
          <DialogPrimitive.Close
            className="absolute top-3 right-3 inline-flex size-9 cursor-pointer items-center justify-center rounded-lg text-muted hover:bg-surface-muted hover:text-foreground"
            aria-label="Close"
          >
            <X className="size-4" aria-hidden="true" />
          </DialogPrimitive.Close>
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}
