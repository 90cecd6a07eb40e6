import type { ReactNode } from 'react';
import { RefreshCw, TriangleAlert, type LucideIcon } from 'lucide-react';
import { Button } from '@/components/button.tsx';
import { cn } from '@/lib/cn.ts';
import { errorMessage } from '@/lib/errors.ts';

interface ErrorStateProps {
  title?: string;
  /** The error to explain; its message is worded by lib/errors.ts. */
  error?: unknown;
  description?: ReactNode;
  icon?: LucideIcon;
  /** Shows a "Try again" button. */
  onRetry?: () => void;
  retrying?: boolean;
  action?: ReactNode;
  className?: string;
}

/** What a list or page shows when loading failed, with a way out. */
export function ErrorState({
  title = 'Something went wrong',
  error,
  description,
  icon: Icon = TriangleAlert,
  onRetry,
  retrying,
  action,
  className,
}: ErrorStateProps) {
  return (
    <div role="alert" className={cn('flex flex-col items-center gap-3 px-4 py-12 text-center', className)}>
      <span className="inline-flex size-12 items-center justify-center rounded-full bg-danger-soft text-danger">
        <Icon className="size-6" aria-hidden="true" />
      </span>
      <div className="grid max-w-md gap-1">
        <p className="m-0 font-semibold">{title}</p>
        <div className="text-sm text-muted">{description ?? (error !== undefined ? errorMessage(error) : null)}</div>
      </div>
      <div className="flex flex-wrap justify-center gap-2">
        {onRetry && (
          <Button variant="secondary" onClick={onRetry} busy={retrying}>
            <RefreshCw className="size-4" aria-hidden="true" />
            Try again
          </Button>
        )}
        {action}
      </div>
    </div>
  );
}
