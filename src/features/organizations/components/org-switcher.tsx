import { useNavigate } from 'react-router';
import { Building2, ChevronsUpDown, Plus } from 'lucide-react';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/dropdown-menu.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { ROLE_LABELS } from '@/lib/roles.ts';

/** The current organisation, and a menu to switch to another or create one. */
export function OrgSwitcher() {
  const { org, role, memberships, switchOrg } = useCurrentOrg();
  const navigate = useNavigate();

  return (
    <DropdownMenu>
      <DropdownMenuTrigger className="flex w-full cursor-pointer items-center gap-3 rounded-lg border border-border bg-surface px-3 py-2 text-left hover:border-border-strong">
        {/* Part of the button's name; the visible text must be too (WCAG 2.5.3), so no aria-label. */}
        <span className="sr-only">Switch organisation. Current: </span>
        <span className="inline-flex size-8 shrink-0 items-center justify-center rounded-md bg-primary text-primary-foreground">
          <Building2 className="size-4" aria-hidden="true" />
        </span>
        <span className="grid min-w-0 flex-1">
          <span className="truncate text-sm font-semibold" data-testid="current-org-name">
            {org.name}
          </span>
          <span className="truncate text-xs text-muted">{ROLE_LABELS[role]}</span>
        </span>
        <ChevronsUpDown className="size-4 shrink-0 text-muted" aria-hidden="true" />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-[var(--radix-dropdown-menu-trigger-width)] min-w-64">
        <DropdownMenuLabel>Organisations</DropdownMenuLabel>
        <DropdownMenuRadioGroup value={org.id} onValueChange={(orgId) => switchOrg(orgId)}>
          {memberships.map((membership) => (
            <DropdownMenuRadioItem key={membership.organization.id} value={membership.organization.id}>
              <span className="grid min-w-0">
                <span className="truncate">{membership.organization.name}</span>
                <span className="truncate text-xs text-muted">{ROLE_LABELS[membership.role]}</span>
              </span>
            </DropdownMenuRadioItem>
          ))}
        </DropdownMenuRadioGroup>
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={() => navigate('/organizations/new')}>
          <Plus className="size-4" aria-hidden="true" />
          Create organisation
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
