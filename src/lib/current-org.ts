// The organisation the user is working in. A member of two organisations sees both under RLS, so every
// org-scoped query filters by this org's id as well (DESIGN.md section 2), and every such query key
// starts with orgKey(orgId) so switching organisation never shows the other one's cached rows.
import { createContext, useContext } from 'react';
import type { Database } from '@/lib/database.types.ts';
import type { AppRole } from '@/lib/roles.ts';

export type Organization = Database['public']['Tables']['organizations']['Row'];

export interface OrgMembership {
  role: AppRole;
  organization: Organization;
}

export interface CurrentOrg {
  org: Organization;
  role: AppRole;
  /** Every organisation the user belongs to, by name. */
  memberships: OrgMembership[];
  /** Makes another of the user's organisations the current one (remembered per user). */
  switchOrg(orgId: string): void;
}

export const CurrentOrgContext = createContext<CurrentOrg | null>(null);

export function useCurrentOrg(): CurrentOrg {
  const value = useContext(CurrentOrgContext);
  if (!value) throw new Error('useCurrentOrg() is only for screens inside the app shell (src/app/shell).');
  return value;
}

/** Query-key prefix of everything that belongs to one organisation. */
export function orgKey(orgId: string) {
  return ['org', orgId] as const;
}

/** Query key of the signed-in user's memberships (with their organisations). */
export function myMembershipsKey(userId: string) {
  return ['me', userId, 'memberships'] as const;
}

/** Query key of the signed-in user's own profile row. */
export function myProfileKey(userId: string) {
  return ['me', userId, 'profile'] as const;
}

const storageKey = (userId: string) => `ledgerline:current-org:${userId}`;

export function readStoredOrgId(userId: string): string | null {
  try {
    return window.localStorage.getItem(storageKey(userId));
  } catch {
    return null;
  }
}

export function storeOrgId(userId: string, orgId: string): void {
  try {
    window.localStorage.setItem(storageKey(userId), orgId);
  } catch {
    // No storage: profiles.default_org_id still remembers it across devices.
  }
}
