import { NavLink } from 'react-router';
import { Search } from 'lucide-react';
import { Kbd } from '@/components/kbd.tsx';
import { cn } from '@/lib/cn.ts';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { can } from '@/lib/roles.ts';
import { NotificationBell } from '@/features/notifications/components/notification-bell.tsx';
import { OrgSwitcher } from '@/features/organizations/components/org-switcher.tsx';
import { NAV_ITEMS, type NavItem } from '@/app/shell/nav-items.ts';
import { UserMenu } from '@/app/shell/user-menu.tsx';

function NavList({ items, label }: { items: NavItem[]; label?: string }) {
  if (items.length === 0) return null;
  return (
    <div className="grid gap-1">
      {label && <p className="m-0 px-3 pt-3 pb-1 text-xs font-semibold tracking-wide text-muted uppercase">{label}</p>}
      <ul className="m-0 grid list-none gap-0.5 p-0">
        {items.map((item) => (
          <li key={item.to}>
            <NavLink
              to={item.to}
              end={item.to === '/'}
              className={({ isActive }) =>
                cn(
                  'flex min-h-10 items-center gap-3 rounded-lg px-3 text-sm font-medium text-foreground no-underline hover:bg-surface-muted hover:no-underline',
                  isActive && 'bg-surface-muted font-semibold text-primary',
                )
              }
            >
              <item.icon className="size-4 shrink-0" aria-hidden="true" />
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface SidebarProps {
  onOpenPalette(): void;
  onShowShortcuts(): void;
}

/** Organisation, navigation and account: the desktop sidebar, and the drawer on a phone. */
export function Sidebar({ onOpenPalette, onShowShortcuts }: SidebarProps) {
  const { role } = useCurrentOrg();
  const allowed = NAV_ITEMS.filter((item) => !item.permission || can(role, item.permission));
  return (
    <div className="flex h-full flex-col gap-4 p-3">
      <OrgSwitcher />
      <button
        type="button"
        onClick={onOpenPalette}
        className="flex min-h-10 cursor-pointer items-center gap-2 rounded-lg border border-border bg-surface px-3 text-sm text-muted hover:border-border-strong"
      >
        <Search className="size-4" aria-hidden="true" />
        <span className="flex-1 text-left">Search…</span>
        <Kbd keys="mod+k" />
      </button>
      <nav aria-label="Main" className="grid flex-1 content-start gap-2 overflow-y-auto">
        <NavList items={allowed.filter((item) => item.section === 'main')} />
        <NavList items={allowed.filter((item) => item.section === 'settings')} label="Settings" />
      </nav>
      <div className="flex items-center gap-1 border-t border-border pt-3">
        <div className="min-w-0 flex-1">
          <UserMenu onShowShortcuts={onShowShortcuts} />
        </div>
        <NotificationBell side="right" align="end" />
      </div>
    </div>
  );
}
