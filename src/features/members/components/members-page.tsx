import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Ellipsis, FilterX, LogOut, SearchX, Trash2, UserPlus, Users } from 'lucide-react';
import { Avatar } from '@/components/avatar.tsx';
import { Button } from '@/components/button.tsx';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import { DataTable, dataTableColumns } from '@/components/data-table.tsx';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from '@/components/dropdown-menu.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { SearchInput } from '@/components/search-input.tsx';
import { Select } from '@/components/select.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { formatDate } from '@/lib/format.ts';
import { assignableRoles, can, ROLE_LABELS, ROLES, type AppRole } from '@/lib/roles.ts';
import { useUser } from '@/lib/session.ts';
import { useServerTableState } from '@/lib/table-state.ts';
import {
  MEMBER_SORTABLE,
  useChangeRole,
  useMembers,
  useRemoveMember,
  type Member,
  type MemberFilter,
} from '@/features/members/api/members.ts';
import { InviteDialog } from '@/features/members/components/invite-dialog.tsx';
import { RoleBadge } from '@/features/members/components/role-badge.tsx';

const FILTER_KEYS: readonly MemberFilter[] = ['q', 'role'];
const DEFAULT_SORT = { id: 'created_at', desc: false };

function memberName(member: Member): string {
  return member.profile?.full_name || member.profile?.email || 'Unknown person';
}

function RoleCell({ member }: { member: Member }) {
  const { org, role } = useCurrentOrg();
  const user = useUser();
  const changeRole = useChangeRole(org.id, user.id);
  const isSelf = member.user_id === user.id;
  const options = assignableRoles(role, member.role, isSelf);

  if (options.length <= 1) return <RoleBadge role={member.role} />;
  return (
    <div className="w-40">
      <Select
        size="sm"
        aria-label={`Role of ${memberName(member)}`}
        value={member.role}
        disabled={changeRole.isPending}
        options={options.map((value) => ({ value, label: ROLE_LABELS[value] }))}
        onValueChange={(next) => {
          if (next === member.role) return;
          changeRole.mutate(
            { userId: member.user_id, role: next as AppRole },
            {
              onSuccess: () => toast.success(`${memberName(member)} is now ${ROLE_LABELS[next as AppRole]}`),
              onError: (error) => toast.error(`Could not change the role: ${errorMessage(error)}`),
            },
          );
        }}
      />
    </div>
  );
}

function ActionsCell({ member }: { member: Member }) {
  const { org, role } = useCurrentOrg();
  const user = useUser();
  const remove = useRemoveMember(org.id, user.id);
  const [confirming, setConfirming] = useState(false);
  const isSelf = member.user_id === user.id;
  const mayRemove =
    isSelf || (can(role, 'members.manage') && (member.role !== 'owner' || can(role, 'ownership.manage')));
  if (!mayRemove) return null;
  const name = memberName(member);

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" size="icon" aria-label={`Actions for ${name}`}>
            <Ellipsis className="size-4" aria-hidden="true" />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <DropdownMenuItem tone="danger" onSelect={() => setConfirming(true)}>
            {isSelf ? (
              <LogOut className="size-4" aria-hidden="true" />
            ) : (
              <Trash2 className="size-4" aria-hidden="true" />
            )}
            {isSelf ? 'Leave organisation' : 'Remove from organisation'}
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={isSelf ? `Leave ${org.name}?` : `Remove ${name}?`}
        description={
          isSelf
            ? 'You lose access to this organisation at once. An admin can invite you again.'
            : `${name} loses access to ${org.name} with their next request. Their past work stays.`
        }
        confirmLabel={isSelf ? 'Leave' : 'Remove'}
        onConfirm={async () => {
          await remove.mutateAsync({ userId: member.user_id });
          toast.success(isSelf ? `You left ${org.name}` : `${name} was removed`);
        }}
      />
    </>
  );
}

const column = dataTableColumns<Member>();
const columns = column.columns([
  column.display({
    id: 'person',
    header: 'Member',
    cell: ({ row }) => {
      const member = row.original;
      return (
        <div className="flex min-w-48 items-center gap-3">
          <Avatar name={memberName(member)} size="sm" />
          <div className="grid min-w-0">
            <span className="truncate font-medium">{member.profile?.full_name || '—'}</span>
            <span className="truncate text-xs text-muted">{member.profile?.email ?? member.user_id}</span>
          </div>
        </div>
      );
    },
  }),
  column.accessor('role', {
    header: 'Role',
    enableSorting: true,
    cell: ({ row }) => <RoleCell member={row.original} />,
  }),
  column.accessor('created_at', {
    header: 'Joined',
    enableSorting: true,
    meta: { className: 'hidden whitespace-nowrap sm:table-cell' },
    cell: ({ getValue }) => formatDate(getValue()),
  }),
  column.display({
    id: 'actions',
    header: 'Actions',
    meta: { label: 'Actions', className: 'w-12 text-right' },
    cell: ({ row }) => <ActionsCell member={row.original} />,
  }),
]);

export function MembersPage() {
  const { org } = useCurrentOrg();
  const [params, setParams] = useSearchParams();
  const table = useServerTableState<MemberFilter>({
    sortable: MEMBER_SORTABLE,
    defaultSort: DEFAULT_SORT,
    filterKeys: FILTER_KEYS,
  });
  const members = useMembers(org.id, table.state);
  // ?invite=1 (from the command palette) opens the invitation dialog.
  const inviteOpen = params.get('invite') === '1';
  const setInviteOpen = (open: boolean) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (open) next.set('invite', '1');
        else next.delete('invite');
        return next;
      },
      { replace: !open },
    );

  const roleOptions = useMemo(
    () => [{ value: 'all', label: 'All roles' }, ...ROLES.map((value) => ({ value, label: ROLE_LABELS[value] }))],
    [],
  );

  return (
    <>
      <PageHeader
        title="Members"
        description={`People who can sign in to ${org.name}, and what they may do.`}
        actions={
          <Button onClick={() => setInviteOpen(true)}>
            <UserPlus className="size-4" aria-hidden="true" />
            Invite member
          </Button>
        }
      />
      <DataTable
        caption="Members"
        columns={columns}
        rows={members.data?.rows}
        rowCount={members.data?.count}
        getRowId={(member) => member.user_id}
        sorting={table.state.sorting}
        onSortingChange={table.setSorting}
        pagination={table.state}
        onPaginationChange={table.setPagination}
        query={members}
        toolbar={
          <>
            <SearchInput
              label="Search members"
              placeholder="Name or e-mail"
              value={table.state.filters.q ?? ''}
              onChange={(value) => table.setFilter('q', value)}
            />
            <div className="w-44">
              <Select
                aria-label="Filter by role"
                value={table.state.filters.role ?? 'all'}
                onValueChange={(value) => table.setFilter('role', value === 'all' ? null : value)}
                options={roleOptions}
              />
            </div>
          </>
        }
        empty={
          table.hasFilters ? (
            <EmptyState
              icon={SearchX}
              title="No members match these filters"
              action={
                <Button variant="secondary" onClick={table.clearFilters}>
                  <FilterX className="size-4" aria-hidden="true" />
                  Clear filters
                </Button>
              }
            />
          ) : (
            <EmptyState icon={Users} title="No members yet" description="Invite your team to get started." />
          )
        }
      />
      <InviteDialog open={inviteOpen} onOpenChange={setInviteOpen} />
    </>
  );
}
