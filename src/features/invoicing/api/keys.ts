import { orgKey } from '@/lib/current-org.ts';

/** Everything invoicing caches for an organisation (one invalidation refreshes it all). */
export const invoicingKey = (orgId: string) => [...orgKey(orgId), 'invoicing'] as const;
