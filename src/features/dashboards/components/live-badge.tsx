// "Updated just now / 12 s ago / 3 min ago": when the figures on screen were read, ticking on its
// own clock (it fetches nothing), with a spinner while a refetch after a change is under way and
// the state of the live connection.
import { RefreshCw } from 'lucide-react';
import { cn } from '@/lib/cn.ts';
import { formatDateTime } from '@/lib/format.ts';
import { useNow } from '@/lib/use-now.ts';
import type { LiveState } from '../api/live.ts';

export function updatedText(updatedAt: number, now: number): string {
  if (!updatedAt) return 'Loading…';
  const seconds = Math.max(0, Math.floor((now - updatedAt) / 1000));
  if (seconds < 10) return 'Updated just now';
  if (seconds < 60) return `Updated ${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `Updated ${minutes} min ago`;
  return `Updated ${formatDateTime(new Date(updatedAt))}`;
}

export function LiveBadge({ updatedAt, fetching, state }: { updatedAt: number; fetching: boolean; state: LiveState }) {
  const now = useNow(1000);
  return (
    <span className="inline-flex items-center gap-2 text-sm text-muted" data-testid="live-badge">
      <span
        className={cn(
          'inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-semibold',
          state === 'live' ? 'bg-success-soft text-success' : 'bg-neutral-soft text-foreground',
        )}
        title={state === 'live' ? 'Figures follow changes as they happen' : 'Not receiving live changes'}
      >
        <span aria-hidden="true">●</span> {state === 'live' ? 'Live' : state === 'offline' ? 'Offline' : 'Connecting'}
      </span>
      <span data-testid="updated-at">{updatedText(updatedAt, Math.max(now, updatedAt))}</span>
      {fetching && updatedAt > 0 && (
        <span role="status" className="inline-flex items-center gap-1">
          <RefreshCw className="size-3.5 animate-spin" aria-hidden="true" />
          <span className="sr-only">Refreshing the figures</span>
        </span>
      )}
    </span>
  );
}
