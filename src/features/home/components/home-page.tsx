import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Building2, ScrollText, UserPlus, type LucideIcon } from 'lucide-react';
import { Card } from '@/components/card.tsx';
import { Kbd } from '@/components/kbd.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { can, ROLE_LABELS } from '@/lib/roles.ts';

interface NextStep {
  to: string;
  title: string;
  description: string;
  icon: LucideIcon;
}

/** An organisation counts as new for its first two weeks: its start page then lists the first steps. */
const NEW_ORG_DAYS = 14;

function isNewOrg(createdAt: string, now = Date.now()): boolean {
  const created = Date.parse(createdAt);
  return Number.isFinite(created) && now - created < NEW_ORG_DAYS * 86_400_000;
}

/**
 * The start page of an organisation: the member's role dashboard (composed in by the app, as
 * `dashboard`), and in a new organisation, for those who set it up, the first steps.
 */
export function HomePage({ dashboard }: { dashboard: ReactNode }) {
  const { org, role } = useCurrentOrg();
  const showSteps = can(role, 'settings.edit') && isNewOrg(org.created_at);
  const steps: NextStep[] = [
    ...(can(role, 'members.manage')
      ? [
          {
            to: '/settings/members?invite=1',
            title: 'Invite your team',
            description: 'Give each person the role that fits their work.',
            icon: UserPlus,
          },
        ]
      : []),
    {
      to: '/settings/organization',
      title: 'Organisation settings',
      description: `${org.base_currency}, ${org.time_zone.replace(/_/g, ' ')}, ${org.locale}.`,
      icon: Building2,
    },
    ...(can(role, 'audit.read')
      ? [
          {
            to: '/settings/audit-log',
            title: 'Audit log',
            description: 'Who changed what, and when.',
            icon: ScrollText,
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={org.name}
        description={
          <>
            You are {/^[aeiou]/i.test(role) ? 'an' : 'a'} {ROLE_LABELS[role].toLowerCase()} here. Press{' '}
            <Kbd keys="mod+k" /> to search and jump anywhere, <Kbd keys="?" /> for all shortcuts.
          </>
        }
      />
      {showSteps && (
        <Card title="Next steps" className="mb-6">
          <ul className="m-0 grid list-none gap-3 p-0 sm:grid-cols-2 lg:grid-cols-3">
            {steps.map((step) => (
              <li key={step.to}>
                <Link
                  to={step.to}
                  className="flex h-full gap-3 rounded-lg border border-border p-4 text-foreground no-underline hover:border-border-strong hover:bg-surface-muted hover:no-underline"
                >
                  <step.icon className="mt-0.5 size-5 shrink-0 text-primary" aria-hidden="true" />
                  <span className="grid gap-1">
                    <span className="font-semibold">{step.title}</span>
                    <span className="text-sm text-muted">{step.description}</span>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      )}
      {dashboard}
    </>
  );
}
