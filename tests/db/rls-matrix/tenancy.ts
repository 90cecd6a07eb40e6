// RLS matrix lines for tenancy and administration (organisations, members, invitations,
// audit log, notifications, outbox).
import { all, none, type MatrixEntry } from './entry.ts';

export const TENANCY: MatrixEntry[] = [
  {
    table: 'organizations',
    probe: (f, org) => ({ id: f.orgs[org].id }),
    update: { locale: 'en-GB' },
    // Every member reads the org's name and settings; owners and admins change them; owners delete.
    allow: { ...all('S'), owner: 'SUD', admin: 'SU' },
  },
  {
    table: 'memberships',
    // A colleague's membership (a viewer who is none of the acting users).
    probe: (f, org) => ({ org_id: f.orgs[org].id, user_id: f.orgs[org].colleague }),
    insert: (f, org) => ({ org_id: f.orgs[org].id, user_id: f.orgs[org].joiner, role: 'viewer' }),
    update: { role: 'sales' },
    allow: { ...none, owner: 'SIUD', admin: 'SIUD' },
  },
  {
    table: 'profiles',
    probe: (f, org) => ({ id: f.orgs[org].colleague }),
    update: { full_name: 'Renamed' },
    // Colleagues are visible (pickers, assignees); only the person edits their profile.
    allow: all('S'),
  },
  {
    table: 'invitations',
    probe: (f, org) => ({ id: f.orgs[org].invitation }),
    update: { revoked_at: '2030-01-01T00:00:00Z' },
    // Created only through create_invitation(); owners and admins read and revoke.
    allow: { ...none, owner: 'SU', admin: 'SU' },
  },
  {
    table: 'audit_log',
    probe: (f, org) => ({ id: String(f.orgs[org].auditEntry) }),
    update: { action: 'DELETE' },
    allow: { ...none, owner: 'S', admin: 'S', manager: 'S', accountant: 'S' },
  },
  {
    table: 'notifications',
    // Each person's own notification: they read it and mark it read.
    probe: (f, org, user) => ({ id: f.orgs[org].notifications[user] }),
    update: { read_at: '2030-01-01T00:00:00Z' },
    allow: all('SU'),
  },
  {
    table: 'email_outbox',
    probe: (f, org) => ({ id: f.orgs[org].email }),
    update: { status: 'sent' },
    allow: { ...none, owner: 'S', admin: 'S' },
  },
];
