// React Router's functional `setSearchParams` starts from the params of the last render, and the
// router commits navigations inside a transition, so two quick changes (pick a filter, then another
// before the page re-renders) would lose the first. This hook starts each change from the last one it
// asked for until the router has caught up.
import { useCallback, useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';

export function useUpdateSearchParams() {
  const [params, setParams] = useSearchParams();
  const pending = useRef<URLSearchParams | null>(null);

  useEffect(() => {
    pending.current = null;
  }, [params]);

  return useCallback(
    (change: (next: URLSearchParams) => void) => {
      const next = new URLSearchParams(pending.current ?? params);
      change(next);
      pending.current = next;
      setParams(next, { replace: true });
    },
    [params, setParams],
  );
}
