import { cn } from '@/lib/cn.ts';

interface SpinnerProps {
  /** Read by screen readers; the animation itself is decorative. */
  label?: string;
  size?: 'small' | 'medium';
  className?: string;
}

export function Spinner({ label = 'Loading…', size = 'medium', className }: SpinnerProps) {
  return (
    <span role="status" className={cn('inline-flex', className)}>
      <span
        className={cn(
          'inline-block animate-spin rounded-full border-border border-t-primary',
          size === 'small' ? 'size-4 border-2' : 'size-8 border-[3px]',
        )}
        aria-hidden="true"
      />
      <span className="sr-only">{label}</span>
    </span>
  );
}

/** Centred spinner for a whole page or route that is still loading. */
export function PageSpinner({ label }: { label?: string }) {
  return (
    <div className="grid min-h-dvh place-items-center p-4">
      <Spinner label={label} />
    </div>
  );
}
