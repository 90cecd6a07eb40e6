// People: the departments (with the manager who approves their time) and the employees (linked to
// a member's login where they have one, by name, department and whether active, in the URL). Owners,
// admins and managers edit them; accountants read them. Cost rates are shown and edited only for
// the roles their own policy lets read them (owners, admins, accountants).
import { useState } from 'react';
import { Building, Pencil, Plus, SearchX, UsersRound, Wallet } from 'lucide-react';
import { Badge } from '@/components/badge.tsx';
import { Button } from '@/components/button.tsx';
import { Card } from '@/components/card.tsx';
import { DataTable, dataTableColumns } from '@/components/data-table.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { SearchInput } from '@/components/search-input.tsx';
import { Select } from '@/components/select.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { formatDate } from '@/lib/format.ts';
import { formatMoney } from '@/lib/money.ts';
import { personName, useOrgPeople } from '@/lib/org-people.ts';
import { can } from '@/lib/roles.ts';
import { useServerTableState } from '@/lib/table-state.ts';
import {
  EMPLOYEE_SORTABLE,
  useDepartments,
  useEmployees,
  type EmployeeFilter,
  type EmployeeRow,
} from '../api/people.ts';
import type { Department, Employee } from '../schemas/people.ts';
import { CostRatesDialog } from './cost-rates-dialog.tsx';
import { DepartmentDialog } from './department-dialog.tsx';
import { EmployeeDialog } from './employee-dialog.tsx';

const FILTER_KEYS: readonly EmployeeFilter[] = ['q', 'department', 'active'];
const DEFAULT_SORT = { id: 'full_name', desc: false };

