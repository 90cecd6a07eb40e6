// Loads the code of the pages people open most (the deal board, leads, stock) once the shell
// is idle, so the first visit to them does not wait for their chunks: hashed chunks are cached
// for good, so this costs one download per release. Only pages the role may open.
import { useEffect } from 'react';
import type { AppRole } from '@/lib/roles.ts';
import { can } from '@/lib/roles.ts';

const PAGES = [
  { permission: 'deals.read', load: () => import('@/features/deals/components/deal-board-page.tsx') },
  { permission: 'leads.read', load: () => import('@/features/leads/components/leads-page.tsx') },
  { permission: 'stock.read', load: () => import('@/features/stock/components/stock-page.tsx') },
] as const;

export function usePrefetchPages(role: AppRole) {
  useEffect(() => {
    const idle = window.requestIdleCallback ?? ((run: () => void) => window.setTimeout(run, 1500));
    const cancel = window.cancelIdleCallback ?? window.clearTimeout;
    const handle = idle(() => {
      for (const page of PAGES) if (can(role, page.permission)) void page.load().catch(() => undefined);
    });
    return () => cancel(handle);
  }, [role]);
}
