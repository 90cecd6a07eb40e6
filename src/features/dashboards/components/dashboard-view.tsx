// A role dashboard with the switcher to the others the member's role may open. The home page shows
// the member's own (RoleDashboard); /dashboards/:kind shows any of them (DashboardPage).
import { Link, useLocation, useParams } from 'react-router';
import { Lock } from 'lucide-react';
import { EmptyState } from '@/components/empty-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { cn } from '@/lib/cn.ts';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { ROLE_LABELS } from '@/lib/roles.ts';
import { AccountantDashboard } from './accountant-dashboard.tsx';
import { OwnerDashboard } from './owner-dashboard.tsx';
import {
  dashboardsFor,
  DASHBOARDS,
  defaultDashboard,
  isDashboardKind,
  mayOpen,
  type DashboardKind,
} from './registry.ts';
import { SalesManagerDashboard } from './sales-manager-dashboard.tsx';
import { SalesRepDashboard } from './sales-rep-dashboard.tsx';
import { SupportDashboard } from './support-dashboard.tsx';
import { WarehouseDashboard } from './warehouse-dashboard.tsx';

const BODIES: Record<DashboardKind, () => React.JSX.Element> = {
  owner: OwnerDashboard,
  'sales-manager': SalesManagerDashboard,
  'sales-rep': SalesRepDashboard,
  accountant: AccountantDashboard,
  warehouse: WarehouseDashboard,
  support: SupportDashboard,
};

/** Tabs to the dashboards the role may open; the period (from/to) goes along, the filters do not. */
function DashboardSwitcher({ current }: { current: DashboardKind }) {
  const { role } = useCurrentOrg();
  const { search } = useLocation();
  const kinds = dashboardsFor(role);
  if (kinds.length < 2) return null;
  const params = new URLSearchParams(search);
  const carry = new URLSearchParams();
  for (const key of ['from', 'to']) {
    const value = params.get(key);
    if (value) carry.set(key, value);
  }
  const query = carry.toString() ? `?${carry}` : '';
  return (
    <nav aria-label="Dashboards" className="mb-5 overflow-x-auto">
      <ul className="m-0 flex list-none gap-1 border-b border-border p-0">
        {kinds.map((kind) => (
          <li key={kind}>
            <Link
              to={`/dashboards/${kind}${query}`}
              aria-current={kind === current ? 'page' : undefined}
              className={cn(
                '-mb-px inline-flex border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap no-underline hover:no-underline',
                kind === current
                  ? 'border-primary text-foreground'
                  : 'border-transparent text-muted hover:border-border-strong hover:text-foreground',
              )}
            >
              {DASHBOARDS[kind].label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function DashboardView({ kind }: { kind: DashboardKind }) {
  const Body = BODIES[kind];
  return (
    <>
      <DashboardSwitcher current={kind} />
      {/* A new key per dashboard: its own channel and state. */}
      <Body key={kind} />
    </>
  );
}

/** The member's own dashboard, by role (the home page). */
export function RoleDashboard() {
  const { role } = useCurrentOrg();
  return <DashboardView kind={defaultDashboard(role)} />;
}

/** /dashboards/:kind */
export function DashboardPage() {
  const { kind } = useParams();
  const { org, role } = useCurrentOrg();
  if (!isDashboardKind(kind)) {
    return (
      <>
        <PageHeader title="Dashboards" />
        <div className="rounded-xl border border-border bg-surface">
          <EmptyState
            title="There is no such dashboard"
            description="Pick one of the dashboards from the start page."
            action={<Link to="/">Go to the start page</Link>}
          />
        </div>
      </>
    );
  }
  const info = DASHBOARDS[kind];
  if (!mayOpen(role, kind)) {
    return (
      <>
        <PageHeader title={`${info.title} dashboard`} />
        <div className="rounded-xl border border-border bg-surface">
          <EmptyState
            icon={Lock}
            title="You don't have access to this dashboard"
            description={`Your role in ${org.name} is ${ROLE_LABELS[role]}. Ask an owner or admin if you need access.`}
            action={<Link to="/">Go to your dashboard</Link>}
          />
        </div>
      </>
    );
  }
  return (
    <>
      <PageHeader
        title={`${info.title} dashboard`}
        description={`The ${info.label.toLowerCase()} dashboard of ${org.name}.`}
      />
      <DashboardView kind={kind} />
    </>
  );
}
