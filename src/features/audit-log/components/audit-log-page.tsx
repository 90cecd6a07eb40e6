import { useId, useMemo, useState } from 'react';
import { FilterX, ScrollText, SearchX } from 'lucide-react';
import { Badge, type BadgeTone } from '@/components/badge.tsx';
import { Button } from '@/components/button.tsx';
import { DataTable, dataTableColumns } from '@/components/data-table.tsx';
import { Dialog } from '@/components/dialog.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { Input } from '@/components/input.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { Select } from '@/components/select.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { formatDateTime } from '@/lib/format.ts';
import { useServerTableState } from '@/lib/table-state.ts';
import {
  AUDIT_ACTIONS,
  AUDIT_SORTABLE,
  AUDITED_TABLES,
  changedColumns,
  formatValue,
  summarizeEntry,
  useAuditLog,
  usePeople,
  type AuditEntry,
  type AuditFilter,
  type Person,
} from '@/features/audit-log/api/audit-log.ts';

const FILTER_KEYS: readonly AuditFilter[] = ['table', 'action', 'actor', 'from', 'to'];
const DEFAULT_SORT = { id: 'created_at', desc: true };

const ACTION_LABELS: Record<string, string> = {
  INSERT: 'Created',
  UPDATE: 'Changed',
  DELETE: 'Deleted',
  ERASE: 'Erased',
};
const ACTION_TONES: Record<string, BadgeTone> = {
  INSERT: 'success',
  UPDATE: 'info',
  DELETE: 'danger',
  ERASE: 'warning',
};
const TABLE_LABELS: Record<string, string> = {
  organizations: 'Organisation',
  memberships: 'Membership',
  invitations: 'Invitation',
  profiles: 'Profile',
};

interface Row {
  entry: AuditEntry;
  people: Map<string, Person>;
}

function personName(people: Map<string, Person>, id: string | null): string {
  if (!id) return 'System';
  const person = people.get(id);
  return person?.full_name || person?.email || `Former member (${id.slice(0, 8)})`;
}

function recordLabel({ entry, people }: Row): string {
  const table = TABLE_LABELS[entry.table_name] ?? entry.table_name;
  if (entry.table_name === 'memberships' || entry.table_name === 'profiles') {
    return `${table}: ${personName(people, entry.row_id)}`;
  }
  if (entry.table_name === 'invitations') {
    const email = changedColumns(entry).find((change) => change.column === 'email');
    return email ? `${table}: ${formatValue(email.new ?? email.old)}` : table;
  }
  return table;
}

