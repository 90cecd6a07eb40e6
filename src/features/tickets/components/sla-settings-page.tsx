// Support SLA targets per ticket priority (first response and resolution, in working time). The
// database sets a ticket's due times when it is opened and recomputes them only when its priority
// changes, so edited targets never move the due times of tickets already open.
import { Alert } from '@/components/alert.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { can } from '@/lib/roles.ts';
import { useSlaPolicies } from '../api/sla-policies.ts';
import { TICKET_PRIORITIES } from '../schemas/sla-policy.ts';
import { BusinessHoursCard } from './business-hours-card.tsx';
import { SlaPolicyCard } from './sla-policy-card.tsx';

export function SlaSettingsPage() {
  const { org, role } = useCurrentOrg();
  const editable = can(role, 'sla.manage');
  const policies = useSlaPolicies(org.id);
  if (policies.isPending) return <LoadingState />;
  if (policies.isError) return <ErrorState error={policies.error} onRetry={() => policies.refetch()} />;
  const byPriority = new Map(policies.data.map((p) => [p.priority, p]));
  return (
    <div className="grid gap-4">
      <PageHeader
        title="Support SLAs"
        description="How soon support must first answer and then resolve a ticket of each priority, in working time."
      />
      <Alert tone="info" title="When changes apply">
        <p>
          A ticket’s due times are set when it is opened, counted in working time from that moment. Changed targets
          apply to tickets opened from now on; tickets already open keep their due times. Only changing a ticket’s
          priority recomputes its due times with the targets in force then, still counted from when it was opened.
        </p>
      </Alert>
      {!editable && (
        <Alert tone="info">Only owners, admins, managers and support staff can change the SLA targets.</Alert>
      )}
      {TICKET_PRIORITIES.map((priority) => (
        <SlaPolicyCard
          key={priority}
          priority={priority}
          policy={byPriority.get(priority) ?? null}
          editable={editable}
        />
      ))}
      <BusinessHoursCard org={org} />
    </div>
  );
}
