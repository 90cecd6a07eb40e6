// Lead settings: the scoring rules (points per matching rule, every open lead rescored by the
// database when a rule changes) and the rotation that new unowned leads go round.
import { PageHeader } from '@/components/page-header.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { can } from '@/lib/roles.ts';
import { LeadRotationCard } from './lead-rotation-card.tsx';
import { ScoringRulesCard } from './scoring-rules-card.tsx';

export function LeadSettingsPage() {
  const { role } = useCurrentOrg();
  const canEdit = can(role, 'lead_scoring.manage');
  return (
    <>
      <PageHeader title="Lead scoring and assignment" description="How leads are scored and who gets new ones." />
      <div className="grid gap-4">
        <ScoringRulesCard canEdit={canEdit} />
        <LeadRotationCard canEdit={canEdit} />
      </div>
    </>
  );
}
