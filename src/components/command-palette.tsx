// The command palette (⌘K / Ctrl+K): cmdk's filtered, keyboard-driven list inside a Radix dialog (our
// own, so it has a title for screen readers). Loaded lazily on first open: the app passes the items.
import { Command } from 'cmdk';
import { Dialog as DialogPrimitive } from 'radix-ui';
import { Search, type LucideIcon } from 'lucide-react';
import { Kbd } from '@/components/kbd.tsx';
import { Spinner } from '@/components/spinner.tsx';

export interface CommandPaletteItem {
  id: string;
  label: string;
  group: string;
  icon?: LucideIcon;
  /** Extra words that find this item (cmdk matches them too). */
  keywords?: string[];
  /** Secondary text on the right, e.g. an e-mail address. */
  hint?: string;
  shortcut?: string;
  onSelect(): void;
}

interface CommandPaletteProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  items: CommandPaletteItem[];
  search: string;
  onSearchChange(search: string): void;
  /** A server search for the current text is running. */
  searching?: boolean;
  placeholder?: string;
}

export function CommandPalette({
  open,
  onOpenChange,
  items,
  search,
  onSearchChange,
  searching = false,
  placeholder = 'Search or jump to…',
}: CommandPaletteProps) {
  const groups = [...new Set(items.map((item) => item.group))];

  function run(item: CommandPaletteItem) {
    onOpenChange(false);
    item.onSelect();
  }

  return (
    <DialogPrimitive.Root open={open} onOpenChange={onOpenChange}>
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className="fixed inset-0 z-40 bg-overlay" />
        <DialogPrimitive.Content
          aria-describedby={undefined}
          className="fixed top-[12vh] left-1/2 z-50 w-[calc(100vw-2rem)] max-w-xl -translate-x-1/2 overflow-hidden rounded-xl border border-border bg-surface text-foreground shadow-2xl focus:outline-none"
        >
          <DialogPrimitive.Title className="sr-only">Command palette</DialogPrimitive.Title>
          <Command label="Command palette" loop>
            <div className="flex items-center gap-2 border-b border-border px-4">
              <Search className="size-4 shrink-0 text-muted" aria-hidden="true" />
              <Command.Input
                value={search}
                onValueChange={onSearchChange}
                placeholder={placeholder}
                className="h-12 w-full bg-transparent text-foreground outline-none placeholder:text-muted"
              />
              {searching && <Spinner size="small" label="Searching…" />}
            </div>
            <Command.List className="max-h-[min(60vh,26rem)] overflow-y-auto p-2" label="Results">
              <Command.Empty className="px-3 py-8 text-center text-sm text-muted">
                {searching ? 'Searching…' : 'Nothing found.'}
              </Command.Empty>
              {groups.map((group) => (
                <Command.Group
                  key={group}
                  heading={group}
                  className="[&_[cmdk-group-heading]]:px-2 [&_[cmdk-group-heading]]:pt-2 [&_[cmdk-group-heading]]:pb-1 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-semibold [&_[cmdk-group-heading]]:text-muted"
                >
                  {items
                    .filter((item) => item.group === group)
                    .map((item) => {
                      const Icon = item.icon;
                      return (
                        <Command.Item
                          key={item.id}
                          value={item.id}
                          keywords={[item.label, ...(item.keywords ?? []), ...(item.hint ? [item.hint] : [])]}
                          onSelect={() => run(item)}
                          className="flex min-h-10 cursor-pointer items-center gap-3 rounded-md px-2 text-sm data-[selected=true]:bg-surface-muted"
                        >
                          {Icon && <Icon className="size-4 shrink-0 text-muted" aria-hidden="true" />}
                          <span className="flex-1 truncate">{item.label}</span>
                          {item.hint && <span className="truncate text-xs text-muted">{item.hint}</span>}
                          {item.shortcut && <Kbd keys={item.shortcut} />}
                        </Command.Item>
                      );
                    })}
                </Command.Group>
              ))}
            </Command.List>
          </Command>
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}
