import { describe, expect, it } from 'vitest';
import { parseAuthRedirect } from '@/lib/auth-redirect.ts';
import { assignableRoles, invitableRoles } from '@/lib/roles.ts';
import { ilikeContains } from '@/lib/table-state.ts';
import { summarizeEntry } from '@/features/audit-log/api/audit-log.ts';
import { slugify } from '@/features/organizations/schemas/organization.ts';

describe('role rules mirrored from the database', () => {
  it('lets owners give any role, admins any but owner, and nobody raise their own rank', () => {
    expect(assignableRoles('owner', 'sales', false)).toEqual([
      'owner',
      'admin',
      'manager',
      'sales',
      'support',
      'warehouse',
      'accountant',
      'viewer',
    ]);
    expect(assignableRoles('admin', 'sales', false)).toEqual([
      'admin',
      'manager',
      'sales',
      'support',
      'warehouse',
      'accountant',
      'viewer',
    ]);
    expect(assignableRoles('admin', 'owner', false)).toEqual([]);
    // An admin changing their own membership: nothing above admin.
    expect(assignableRoles('admin', 'admin', true)).toEqual([
      'admin',
      'manager',
      'sales',
      'support',
      'warehouse',
      'accountant',
      'viewer',
    ]);
    expect(assignableRoles('manager', 'viewer', false)).toEqual([]);
    expect(invitableRoles('admin')).not.toContain('owner');
    expect(invitableRoles('owner')).toContain('owner');
    expect(invitableRoles('accountant')).toEqual([]);
  });
});

describe('ilikeContains', () => {
  it('quotes the value for a PostgREST logic tree and matches LIKE wildcards literally', () => {
    expect(ilikeContains('ada')).toBe('"*ada*"');
    expect(ilikeContains('a,b(c)')).toBe('"*a,b(c)*"');
    expect(ilikeContains('50%_off')).toBe('"*50\\\\%\\\\_off*"');
    expect(ilikeContains('say "hi"')).toBe('"*say \\"hi\\"*"');
    expect(ilikeContains('a*b')).toBe('"*ab*"');
  });
});

describe('audit summaries', () => {
  it('describes what changed', () => {
    expect(summarizeEntry({ action: 'UPDATE', changes: { role: { old: 'sales', new: 'manager' } } })).toBe(
      'role: sales → manager',
    );
    expect(
      summarizeEntry({
        action: 'INSERT',
        changes: {
          org_id: { old: null, new: 'x' },
          role: { old: null, new: 'owner' },
          user_id: { old: null, new: 'u' },
        },
      }),
    ).toBe('role: owner');
    expect(
      summarizeEntry({
        action: 'INSERT',
        changes: {
          name: { old: null, new: 'A' },
          slug: { old: null, new: 'a' },
          locale: { old: null, new: 'en-US' },
          time_zone: { old: null, new: 'UTC' },
        },
      }),
    ).toBe('name: A; slug: a; locale: en-US; and 1 more');
    expect(summarizeEntry({ action: 'DELETE', changes: { role: { old: 'viewer', new: null } } })).toBe(
      'Removed (was viewer)',
    );
    expect(summarizeEntry({ action: 'ERASE', changes: {} })).toBe('Personal data erased');
    expect(summarizeEntry({ action: 'UPDATE', changes: { updated_at: { old: 1, new: 2 } } })).toBe('Changed');
  });
});

describe('parseAuthRedirect', () => {
  it('reads the type of a session from the fragment, and an error from the fragment or the query', () => {
    expect(
      parseAuthRedirect('http://app.test/invitations/accept?org=o&token=t#access_token=a&refresh_token=r&type=invite'),
    ).toEqual({
      type: 'invite',
      error: null,
      errorCode: null,
    });
    expect(
      parseAuthRedirect(
        'http://app.test/reset-password#error=access_denied&error_code=otp_expired&error_description=Email+link+is+invalid+or+has+expired',
      ),
    ).toEqual({ type: null, error: 'Email link is invalid or has expired', errorCode: 'otp_expired' });
    expect(parseAuthRedirect('http://app.test/?type=invite')).toEqual({ type: null, error: null, errorCode: null });
  });
});

describe('slugify', () => {
  it('makes a valid short name', () => {
    expect(slugify('Acme Trading GmbH & Co.')).toBe('acme-trading-gmbh-co');
    expect(slugify('  Café Müller  ')).toBe('cafe-muller');
    expect(slugify('x'.repeat(80))).toHaveLength(63);
  });
});
