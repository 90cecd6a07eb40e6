import { useEffect, useId, useRef, useState } from 'react';
import { Search, X } from 'lucide-react';
import { cn } from '@/lib/cn.ts';
import { inputClasses } from '@/components/input.tsx';

interface SearchInputProps {
  label: string;
  value: string;
  /** Called with the trimmed text once typing pauses (one request per pause, not per key). */
  onChange(value: string): void;
  placeholder?: string;
  delayMs?: number;
  className?: string;
}

export function SearchInput({ label, value, onChange, placeholder, delayMs = 300, className }: SearchInputProps) {
  const id = useId();
  const [text, setText] = useState(value);
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  });

  // The value changed from outside (back button, "Clear filters"): show it. A value this input sent
  // itself is not copied back, so it cannot undo letters typed after it was sent.
  const [shown, setShown] = useState(value);
  const [sent, setSent] = useState(value);
  if (value !== shown) {
    setShown(value);
    if (value !== sent) setText(value);
  }

  function send(next: string) {
    setSent(next);
    latest.current(next);
  }

  useEffect(() => {
    if (text.trim() === value) return;
    const timer = window.setTimeout(() => {
      setSent(text.trim());
      latest.current(text.trim());
    }, delayMs);
    return () => window.clearTimeout(timer);
  }, [text, value, delayMs]);

  return (
    <div className={cn('grid min-w-56 flex-1 gap-1 sm:max-w-xs', className)}>
      <label htmlFor={id} className="text-sm font-semibold">
        {label}
      </label>
      <div className="relative">
        <Search
          className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted"
          aria-hidden="true"
        />
        <input
          id={id}
          type="search"
          value={text}
          placeholder={placeholder}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') send(text.trim());
          }}
          className={cn(inputClasses, 'pr-9 pl-9 [&::-webkit-search-cancel-button]:hidden')}
        />
        {text && (
          <button
            type="button"
            aria-label={`Clear ${label.toLowerCase()}`}
            onClick={() => {
              setText('');
              send('');
            }}
            className="absolute top-1/2 right-1 inline-flex size-8 -translate-y-1/2 cursor-pointer items-center justify-center rounded-md text-muted hover:text-foreground"
          >
            <X className="size-4" aria-hidden="true" />
          </button>
        )}
      </div>
    </div>
  );
}
