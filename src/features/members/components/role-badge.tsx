import { Badge, type BadgeTone } from '@/components/badge.tsx';
import { ROLE_LABELS, type AppRole } from '@/lib/roles.ts';

const tones: Partial<Record<AppRole, BadgeTone>> = { owner: 'info', admin: 'info' };

export function RoleBadge({ role }: { role: AppRole }) {
  return <Badge tone={tones[role] ?? 'neutral'}>{ROLE_LABELS[role]}</Badge>;
}
