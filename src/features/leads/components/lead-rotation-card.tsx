// The round-robin rotation that new leads without an owner go round.
import { Trash2 } from 'lucide-react';
import { Badge } from '@/components/badge.tsx';
import { Button } from '@/components/button.tsx';
import { Card } from '@/components/card.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { SelectField } from '@/components/select-field.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { formatDateTime } from '@/lib/format.ts';
import { personName, useOrgPeople } from '@/lib/org-people.ts';
import { useLeadAssigneeMutations, useLeadAssignees } from '../api/leads.ts';

export function LeadRotationCard({ canEdit }: { canEdit: boolean }) {
  const { org } = useCurrentOrg();
  const assignees = useLeadAssignees(org.id);
  const people = useOrgPeople(org.id);
  const { add, setActive, remove } = useLeadAssigneeMutations(org.id);
  const fail = (what: string) => (e: unknown) => toast.error(`Could not ${what}: ${errorMessage(e)}`);
  const byId = new Map((people.data ?? []).map((p) => [p.id, p]));
  const inRotation = new Set((assignees.data ?? []).map((a) => a.user_id));
  const candidates = (people.data ?? []).filter((p) => !inRotation.has(p.id));

  return (
    <Card
      title="Lead rotation"
      description="New leads created without an owner go to the active member who was given a lead least recently. With nobody here, they stay unassigned."
    >
      {assignees.isPending ? (
        <LoadingState label="Loading the rotation…" />
      ) : assignees.isError ? (
        <ErrorState error={assignees.error} onRetry={() => assignees.refetch()} />
      ) : (
        <div className="grid gap-4">
          {assignees.data.length === 0 ? (
            <p className="text-sm text-muted">Nobody is in the rotation.</p>
          ) : (
            <ul className="divide-y divide-border rounded-md border border-border" aria-label="Lead rotation">
              {assignees.data.map((a) => {
                const name = personName(byId.get(a.user_id));
                return (
                  <li key={a.id} className="flex flex-wrap items-center gap-3 px-3 py-2 text-sm">
                    <span className="flex-1 font-medium">{name}</span>
                    <span className="text-muted">
                      {a.last_assigned_at ? `Last lead ${formatDateTime(a.last_assigned_at)}` : 'No lead yet'}
                    </span>
                    {canEdit ? (
                      <>
                        <label className="inline-flex items-center gap-2">
                          <input
                            type="checkbox"
                            className="size-4"
                            checked={a.active}
                            onChange={(e) =>
                              setActive.mutate(
                                { id: a.id, active: e.target.checked },
                                { onError: fail('change the rotation') },
                              )
                            }
                          />
                          Takes leads
                        </label>
                        <Button
                          size="sm"
                          variant="ghost"
                          aria-label={`Remove ${name} from the rotation`}
                          onClick={() => remove.mutate(a.id, { onError: fail('change the rotation') })}
                        >
                          <Trash2 className="size-4" aria-hidden="true" />
                        </Button>
                      </>
                    ) : (
                      !a.active && <Badge>Paused</Badge>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
          {canEdit && candidates.length > 0 && (
            <SelectField
              label="Add a member to the rotation"
              value={undefined}
              placeholder="Choose a member"
              onValueChange={(userId) =>
                add.mutate(userId, {
                  onSuccess: () => toast.success(`${personName(byId.get(userId))} now takes leads`),
                  onError: fail('change the rotation'),
                })
              }
              options={candidates.map((p) => ({ value: p.id, label: personName(p), textValue: personName(p) }))}
            />
          )}
        </div>
      )}
    </Card>
  );
}
