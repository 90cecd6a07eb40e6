// The customer master as a list: search, filters, CSV export of the filtered list, CSV
// import (all rows or none), and new accounts.
import { useState } from 'react';
import { Link } from 'react-router';
import { Download, Plus, SearchX, Upload, Users2 } from 'lucide-react';
import { Badge } from '@/components/badge.tsx';
import { Button } from '@/components/button.tsx';
import { CsvImportDialog } from '@/components/csv-import-dialog.tsx';
import { DataTable, dataTableColumns } from '@/components/data-table.tsx';
import { Dialog } from '@/components/dialog.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { SearchInput } from '@/components/search-input.tsx';
import { Select } from '@/components/select.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { downloadCsv } from '@/lib/csv.ts';
import { errorMessage } from '@/lib/errors.ts';
import { can } from '@/lib/roles.ts';
import { useSupabase } from '@/lib/supabase.ts';
import { useServerTableState } from '@/lib/table-state.ts';
import {
  ACCOUNT_SORTABLE,
  fetchAccounts,
  useAccounts,
  useImportAccounts,
  useSaveAccount,
  type AccountFilter,
  type AccountRow,
} from '../api/accounts.ts';
import { ACCOUNT_IMPORT_FIELDS, accountImportRow } from '../schemas/account.ts';
import { AccountForm } from './account-form.tsx';

const FILTER_KEYS: readonly AccountFilter[] = ['q', 'role', 'tag', 'owner', 'archived'];
const DEFAULT_SORT = { id: 'name', desc: false };

const col = dataTableColumns<AccountRow>();
const columns = [
  col.accessor('name', {
    header: 'Name',
    enableSorting: true,
    cell: ({ row }) => (
      <Link to={`/accounts/${row.original.id}`} className="font-medium hover:underline">
        {row.original.name}
      </Link>
    ),
  }),
  col.display({
    id: 'roles',
    header: 'Role',
    cell: ({ row }) => (
      <span className="flex gap-1">
        {row.original.is_customer && <Badge tone="info">Customer</Badge>}
        {row.original.is_supplier && <Badge>Supplier</Badge>}
      </span>
    ),
  }),
  col.display({ id: 'email', header: 'E-mail', cell: ({ row }) => row.original.email ?? '—' }),
  col.display({ id: 'phone', header: 'Phone', cell: ({ row }) => row.original.phone ?? '—' }),
  col.display({ id: 'owner', header: 'Owner', cell: ({ row }) => row.original.owner?.full_name ?? '—' }),
  col.display({ id: 'tags', header: 'Tags', cell: ({ row }) => row.original.tags.join(', ') }),
];

