import { useNavigate } from 'react-router';
import { Keyboard, LogOut, Monitor, Moon, Sun, UserRound } from 'lucide-react';
import { Avatar } from '@/components/avatar.tsx';
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
import { toast } from '@/components/toaster.tsx';
import { errorMessage } from '@/lib/errors.ts';
import { useMyProfile } from '@/lib/profile.ts';
import { useSignOut, useUser } from '@/lib/session.ts';
import { useTheme, type ThemePreference } from '@/lib/theme.tsx';

export function UserMenu({ onShowShortcuts, compact = false }: { onShowShortcuts(): void; compact?: boolean }) {
  const user = useUser();
  const profile = useMyProfile(user.id);
  const navigate = useNavigate();
  const signOut = useSignOut();
  const { preference, setPreference } = useTheme();
  const name = profile.data?.full_name || user.email || 'Your account';

  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        className={
          compact
            ? 'inline-flex size-10 cursor-pointer items-center justify-center rounded-full hover:bg-surface-muted'
            : 'flex w-full cursor-pointer items-center gap-3 rounded-lg px-2 py-2 text-left hover:bg-surface-muted'
        }
      >
        {/* Named by its content (the avatar's initials are decorative), so what shows stays in the name. */}
        <span className="sr-only">{compact ? `Account menu for ${name}` : 'Account menu: '}</span>
        <Avatar name={name} size="sm" />
        {!compact && (
          <span className="grid min-w-0 flex-1">
            <span className="truncate text-sm font-semibold">{name}</span>
            {profile.data?.full_name && <span className="truncate text-xs text-muted">{user.email}</span>}
          </span>
        )}
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" side={compact ? 'bottom' : 'top'} className="w-64">
        <DropdownMenuLabel>{user.email}</DropdownMenuLabel>
        <DropdownMenuItem onSelect={() => navigate('/profile')}>
          <UserRound className="size-4" aria-hidden="true" />
          Profile
        </DropdownMenuItem>
        <DropdownMenuItem onSelect={onShowShortcuts}>
          <Keyboard className="size-4" aria-hidden="true" />
          Keyboard shortcuts
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        <DropdownMenuLabel>Theme</DropdownMenuLabel>
        <DropdownMenuRadioGroup value={preference} onValueChange={(value) => setPreference(value as ThemePreference)}>
          <DropdownMenuRadioItem value="light">
            <Sun className="size-4" aria-hidden="true" />
            Light
          </DropdownMenuRadioItem>
          <DropdownMenuRadioItem value="dark">
            <Moon className="size-4" aria-hidden="true" />
            Dark
          </DropdownMenuRadioItem>
          <DropdownMenuRadioItem value="system">
            <Monitor className="size-4" aria-hidden="true" />
            System
          </DropdownMenuRadioItem>
        </DropdownMenuRadioGroup>
        <DropdownMenuSeparator />
        <DropdownMenuItem
          onSelect={() =>
            signOut.mutate({}, { onError: (error) => toast.error(`Could not sign out: ${errorMessage(error)}`) })
          }
        >
          <LogOut className="size-4" aria-hidden="true" />
          Sign out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
