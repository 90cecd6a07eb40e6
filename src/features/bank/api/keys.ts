import { orgKey } from '@/lib/current-org.ts';

/** Everything of the org's bank accounts and statements (invalidated together after an action). */
export const bankKey = (orgId: string) => [...orgKey(orgId), 'bank'] as const;
