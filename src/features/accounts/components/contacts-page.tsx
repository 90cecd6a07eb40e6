// Contacts as a list: search, CSV export of the filtered list, and CSV import (all rows
// or none; the account is given by name) for the roles that write contacts.
import { useState } from 'react';
import { Link } from 'react-router';
import { Contact, Download, SearchX, Upload } from 'lucide-react';
import { Button } from '@/components/button.tsx';
import { CsvImportDialog } from '@/components/csv-import-dialog.tsx';
import { DataTable, dataTableColumns } from '@/components/data-table.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { SearchInput } from '@/components/search-input.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { downloadCsv } from '@/lib/csv.ts';
import { errorMessage } from '@/lib/errors.ts';
import { can } from '@/lib/roles.ts';
import { useSupabase } from '@/lib/supabase.ts';
import { useServerTableState } from '@/lib/table-state.ts';
import {
  CONTACT_SORTABLE,
  fetchContacts,
  useContacts,
  useImportContacts,
  type ContactFilter,
  type ContactRow,
} from '../api/contacts.ts';
import { CONTACT_IMPORT_FIELDS, contactImportRow } from '../schemas/contact-import.ts';

const col = dataTableColumns<ContactRow>();
const columns = [
  col.accessor('last_name', {
    header: 'Name',
    enableSorting: true,
    cell: ({ row }) => (
      <Link to={`/contacts/${row.original.id}`} className="font-medium hover:underline">
        {row.original.full_name ?? row.original.email}
      </Link>
    ),
  }),
  col.display({
    id: 'account',
    header: 'Account',
    cell: ({ row }) =>
      row.original.account ? <Link to={`/accounts/${row.original.account.id}`}>{row.original.account.name}</Link> : '—',
  }),
  col.display({ id: 'title', header: 'Title', cell: ({ row }) => row.original.title ?? '—' }),
  col.display({ id: 'email', header: 'E-mail', cell: ({ row }) => row.original.email ?? '—' }),
  col.display({ id: 'phone', header: 'Phone', cell: ({ row }) => row.original.phone ?? row.original.mobile ?? '—' }),
];

export function ContactsPage() {
  const { org, role } = useCurrentOrg();
  const supabase = useSupabase();
  const table = useServerTableState<ContactFilter>({
    sortable: CONTACT_SORTABLE,
    defaultSort: { id: 'last_name', desc: false },
    filterKeys: ['q'],
  });
  const list = useContacts(org.id, table.state);
  const importer = useImportContacts(org.id);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const canWrite = can(role, 'contacts.write');
  return (
    <>
      <PageHeader
        title="Contacts"
        actions={
          <>
            <Button
              size="sm"
              variant="secondary"
              busy={exporting}
              onClick={async () => {
                setExporting(true);
                try {
                  const { rows } = await fetchContacts(supabase, org.id, table.state, true);
                  downloadCsv(`contacts-${new Date().toISOString().slice(0, 10)}`, rows, [
                    { header: 'First name', value: (r) => r.first_name },
                    { header: 'Last name', value: (r) => r.last_name },
                    { header: 'Account', value: (r) => r.account?.name },
                    { header: 'Title', value: (r) => r.title },
                    { header: 'E-mail', value: (r) => r.email },
                    { header: 'Phone', value: (r) => r.phone },
                    { header: 'Mobile', value: (r) => r.mobile },
                  ]);
                } catch (error) {
                  toast.error(`Could not export: ${errorMessage(error)}`);
                } finally {
                  setExporting(false);
                }
              }}
            >
              <Download className="size-4" aria-hidden="true" /> Export CSV
            </Button>
            {canWrite && (
              <Button size="sm" variant="secondary" onClick={() => setImporting(true)}>
                <Upload className="size-4" aria-hidden="true" /> Import CSV
              </Button>
            )}
          </>
        }
      />
      <DataTable
        caption="Contacts"
        columns={columns}
        rows={list.data?.rows}
        rowCount={list.data?.count}
        getRowId={(r) => r.id}
        sorting={table.state.sorting}
        onSortingChange={table.setSorting}
        pagination={table.state}
        onPaginationChange={table.setPagination}
        query={list}
        toolbar={
          <SearchInput
            label="Search contacts"
            value={table.state.filters.q ?? ''}
            onChange={(v) => table.setFilter('q', v)}
            placeholder="Name, e-mail, phone…"
            className="w-64"
          />
        }
        empty={
          <EmptyState
            icon={table.hasFilters ? SearchX : Contact}
            title={table.hasFilters ? 'No contacts match' : 'No contacts yet'}
            description={table.hasFilters ? undefined : 'Add contacts on an account’s page.'}
          />
        }
      />
      {canWrite && (
        <CsvImportDialog
          open={importing}
          onOpenChange={setImporting}
          title="Import contacts"
          noun="contacts"
          fields={CONTACT_IMPORT_FIELDS}
          rowSchema={contactImportRow}
          onImport={(rows) => importer.mutateAsync(rows)}
        />
      )}
    </>
  );
}
