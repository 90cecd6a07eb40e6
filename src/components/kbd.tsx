import { describeKeys } from '@/lib/hotkeys.ts';

/** A keyboard shortcut as keycaps ("⌘ K", "G then M"). */
export function Kbd({ keys }: { keys: string }) {
  const parts = describeKeys(keys);
  const sequence = keys.includes(' ');
  return (
    <span className="inline-flex items-center gap-1 text-xs text-muted">
      {parts.map((part, index) => (
        <span key={`${part}-${index}`} className="inline-flex items-center gap-1">
          {sequence && index > 0 && <span>then</span>}
          <kbd className="inline-flex min-w-5 items-center justify-center rounded border border-border bg-surface-muted px-1 font-mono text-[0.7rem] text-foreground">
            {part}
          </kbd>
        </span>
      ))}
    </span>
  );
}
