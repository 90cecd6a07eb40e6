import { useEffect, useState } from 'react';

/** The current time, re-read every `everyMs` (a clock for "due in 5 min" labels; it fetches nothing). */
export function useNow(everyMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
