import { orgKey } from '@/lib/current-org.ts';

/** Everything of the books of one organisation (invalidated together after a posting). */
export const accountingKey = (orgId: string) => [...orgKey(orgId), 'accounting'] as const;
