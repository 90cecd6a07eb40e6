// Accounting → Chart of accounts: every account grouped by type, searchable by code or name and
// filtered by type and status (in the URL), exported as CSV, added and edited by those who
// keep the books.
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { BookOpen, Download, Plus, SearchX } from 'lucide-react';
import { Button } from '@/components/button.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { SearchInput } from '@/components/search-input.tsx';
import { Select } from '@/components/select.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { downloadCsv } from '@/lib/csv.ts';
import { can } from '@/lib/roles.ts';
import { useUpdateSearchParams } from '@/lib/use-update-search-params.ts';
import { useGlAccounts, type GlAccount } from '../api/gl-accounts.ts';
import { ACCOUNT_ROLE_LABELS, ACCOUNT_TYPE_LABELS, ACCOUNT_TYPE_SINGULAR, ACCOUNT_TYPES } from '../schemas/account.ts';
import { AccountDialog } from './account-dialog.tsx';
import { AccountTypeSection } from './account-type-section.tsx';

function matches(a: GlAccount, q: string, type: string, show: string): boolean {
  if (type !== 'all' && a.type !== type) return false;
  if (show === 'active' && !a.active) return false;
  if (show === 'inactive' && a.active) return false;
  if (!q) return true;
  const text = q.toLowerCase();
  return a.code.toLowerCase().includes(text) || a.name.toLowerCase().includes(text);
}

export function ChartOfAccountsPage() {
  const { org, role } = useCurrentOrg();
  const accounts = useGlAccounts(org.id);
  const [params] = useSearchParams();
  const update = useUpdateSearchParams();
  const [editing, setEditing] = useState<GlAccount | 'new' | null>(null);
  const canWrite = can(role, 'accounting.write');
  const q = params.get('q') ?? '';
  const type = params.get('type') ?? 'all';
  const show = params.get('show') ?? 'all';
  const setParam = (key: string, value: string, fallback: string) =>
    update((p) => {
      if (value && value !== fallback) p.set(key, value);
      else p.delete(key);
    });
  const filtered = (accounts.data ?? []).filter((a) => matches(a, q, type, show));
  const byId = new Map((accounts.data ?? []).map((a) => [a.id, a]));
  const hasFilters = q !== '' || type !== 'all' || show !== 'all';

  function exportCsv() {
    downloadCsv(`chart-of-accounts-${new Date().toISOString().slice(0, 10)}`, filtered, [
      { header: 'Code', value: (a) => a.code },
      { header: 'Name', value: (a) => a.name },
      { header: 'Type', value: (a) => ACCOUNT_TYPE_SINGULAR[a.type] },
      { header: 'Parent', value: (a) => (a.parent_id ? byId.get(a.parent_id)?.code : '') },
      { header: 'Role', value: (a) => (a.role ? (ACCOUNT_ROLE_LABELS[a.role] ?? a.role) : '') },
      { header: 'Reconcilable', value: (a) => (a.reconcilable ? 'yes' : 'no') },
      { header: 'Active', value: (a) => (a.active ? 'yes' : 'no') },
    ]);
  }

  return (
    <>
      <PageHeader
        title="Chart of accounts"
        description="The accounts the books are kept in, by type. Automatic postings use the accounts with a role."
        actions={
          <>
            <Button size="sm" variant="secondary" onClick={exportCsv} disabled={!accounts.data}>
              <Download className="size-4" aria-hidden="true" /> Export CSV
            </Button>
            {canWrite && (
              <Button size="sm" onClick={() => setEditing('new')}>
                <Plus className="size-4" aria-hidden="true" /> New account
              </Button>
            )}
          </>
        }
      />
      <div className="mb-4 flex flex-wrap items-end gap-2 rounded-xl border border-border bg-surface p-3 sm:p-4">
        <SearchInput
          label="Search accounts"
          value={q}
          onChange={(v) => setParam('q', v, '')}
          placeholder="Code or name…"
          className="w-64"
        />
        <label className="grid gap-1 text-xs text-muted">
          Type
          <Select
            size="sm"
            value={type}
            onValueChange={(v) => setParam('type', v, 'all')}
            options={[
              { value: 'all', label: 'All types', textValue: 'All types' },
              ...ACCOUNT_TYPES.map((t) => ({
                value: t,
                label: ACCOUNT_TYPE_LABELS[t],
                textValue: ACCOUNT_TYPE_LABELS[t],
              })),
            ]}
            className="w-40"
          />
        </label>
        <label className="grid gap-1 text-xs text-muted">
          Show
          <Select
            size="sm"
            value={show}
            onValueChange={(v) => setParam('show', v, 'all')}
            options={[
              { value: 'all', label: 'Active and inactive', textValue: 'Active and inactive' },
              { value: 'active', label: 'Active', textValue: 'Active' },
              { value: 'inactive', label: 'Inactive', textValue: 'Inactive' },
            ]}
            className="w-44"
          />
        </label>
      </div>
      {accounts.isPending ? (
        <LoadingState label="Loading the chart of accounts…" />
      ) : accounts.isError ? (
        <ErrorState error={accounts.error} onRetry={() => accounts.refetch()} />
      ) : filtered.length === 0 ? (
        <div className="rounded-xl border border-border bg-surface">
          <EmptyState
            icon={hasFilters ? SearchX : BookOpen}
            title={hasFilters ? 'No accounts match' : 'No accounts yet'}
            action={
              hasFilters ? (
                <Button
                  variant="secondary"
                  onClick={() => update((p) => ['q', 'type', 'show'].forEach((k) => p.delete(k)))}
                >
                  Clear filters
                </Button>
              ) : undefined
            }
          />
        </div>
      ) : (
        <div className="grid gap-4">
          {ACCOUNT_TYPES.map((t) => {
            const ofType = filtered.filter((a) => a.type === t);
            return ofType.length === 0 ? null : (
              <AccountTypeSection
                key={t}
                title={ACCOUNT_TYPE_LABELS[t]}
                accounts={ofType}
                byId={byId}
                canWrite={canWrite}
                onEdit={setEditing}
              />
            );
          })}
        </div>
      )}
      {editing && (
        <AccountDialog
          key={editing === 'new' ? 'new' : editing.id}
          open
          onOpenChange={(open) => !open && setEditing(null)}
          account={editing === 'new' ? undefined : editing}
          accounts={accounts.data ?? []}
        />
      )}
    </>
  );
}
