// What the command palette offers: pages, organisations, actions, and members found on the server.
// Loaded with the palette, on first open.
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import {
  Briefcase,
  Building2,
  Contact,
  Keyboard,
  LifeBuoy,
  LogOut,
  Monitor,
  Moon,
  Sun,
  UserPlus,
  UserRound,
  type LucideIcon,
} from 'lucide-react';
import { CommandPalette, type CommandPaletteItem } from '@/components/command-palette.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { can, ROLE_LABELS } from '@/lib/roles.ts';
import { useSignOut } from '@/lib/session.ts';
import { useTheme } from '@/lib/theme.tsx';
import { useMemberSearch } from '@/features/members/api/members.ts';
import { RECORD_PATHS, useRecordSearch, type RecordKind } from '@/features/search/api/search.ts';
import { NAV_ITEMS } from '@/app/shell/nav-items.ts';

const RECORD_GROUPS: Record<RecordKind, { group: string; icon: LucideIcon }> = {
  account: { group: 'Accounts', icon: Building2 },
  contact: { group: 'Contacts', icon: Contact },
  deal: { group: 'Deals', icon: Briefcase },
  ticket: { group: 'Tickets', icon: LifeBuoy },
};

interface AppCommandPaletteProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  onShowShortcuts(): void;
}

export default function AppCommandPalette({ open, onOpenChange, onShowShortcuts }: AppCommandPaletteProps) {
  const navigate = useNavigate();
  const { org, role, memberships, switchOrg } = useCurrentOrg();
  const { setPreference } = useTheme();
  const { mutate: signOut } = useSignOut();
  const [search, setSearch] = useState('');
  const canSearchMembers = can(role, 'members.manage');
  const members = useMemberSearch(org.id, search, open && canSearchMembers);
  const records = useRecordSearch(org.id, search, open);
  const recordHits = records.data;

  const items = useMemo<CommandPaletteItem[]>(() => {
    const list: CommandPaletteItem[] = NAV_ITEMS.filter((item) => !item.permission || can(role, item.permission)).map(
      (item) => ({
        id: `page:${item.to}`,
        group: 'Go to',
        label: item.label,
        icon: item.icon,
        keywords: item.keywords,
        shortcut: item.shortcut,
        onSelect: () => navigate(item.to),
      }),
    );
    if (canSearchMembers) {
      list.push({
        id: 'action:invite',
        group: 'Actions',
        label: 'Invite a member',
        icon: UserPlus,
        keywords: ['add', 'user', 'team'],
        onSelect: () => navigate('/settings/members?invite=1'),
      });
    }
    list.push(
      {
        id: 'action:theme-light',
        group: 'Actions',
        label: 'Use the light theme',
        icon: Sun,
        keywords: ['appearance'],
        onSelect: () => setPreference('light'),
      },
      {
        id: 'action:theme-dark',
        group: 'Actions',
        label: 'Use the dark theme',
        icon: Moon,
        keywords: ['appearance', 'night'],
        onSelect: () => setPreference('dark'),
      },
      {
        id: 'action:theme-system',
        group: 'Actions',
        label: 'Use the system theme',
        icon: Monitor,
        keywords: ['appearance', 'auto'],
        onSelect: () => setPreference('system'),
      },
      {
        id: 'action:shortcuts',
        group: 'Actions',
        label: 'Keyboard shortcuts',
        icon: Keyboard,
        shortcut: '?',
        onSelect: onShowShortcuts,
      },
      {
        id: 'action:sign-out',
        group: 'Actions',
        label: 'Sign out',
        icon: LogOut,
        keywords: ['log out', 'logout'],
        onSelect: () => signOut({}, { onError: (error) => toast.error(`Could not sign out: ${errorMessage(error)}`) }),
      },
    );
    for (const membership of memberships) {
      if (membership.organization.id === org.id) continue;
      list.push({
        id: `org:${membership.organization.id}`,
        group: 'Switch organisation',
        label: membership.organization.name,
        hint: ROLE_LABELS[membership.role],
        icon: Building2,
        keywords: [membership.organization.slug],
        onSelect: () => switchOrg(membership.organization.id),
      });
    }
    // Records first: finding a customer or a deal is what the palette is opened for most.
    const hits = search.trim().length >= 2 ? (recordHits ?? []) : [];
    list.unshift(
      ...hits.map((hit) => ({
        id: `${hit.kind}:${hit.id}`,
        group: RECORD_GROUPS[hit.kind].group,
        label: hit.title,
        hint: hit.subtitle,
        icon: RECORD_GROUPS[hit.kind].icon,
        // The server already matched the text; keep the row whatever cmdk's fuzzy filter thinks.
        keywords: [search],
        onSelect: () => navigate(RECORD_PATHS[hit.kind](hit.id)),
      })),
    );
    for (const member of members.data ?? []) {
      const email = member.profile?.email ?? '';
      list.push({
        id: `member:${member.user_id}`,
        group: 'Members',
        label: member.profile?.full_name || email || member.user_id,
        hint: email,
        icon: UserRound,
        // The server already matched the text; keep the row whatever cmdk's fuzzy filter thinks.
        keywords: [search],
        onSelect: () => navigate(`/settings/members?q=${encodeURIComponent(email || member.user_id)}`),
      });
    }
    return list;
  }, [
    role,
    canSearchMembers,
    memberships,
    org.id,
    members.data,
    recordHits,
    search,
    navigate,
    setPreference,
    onShowShortcuts,
    signOut,
    switchOrg,
  ]);

  return (
    <CommandPalette
      open={open}
      onOpenChange={(next) => {
        if (!next) setSearch('');
        onOpenChange(next);
      }}
      items={items}
      search={search}
      onSearchChange={setSearch}
      searching={members.isFetching || records.isFetching}
      placeholder={
        canSearchMembers ? 'Search records, pages, actions and members…' : 'Search records, pages and actions…'
      }
    />
  );
}
