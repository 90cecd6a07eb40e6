import type { ReactNode } from 'react';
import { CircleAlert, Info } from 'lucide-react';
import { cn } from '@/lib/cn.ts';

interface AlertProps {
  tone?: 'error' | 'info';
  title?: string;
  className?: string;
  children: ReactNode;
}

/** Errors interrupt (role=alert); information waits its turn (role=status). */
export function Alert({ tone = 'error', title, className, children }: AlertProps) {
  const Icon = tone === 'error' ? CircleAlert : Info;
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      className={cn(
        'flex gap-3 rounded-lg border px-4 py-3 text-sm',
        tone === 'error' ? 'border-danger-soft-border bg-danger-soft' : 'border-border bg-info-soft',
        className,
      )}
    >
      <Icon
        className={cn('mt-0.5 size-4 shrink-0', tone === 'error' ? 'text-danger' : 'text-info')}
        aria-hidden="true"
      />
      <div className="grid gap-1">
        {title && <p className="m-0 font-semibold">{title}</p>}
        <div className="[&>p]:m-0">{children}</div>
      </div>
    </div>
  );
}
