import { Dialog } from '@/components/dialog.tsx';
import { Kbd } from '@/components/kbd.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { can } from '@/lib/roles.ts';
import { GENERAL_SHORTCUTS, NAV_ITEMS } from '@/app/shell/nav-items.ts';

export function ShortcutsHelp({ open, onOpenChange }: { open: boolean; onOpenChange(open: boolean): void }) {
  const { role } = useCurrentOrg();
  const rows = [
    ...GENERAL_SHORTCUTS,
    ...NAV_ITEMS.filter((item) => item.shortcut && (!item.permission || can(role, item.permission))).map((item) => ({
      keys: item.shortcut!,
      label: `Go to ${item.label.toLowerCase()}`,
    })),
  ];
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Keyboard shortcuts" size="sm">
      <dl className="m-0 grid gap-2 text-sm">
        {rows.map((row) => (
          <div key={row.keys} className="flex items-center justify-between gap-4">
            <dt>{row.label}</dt>
            <dd className="m-0">
              <Kbd keys={row.keys} />
            </dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
