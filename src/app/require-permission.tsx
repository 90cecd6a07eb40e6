import { Link, Outlet } from 'react-router';
import { Lock } from 'lucide-react';
import { EmptyState } from '@/components/empty-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { can, ROLE_LABELS, type Permission } from '@/lib/roles.ts';

/**
 * Layout route for pages a role may not use. It only spares the user a page of errors: the database
 * refuses the data anyway (RLS), whatever the UI shows.
 */
export function RequirePermission({ permission, title }: { permission: Permission; title: string }) {
  const { org, role } = useCurrentOrg();
  if (can(role, permission)) return <Outlet />;
  return (
    <>
      <PageHeader title={title} />
      <div className="rounded-xl border border-border bg-surface">
        <EmptyState
          icon={Lock}
          title="You don't have access to this page"
          description={`Your role in ${org.name} is ${ROLE_LABELS[role]}. Ask an owner or admin if you need access.`}
          action={<Link to="/">Go to the start page</Link>}
        />
      </div>
    </>
  );
}
