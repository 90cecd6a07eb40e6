// The frame of every signed-in page: sidebar (a drawer on a phone), top bar, command palette, keyboard
// shortcuts. Loaded lazily, so the sign-in page does not carry it.
import { lazy, Suspense, useCallback, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { Menu, Search } from 'lucide-react';
import { Button } from '@/components/button.tsx';
import { Dialog } from '@/components/dialog.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { useHotkeys, type Hotkey } from '@/lib/hotkeys.ts';
import { can } from '@/lib/roles.ts';
import { LiveNotifications } from '@/features/notifications/components/live-notifications.tsx';
import { NotificationBell } from '@/features/notifications/components/notification-bell.tsx';
import { OrgGate } from '@/app/shell/org-gate.tsx';
import { NAV_ITEMS } from '@/app/shell/nav-items.ts';
import { ShortcutsHelp } from '@/app/shell/shortcuts-help.tsx';
import { Sidebar } from '@/app/shell/sidebar.tsx';
import { UserMenu } from '@/app/shell/user-menu.tsx';
import { usePrefetchPages } from '@/app/shell/use-prefetch-pages.ts';

const AppCommandPalette = lazy(() => import('@/app/shell/app-command-palette.tsx'));

function ShellLayout() {
  const { org, role } = useCurrentOrg();
  usePrefetchPages(role);
  const navigate = useNavigate();
  const location = useLocation();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [paletteOpen, setPaletteOpen] = useState(false);
  const [paletteLoaded, setPaletteLoaded] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);

  // The drawer closes when the user navigates from it.
  const [drawerPath, setDrawerPath] = useState(location.pathname);
  if (drawerPath !== location.pathname) {
    setDrawerPath(location.pathname);
    if (drawerOpen) setDrawerOpen(false);
  }

  const openPalette = useCallback(() => {
    setDrawerOpen(false);
    setPaletteLoaded(true);
    setPaletteOpen(true);
  }, []);
  const showShortcuts = useCallback(() => {
    setPaletteOpen(false);
    setHelpOpen(true);
  }, []);

  const hotkeys: Hotkey[] = [
    { keys: 'mod+k', whenModalOpen: true, handler: () => (paletteOpen ? setPaletteOpen(false) : openPalette()) },
    { keys: '?', handler: () => setHelpOpen(true) },
    ...NAV_ITEMS.filter((item) => item.shortcut && (!item.permission || can(role, item.permission))).map((item) => ({
      keys: item.shortcut!,
      handler: () => navigate(item.to),
    })),
  ];
  useHotkeys(hotkeys);

  return (
    <div className="min-h-dvh lg:grid lg:grid-cols-[17rem_minmax(0,1fr)]">
      <a
        href="#main"
        className="sr-only z-50 rounded-lg bg-surface px-4 py-2 focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <aside className="sticky top-0 hidden h-dvh border-r border-border bg-surface lg:block" aria-label="Sidebar">
        <Sidebar onOpenPalette={openPalette} onShowShortcuts={showShortcuts} />
      </aside>

      <div className="flex min-w-0 flex-col">
        <header className="sticky top-0 z-30 flex h-14 items-center gap-2 border-b border-border bg-surface px-2 lg:hidden">
          <Button variant="ghost" size="icon" aria-label="Open navigation" onClick={() => setDrawerOpen(true)}>
            <Menu className="size-5" aria-hidden="true" />
          </Button>
          <span className="min-w-0 flex-1 truncate font-semibold">{org.name}</span>
          <Button variant="ghost" size="icon" aria-label="Search" onClick={openPalette}>
            <Search className="size-5" aria-hidden="true" />
          </Button>
          <NotificationBell />
          <UserMenu compact onShowShortcuts={showShortcuts} />
        </header>

        <main
          id="main"
          tabIndex={-1}
          className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 focus:outline-none sm:px-6 lg:px-8 lg:py-8"
        >
          <Outlet />
        </main>
      </div>

      <Dialog open={drawerOpen} onOpenChange={setDrawerOpen} title="Navigation" hideTitle placement="left">
        <div className="-mx-5 -mt-14 -mb-3 h-full pt-11">
          <Sidebar onOpenPalette={openPalette} onShowShortcuts={showShortcuts} />
        </div>
      </Dialog>

      {paletteLoaded && (
        <Suspense fallback={null}>
          <AppCommandPalette open={paletteOpen} onOpenChange={setPaletteOpen} onShowShortcuts={showShortcuts} />
        </Suspense>
      )}
      <ShortcutsHelp open={helpOpen} onOpenChange={setHelpOpen} />
      <LiveNotifications />
    </div>
  );
}

export function AppShell() {
  return (
    <OrgGate>
      <ShellLayout />
    </OrgGate>
  );
}
