import { Avatar } from '@/components/avatar.tsx';
import type { BoardViewer, LiveStatus } from '../api/use-deal-board-live.ts';

/** Who else is looking at this board right now, and whether the board is live. */
export function PresenceAvatars({
  viewers,
  meId,
  status,
}: {
  viewers: BoardViewer[];
  meId: string;
  status: LiveStatus;
}) {
  const others = viewers.filter((v) => v.userId !== meId);
  return (
    <div className="flex items-center gap-3">
      <span
        className={status === 'live' ? 'text-xs text-success' : 'text-xs text-muted'}
        role="status"
        data-testid="board-live-status"
      >
        {status === 'live' ? '● Live' : status === 'offline' ? '○ Reconnecting…' : '○ Connecting…'}
      </span>
      {others.length > 0 && (
        <ul className="flex -space-x-2" aria-label="Also on this board">
          {others.map((v) => (
            <li key={v.userId} title={v.name ?? 'A colleague'} data-testid="presence-avatar">
              <Avatar name={v.name} size="sm" className="ring-2 ring-surface" />
              <span className="sr-only">{v.name ?? 'A colleague'}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
