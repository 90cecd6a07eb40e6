import type { ReactNode } from 'react';
import { Inbox, type LucideIcon } from 'lucide-react';
import { cn } from '@/lib/cn.ts';

interface EmptyStateProps {
  title: string;
  description?: ReactNode;
  icon?: LucideIcon;
  /** A next step, e.g. an "Invite member" button or "Clear filters". */
  action?: ReactNode;
  className?: string;
}

/** What a list or page shows when there is nothing (yet), and what to do about it. */
export function EmptyState({ title, description, icon: Icon = Inbox, action, className }: EmptyStateProps) {
  return (
    <div className={cn('flex flex-col items-center gap-3 px-4 py-12 text-center', className)}>
      <span className="inline-flex size-12 items-center justify-center rounded-full bg-surface-muted text-muted">
        <Icon className="size-6" aria-hidden="true" />
      </span>
      <div className="grid max-w-md gap-1">
        <p className="m-0 font-semibold">{title}</p>
        {description && <div className="text-sm text-muted">{description}</div>}
      </div>
      {action}
    </div>
  );
}