function ChangesDialog({ row, onClose }: { row: Row | null; onClose(): void }) {
  const changes = row ? changedColumns(row.entry) : [];
  return (
    <Dialog
      open={row !== null}
      onOpenChange={(open) => !open && onClose()}
      title={row ? `${ACTION_LABELS[row.entry.action] ?? row.entry.action}: ${recordLabel(row)}` : 'Change'}
      description={
        row ? `${personName(row.people, row.entry.actor_id)} · ${formatDateTime(row.entry.created_at)}` : undefined
      }
      size="lg"
    >
      {changes.length === 0 ? (
        <p className="m-0 text-sm text-muted">No column values were recorded for this entry.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-sm">
            <caption className="sr-only">Changed values</caption>
            <thead>
              <tr className="border-b border-border text-left text-muted">
                <th scope="col" className="py-2 pr-4 font-semibold">
                  Field
                </th>
                <th scope="col" className="py-2 pr-4 font-semibold">
                  Before
                </th>
                <th scope="col" className="py-2 font-semibold">
                  After
                </th>
              </tr>
            </thead>
            <tbody>
              {changes.map((change) => (
                <tr key={change.column} className="border-b border-border last:border-b-0 align-top">
                  <th scope="row" className="py-2 pr-4 text-left font-mono text-xs font-normal">
                    {change.column}
                  </th>
                  <td className="py-2 pr-4 font-mono text-xs break-all">{formatValue(change.old)}</td>
                  <td className="py-2 font-mono text-xs break-all">{formatValue(change.new)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Dialog>
  );
}

function DateFilter({ label, value, onChange }: { label: string; value: string; onChange(value: string): void }) {
  const id = useId();
  return (
    <div className="grid gap-1">
      <label htmlFor={id} className="text-sm font-semibold">
        {label}
      </label>
      <Input id={id} type="date" value={value} onChange={(event) => onChange(event.target.value)} className="w-40" />
    </div>
  );
}

function FilterSelect({
  label,
  value,
  options,
  onChange,
  width = 'w-44',
}: {
  label: string;
  value: string | undefined;
  options: { value: string; label: string }[];
  onChange(value: string | null): void;
  width?: string;
}) {
  const id = useId();
  return (
    <div className={`grid gap-1 ${width}`}>
      <label htmlFor={id} className="text-sm font-semibold">
        {label}
      </label>
      <Select
        id={id}
        value={value ?? 'all'}
        onValueChange={(next) => onChange(next === 'all' ? null : next)}
        options={options}
      />
    </div>
  );
}

export function AuditLogPage() {
  const { org } = useCurrentOrg();
  const table = useServerTableState<AuditFilter>({
    sortable: AUDIT_SORTABLE,
    defaultSort: DEFAULT_SORT,
    filterKeys: FILTER_KEYS,
  });
  const log = useAuditLog(org.id, table.state);
  const people = usePeople(org.id);
  const [open, setOpen] = useState<Row | null>(null);

  const page = log.data;
  const rows = useMemo(() => page?.rows.map((entry) => ({ entry, people: page.people })), [page]);

  const columns = useMemo(() => {
    const column = dataTableColumns<Row>();
    return column.columns([
      column.accessor((row) => row.entry.created_at, {
        id: 'created_at',
        header: 'When',
        enableSorting: true,
        meta: { className: 'whitespace-nowrap' },
        cell: ({ getValue }) => formatDateTime(getValue()),
      }),
      column.display({
        id: 'actor',
        header: 'Who',
        cell: ({ row }) => personName(row.original.people, row.original.entry.actor_id),
      }),
      column.display({
        id: 'action',
        header: 'Action',
        cell: ({ row }) => (
          <Badge tone={ACTION_TONES[row.original.entry.action] ?? 'neutral'}>
            {ACTION_LABELS[row.original.entry.action] ?? row.original.entry.action}
          </Badge>
        ),
      }),
      column.display({ id: 'record', header: 'Record', cell: ({ row }) => recordLabel(row.original) }),
      column.display({
        id: 'changes',
        header: 'Changes',
        meta: { className: 'max-w-md' },
        cell: ({ row }) => (
          <button
            type="button"
            onClick={() => setOpen(row.original)}
            className="cursor-pointer text-left text-primary underline underline-offset-2 hover:decoration-2"
          >
            {summarizeEntry(row.original.entry)}
          </button>
        ),
      }),
    ]);
  }, []);

  const actorOptions = useMemo(
    () => [
      { value: 'all', label: 'Anyone' },
      ...(people.data ?? []).map((person) => ({
        value: person.id,
        label: person.full_name || person.email || person.id,
      })),
    ],
    [people.data],
  );

  return (
    <>
      <PageHeader
        title="Audit log"
        description={`Every change to ${org.name}'s records: who, when, and the values before and after.`}
      />
      <DataTable
        caption="Audit log"
        columns={columns}
        rows={rows}
        rowCount={log.data?.count}
        getRowId={(row) => String(row.entry.id)}
        sorting={table.state.sorting}
        onSortingChange={table.setSorting}
        pagination={table.state}
        onPaginationChange={table.setPagination}
        query={log}
        toolbar={
          <>
            <FilterSelect
              label="Record type"
              value={table.state.filters.table}
              onChange={(value) => table.setFilter('table', value)}
              options={[
                { value: 'all', label: 'All records' },
                ...AUDITED_TABLES.map((name) => ({ value: name, label: TABLE_LABELS[name] ?? name })),
              ]}
            />
            <FilterSelect
              label="Action"
              value={table.state.filters.action}
              onChange={(value) => table.setFilter('action', value)}
              options={[
                { value: 'all', label: 'All actions' },
                ...AUDIT_ACTIONS.map((action) => ({ value: action, label: ACTION_LABELS[action] ?? action })),
              ]}
              width="w-40"
            />
            <FilterSelect
              label="Who"
              value={table.state.filters.actor}
              onChange={(value) => table.setFilter('actor', value)}
              options={actorOptions}
              width="w-52"
            />
            <DateFilter
              label="From"
              value={table.state.filters.from ?? ''}
              onChange={(value) => table.setFilter('from', value)}
            />
            <DateFilter
              label="To"
              value={table.state.filters.to ?? ''}
              onChange={(value) => table.setFilter('to', value)}
            />
            {table.hasFilters && (
              <Button variant="ghost" onClick={table.clearFilters}>
                <FilterX className="size-4" aria-hidden="true" />
                Clear filters
              </Button>
            )}
          </>
        }
        empty={
          table.hasFilters ? (
            <EmptyState icon={SearchX} title="No changes match these filters" />
          ) : (
            <EmptyState
              icon={ScrollText}
              title="Nothing has changed yet"
              description="Changes to records appear here as they happen."
            />
          )
        }
      />
      <ChangesDialog row={open} onClose={() => setOpen(null)} />
    </>
  );
}
