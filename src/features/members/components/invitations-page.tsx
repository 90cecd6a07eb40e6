import { useMemo, useState } from 'react';
import { Ellipsis, FilterX, MailX, Send, UserPlus, XCircle } from 'lucide-react';
import { Badge } from '@/components/badge.tsx';
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
import { Select } from '@/components/select.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { formatDate, formatRelative } from '@/lib/format.ts';
import { can, ROLE_LABELS, ROLES } from '@/lib/roles.ts';
import { useServerTableState } from '@/lib/table-state.ts';
import {
  INVITATION_SORTABLE,
  useInviteMember,
  usePendingInvitations,
  useRevokeInvitation,
  type Invitation,
  type InvitationFilter,
} from '@/features/members/api/invitations.ts';
import { InviteDialog } from '@/features/members/components/invite-dialog.tsx';
import { RoleBadge } from '@/features/members/components/role-badge.tsx';

const FILTER_KEYS: readonly InvitationFilter[] = ['role'];
const DEFAULT_SORT = { id: 'created_at', desc: true };

function isExpired(invitation: Invitation): boolean {
  return new Date(invitation.expires_at).getTime() <= Date.now();
}

function InvitationActions({ invitation }: { invitation: Invitation }) {
  const { org, role } = useCurrentOrg();
  const revoke = useRevokeInvitation(org.id);
  const resend = useInviteMember(org.id);
  const [confirming, setConfirming] = useState(false);
  // Only owners may invite (or re-invite) owners.
  const mayResend = invitation.role !== 'owner' || can(role, 'ownership.manage');

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" size="icon" aria-label={`Actions for the invitation to ${invitation.email}`}>
            <Ellipsis className="size-4" aria-hidden="true" />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          {mayResend && (
            <DropdownMenuItem
              disabled={resend.isPending}
              onSelect={() =>
                resend.mutate(
                  { email: invitation.email, role: invitation.role },
                  {
                    onSuccess: () => toast.success(`A new invitation was sent to ${invitation.email}`),
                    onError: (error) => toast.error(`Could not resend: ${errorMessage(error)}`),
                  },
                )
              }
            >
              <Send className="size-4" aria-hidden="true" />
              Send again
            </DropdownMenuItem>
          )}
          <DropdownMenuItem tone="danger" onSelect={() => setConfirming(true)}>
            <XCircle className="size-4" aria-hidden="true" />
            Revoke
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Revoke the invitation to ${invitation.email}?`}
        description="The link in their e-mail stops working at once. You can invite them again later."
        confirmLabel="Revoke"
        onConfirm={async () => {
          await revoke.mutateAsync({ id: invitation.id });
          toast.success(`The invitation to ${invitation.email} was revoked`);
        }}
      />
    </>
  );
}

const column = dataTableColumns<Invitation>();
const columns = column.columns([
  column.accessor('email', {
    header: 'E-mail',
    enableSorting: true,
    cell: ({ getValue }) => <span className="font-medium break-all">{getValue()}</span>,
  }),
  column.accessor('role', { header: 'Role', cell: ({ getValue }) => <RoleBadge role={getValue()} /> }),
  column.accessor('created_at', {
    header: 'Sent',
    enableSorting: true,
    meta: { className: 'hidden whitespace-nowrap md:table-cell' },
    cell: ({ getValue }) => formatDate(getValue()),
  }),
  column.accessor('expires_at', {
    header: 'Expires',
    enableSorting: true,
    meta: { className: 'whitespace-nowrap' },
    cell: ({ row }) =>
      isExpired(row.original) ? (
        <Badge tone="warning">Expired</Badge>
      ) : (
        <span title={formatDate(row.original.expires_at)}>{formatRelative(row.original.expires_at)}</span>
      ),
  }),
  column.display({
    id: 'actions',
    header: 'Actions',
    meta: { label: 'Actions', className: 'w-12 text-right' },
    cell: ({ row }) => <InvitationActions invitation={row.original} />,
  }),
]);

export function InvitationsPage() {
  const { org } = useCurrentOrg();
  const [inviting, setInviting] = useState(false);
  const table = useServerTableState<InvitationFilter>({
    sortable: INVITATION_SORTABLE,
    defaultSort: DEFAULT_SORT,
    filterKeys: FILTER_KEYS,
  });
  const invitations = usePendingInvitations(org.id, table.state);
  const roleOptions = useMemo(
    () => [{ value: 'all', label: 'All roles' }, ...ROLES.map((value) => ({ value, label: ROLE_LABELS[value] }))],
    [],
  );

  return (
    <>
      <PageHeader
        title="Invitations"
        description="Invitations that were sent but not yet accepted. Links expire after 7 days."
        actions={
          <Button onClick={() => setInviting(true)}>
            <UserPlus className="size-4" aria-hidden="true" />
            Invite member
          </Button>
        }
      />
      <DataTable
        caption="Pending invitations"
        columns={columns}
        rows={invitations.data?.rows}
        rowCount={invitations.data?.count}
        getRowId={(invitation) => invitation.id}
        sorting={table.state.sorting}
        onSortingChange={table.setSorting}
        pagination={table.state}
        onPaginationChange={table.setPagination}
        query={invitations}
        toolbar={
          <div className="grid w-44 gap-1">
            <Select
              aria-label="Filter by role"
              value={table.state.filters.role ?? 'all'}
              onValueChange={(value) => table.setFilter('role', value === 'all' ? null : value)}
              options={roleOptions}
            />
          </div>
        }
        empty={
          table.hasFilters ? (
            <EmptyState
              icon={MailX}
              title="No pending invitations with this role"
              action={
                <Button variant="secondary" onClick={table.clearFilters}>
                  <FilterX className="size-4" aria-hidden="true" />
                  Clear filters
                </Button>
              }
            />
          ) : (
            <EmptyState
              icon={MailX}
              title="No pending invitations"
              description="Invitations you send appear here until they are accepted."
              action={
                <Button variant="secondary" onClick={() => setInviting(true)}>
                  Invite member
                </Button>
              }
            />
          )
        }
      />
      <InviteDialog open={inviting} onOpenChange={setInviting} />
    </>
  );
}