export function PeoplePage() {
  const { org, role } = useCurrentOrg();
  const canWrite = can(role, 'people.write');
  const seesCosts = can(role, 'cost_rates.manage');
  const departments = useDepartments(org.id);
  const people = useOrgPeople(org.id);
  const table = useServerTableState<EmployeeFilter>({
    sortable: EMPLOYEE_SORTABLE,
    defaultSort: DEFAULT_SORT,
    filterKeys: FILTER_KEYS,
  });
  const employees = useEmployees(org.id, table.state);
  const [department, setDepartment] = useState<Department | 'new' | null>(null);
  const [employee, setEmployee] = useState<Employee | 'new' | null>(null);
  const [rates, setRates] = useState<Employee | null>(null);
  const memberName = (userId: string | null) => (userId ? personName(people.data?.find((p) => p.id === userId)) : null);

  const col = dataTableColumns<EmployeeRow>();
  const columns = [
    col.accessor('full_name', {
      header: 'Name',
      enableSorting: true,
      cell: ({ row }) => (
        <span className="grid">
          <span className="font-medium">{row.original.full_name}</span>
          {row.original.job_title && <span className="text-xs text-muted">{row.original.job_title}</span>}
        </span>
      ),
    }),
    col.display({
      id: 'login',
      header: 'Login',
      cell: ({ row }) =>
        row.original.user_id ? (
          <span className="grid">
            {memberName(row.original.user_id)}
            {row.original.email && <span className="text-xs text-muted">{row.original.email}</span>}
          </span>
        ) : (
          <span className="text-muted">No login</span>
        ),
    }),
    col.display({ id: 'department', header: 'Department', cell: ({ row }) => row.original.department?.name ?? '—' }),
    col.display({
      id: 'bill_rate',
      header: 'Bill rate',
      meta: { className: 'text-right' },
      cell: ({ row }) => (
        <span className="tabular-nums">
          {row.original.bill_rate == null ? '—' : `${formatMoney(row.original.bill_rate, org.base_currency)} / h`}
        </span>
      ),
    }),
    col.accessor('hired_on', {
      header: 'Hired',
      enableSorting: true,
      cell: ({ row }) => formatDate(row.original.hired_on),
    }),
    col.display({
      id: 'active',
      header: 'Status',
      cell: ({ row }) =>
        row.original.active ? <Badge tone="success">Active</Badge> : <Badge tone="neutral">Inactive</Badge>,
    }),
    ...(canWrite || seesCosts
      ? [
          col.display({
            id: 'actions',
            header: 'Actions',
            meta: { className: 'text-right' },
            cell: ({ row }) => (
              <span className="flex justify-end gap-1">
                {seesCosts && (
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`Cost rates of ${row.original.full_name}`}
                    onClick={() => setRates(row.original)}
                  >
                    <Wallet className="size-4" aria-hidden="true" /> Cost rates
                  </Button>
                )}
                {canWrite && (
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`Edit ${row.original.full_name}`}
                    onClick={() => setEmployee(row.original)}
                  >
                    <Pencil className="size-4" aria-hidden="true" />
                  </Button>
                )}
              </span>
            ),
          }),
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title="People"
        description="Departments and employees: who logs time and expenses, and who approves them."
        actions={
          canWrite && (
            <>
              <Button size="sm" variant="secondary" onClick={() => setDepartment('new')}>
                <Building className="size-4" aria-hidden="true" /> New department
              </Button>
              <Button size="sm" onClick={() => setEmployee('new')}>
                <Plus className="size-4" aria-hidden="true" /> New employee
              </Button>
            </>
          )
        }
      />
      <div className="grid gap-6">
        <Card title="Departments" flush>
          {departments.isPending ? (
            <LoadingState label="Loading departments…" />
          ) : departments.isError ? (
            <ErrorState error={departments.error} onRetry={() => departments.refetch()} />
          ) : departments.data.length === 0 ? (
            <EmptyState
              icon={Building}
              title="No departments"
              description="Without departments, any manager approves anyone's time."
            />
          ) : (
            <table className="w-full text-sm">
              <caption className="sr-only">Departments</caption>
              <thead>
                <tr className="border-b border-border text-left text-xs text-muted">
                  <th scope="col" className="px-5 py-2 font-semibold">
                    Department
                  </th>
                  <th scope="col" className="py-2 pr-2 font-semibold">
                    Part of
                  </th>
                  <th scope="col" className="py-2 pr-2 font-semibold">
                    Manager (approves)
                  </th>
                  {canWrite && (
                    <th scope="col" className="px-5 py-2">
                      <span className="sr-only">Edit</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {departments.data.map((d) => (
                  <tr key={d.id} className="border-b border-border last:border-b-0">
                    <th scope="row" className="px-5 py-2 text-left font-medium">
                      {d.name}
                    </th>
                    <td className="py-2 pr-2">{departments.data.find((p) => p.id === d.parent_id)?.name ?? '—'}</td>
                    <td className="py-2 pr-2">{memberName(d.manager_user_id) ?? '—'}</td>
                    {canWrite && (
                      <td className="px-5 py-2 text-right">
                        <Button
                          size="sm"
                          variant="ghost"
                          aria-label={`Edit ${d.name}`}
                          onClick={() => setDepartment(d)}
                        >
                          <Pencil className="size-4" aria-hidden="true" />
                        </Button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
        <section aria-labelledby="employees-heading" className="grid gap-2">
          <h2 id="employees-heading" className="m-0 text-lg font-semibold">
            Employees
          </h2>
          <DataTable
            caption="Employees"
            columns={columns}
            rows={employees.data?.rows}
            rowCount={employees.data?.count}
            getRowId={(row) => row.id}
            sorting={table.state.sorting}
            onSortingChange={table.setSorting}
            pagination={table.state}
            onPaginationChange={table.setPagination}
            query={employees}
            toolbar={
              <div className="flex flex-wrap items-end gap-2">
                <SearchInput
                  label="Search by name"
                  value={table.state.filters.q ?? ''}
                  onChange={(v) => table.setFilter('q', v || null)}
                />
                <label className="grid gap-1 text-xs text-muted">
                  Department
                  <Select
                    size="sm"
                    className="w-48"
                    value={table.state.filters.department ?? 'all'}
                    onValueChange={(v) => table.setFilter('department', v === 'all' ? null : v)}
                    options={[
                      { value: 'all', label: 'Any', textValue: 'Any' },
                      { value: 'none', label: 'No department', textValue: 'No department' },
                      ...(departments.data ?? []).map((d) => ({ value: d.id, label: d.name, textValue: d.name })),
                    ]}
                  />
                </label>
                <label className="grid gap-1 text-xs text-muted">
                  Status
                  <Select
                    size="sm"
                    className="w-36"
                    value={table.state.filters.active ?? 'active'}
                    onValueChange={(v) => table.setFilter('active', v === 'active' ? null : v)}
                    options={[
                      { value: 'active', label: 'Active', textValue: 'Active' },
                      { value: 'inactive', label: 'Inactive', textValue: 'Inactive' },
                      { value: 'all', label: 'All', textValue: 'All' },
                    ]}
                  />
                </label>
              </div>
            }
            empty={
              <EmptyState
                icon={table.hasFilters ? SearchX : UsersRound}
                title={table.hasFilters ? 'No employees match' : 'No employees yet'}
                description={
                  table.hasFilters
                    ? undefined
                    : 'Add the people who log time, linked to their login where they have one.'
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
        </section>
      </div>
      {department && (
        <DepartmentDialog
          open={!!department}
          onOpenChange={(open) => !open && setDepartment(null)}
          department={department === 'new' ? undefined : department}
        />
      )}
      {employee && (
        <EmployeeDialog
          open={!!employee}
          onOpenChange={(open) => !open && setEmployee(null)}
          employee={employee === 'new' ? undefined : employee}
        />
      )}
      {rates && <CostRatesDialog open={!!rates} onOpenChange={(open) => !open && setRates(null)} employee={rates} />}
    </>
  );
}