export function AccountsPage() {
  const { org, role } = useCurrentOrg();
  const supabase = useSupabase();
  const table = useServerTableState<AccountFilter>({
    sortable: ACCOUNT_SORTABLE,
    defaultSort: DEFAULT_SORT,
    filterKeys: FILTER_KEYS,
  });
  const list = useAccounts(org.id, table.state);
  const importer = useImportAccounts(org.id);
  const save = useSaveAccount(org.id);
  const [importing, setImporting] = useState(false);
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);
  const canWrite = can(role, 'accounts.write');

  async function exportCsv() {
    setExporting(true);
    try {
      const { rows } = await fetchAccounts(supabase, org.id, table.state, { all: true });
      downloadCsv(`accounts-${new Date().toISOString().slice(0, 10)}`, rows, [
        { header: 'Name', value: (r) => r.name },
        { header: 'Kind', value: (r) => r.kind },
        { header: 'E-mail', value: (r) => r.email },
        { header: 'Website', value: (r) => r.website },
        { header: 'Phone', value: (r) => r.phone },
        { header: 'Tax ID', value: (r) => r.tax_id },
        { header: 'Currency', value: (r) => r.currency },
        { header: 'Payment terms (days)', value: (r) => r.payment_terms_days },
        { header: 'Credit limit', value: (r) => r.credit_limit },
        { header: 'Customer', value: (r) => r.is_customer },
        { header: 'Supplier', value: (r) => r.is_supplier },
        { header: 'Owner', value: (r) => r.owner?.full_name },
        { header: 'Tags', value: (r) => r.tags.join(', ') },
      ]);
    } catch (error) {
      toast.error(`Could not export: ${errorMessage(error)}`);
    } finally {
      setExporting(false);
    }
  }

  return (
    <>
      <PageHeader
        title="Accounts"
        description="Customers and suppliers: one record per party, shared by sales, purchasing and accounting."
        actions={
          <>
            <Button size="sm" variant="secondary" onClick={exportCsv} busy={exporting}>
              <Download className="size-4" aria-hidden="true" /> Export CSV
            </Button>
            {canWrite && (
              <>
                <Button size="sm" variant="secondary" onClick={() => setImporting(true)}>
                  <Upload className="size-4" aria-hidden="true" /> Import CSV
                </Button>
                <Button size="sm" onClick={() => setCreating(true)}>
                  <Plus className="size-4" aria-hidden="true" /> New account
                </Button>
              </>
            )}
          </>
        }
      />
      <DataTable
        caption="Accounts"
        columns={columns}
        rows={list.data?.rows}
        rowCount={list.data?.count}
        getRowId={(row) => row.id}
        sorting={table.state.sorting}
        onSortingChange={table.setSorting}
        pagination={table.state}
        onPaginationChange={table.setPagination}
        query={list}
        toolbar={
          <div className="flex flex-wrap items-end gap-2">
            <SearchInput
              label="Search accounts"
              value={table.state.filters.q ?? ''}
              onChange={(v) => table.setFilter('q', v)}
              placeholder="Name, e-mail, domain, phone…"
              className="w-64"
            />
            <label className="grid gap-1 text-xs text-muted">
              Role
              <Select
                size="sm"
                value={table.state.filters.role ?? 'all'}
                onValueChange={(v) => table.setFilter('role', v === 'all' ? null : v)}
                options={[
                  { value: 'all', label: 'All', textValue: 'All' },
                  { value: 'customer', label: 'Customers', textValue: 'Customers' },
                  { value: 'supplier', label: 'Suppliers', textValue: 'Suppliers' },
                ]}
                className="w-36"
              />
            </label>
            <label className="grid gap-1 text-xs text-muted">
              Show
              <Select
                size="sm"
                value={table.state.filters.archived ?? 'no'}
                onValueChange={(v) => table.setFilter('archived', v === 'no' ? null : v)}
                options={[
                  { value: 'no', label: 'Active', textValue: 'Active' },
                  { value: 'yes', label: 'Archived', textValue: 'Archived' },
                ]}
                className="w-32"
              />
            </label>
          </div>
        }
        empty={
          <EmptyState
            icon={table.hasFilters ? SearchX : Users2}
            title={table.hasFilters ? 'No accounts match' : 'No accounts yet'}
            description={
              table.hasFilters ? undefined : 'Add your customers and suppliers, or import them from a CSV file.'
            }
            action={
              table.hasFilters ? (
                <Button variant="secondary" onClick={table.clearFilters}>
                  Clear filters
                </Button>
              ) : undefined
            }
          />
        }
      />
      <CsvImportDialog
        open={importing}
        onOpenChange={setImporting}
        title="Import accounts"
        noun="accounts"
        fields={ACCOUNT_IMPORT_FIELDS}
        rowSchema={accountImportRow}
        onImport={(rows) => importer.mutateAsync(rows)}
      />
      <Dialog
        open={creating}
        onOpenChange={setCreating}
        title="New account"
        size="lg"
        footer={
          <>
            <Button variant="secondary" onClick={() => setCreating(false)}>
              Cancel
            </Button>
            <Button type="submit" form="new-account">
              Create account
            </Button>
          </>
        }
      >
        <AccountForm
          formId="new-account"
          canEdit
          onSave={async (values) => {
            await save.mutateAsync({ values });
            toast.success(`Account “${values.name}” created`);
            setCreating(false);
          }}
        />
      </Dialog>
    </>
  );
}
