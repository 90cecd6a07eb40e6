import { Spinner } from '@/components/spinner.tsx';
import { cn } from '@/lib/cn.ts';

/** What a list or page shows while it loads: one spinner with a label screen readers announce. */
export function LoadingState({ label = 'Loading…', className }: { label?: string; className?: string }) {
  return (
    <div className={cn('flex flex-col items-center gap-3 px-4 py-12 text-sm text-muted', className)}>
      <Spinner label={label} />
      <span aria-hidden="true">{label}</span>
    </div>
  );
}
