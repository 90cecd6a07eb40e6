// The org's scoring rules: points per matching rule; the database rescores open leads on change.
import { Trash2 } from 'lucide-react';
import { Badge } from '@/components/badge.tsx';
import { Button } from '@/components/button.tsx';
import { Card } from '@/components/card.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { useScoringRuleMutations, useScoringRules, type ScoringRule } from '../api/leads.ts';
import { SCORING_FIELDS, SCORING_OPERATORS } from '../schemas/lead.ts';
import { NewScoringRuleForm } from './new-scoring-rule-form.tsx';

function describeRule(rule: Pick<ScoringRule, 'field' | 'operator' | 'value'>): string {
  const field = SCORING_FIELDS[rule.field as keyof typeof SCORING_FIELDS] ?? rule.field;
  const op = SCORING_OPERATORS[rule.operator as keyof typeof SCORING_OPERATORS] ?? rule.operator;
  return rule.operator === 'is_set' ? `${field} ${op}` : `${field} ${op} “${rule.value}”`;
}

export function ScoringRulesCard({ canEdit }: { canEdit: boolean }) {
  const { org } = useCurrentOrg();
  const rules = useScoringRules(org.id);
  const { create, update, remove } = useScoringRuleMutations(org.id);
  const fail = (what: string) => (e: unknown) => toast.error(`Could not ${what}: ${errorMessage(e)}`);

  return (
    <Card
      title="Scoring rules"
      description="A lead's score is the sum of the points of every active rule it matches. Changing a rule rescores all open leads."
    >
      {rules.isPending ? (
        <LoadingState label="Loading the rules…" />
      ) : rules.isError ? (
        <ErrorState error={rules.error} onRetry={() => rules.refetch()} />
      ) : (
        <div className="grid gap-4">
          {rules.data.length === 0 ? (
            <p className="text-sm text-muted">No rules yet: every lead scores 0.</p>
          ) : (
            <ul className="divide-y divide-border rounded-md border border-border" aria-label="Scoring rules">
              {rules.data.map((rule) => (
                <li key={rule.id} className="flex flex-wrap items-center gap-3 px-3 py-2 text-sm">
                  <span className="flex-1">{describeRule(rule)}</span>
                  <Badge tone={rule.points >= 0 ? 'success' : 'danger'}>
                    {rule.points > 0 ? '+' : ''}
                    {rule.points} points
                  </Badge>
                  {canEdit ? (
                    <>
                      <label className="inline-flex items-center gap-2">
                        <input
                          type="checkbox"
                          className="size-4"
                          checked={rule.active}
                          onChange={(e) =>
                            update.mutate(
                              { id: rule.id, active: e.target.checked },
                              { onError: fail('change the rule') },
                            )
                          }
                        />
                        Active
                      </label>
                      <Button
                        size="sm"
                        variant="ghost"
                        aria-label={`Delete rule ${describeRule(rule)}`}
                        onClick={() => remove.mutate(rule.id, { onError: fail('delete the rule') })}
                      >
                        <Trash2 className="size-4" aria-hidden="true" />
                      </Button>
                    </>
                  ) : (
                    !rule.active && <Badge>Inactive</Badge>
                  )}
                </li>
              ))}
            </ul>
          )}
          {canEdit && (
            <NewScoringRuleForm
              onAdd={async (values) => {
                await create.mutateAsync(values);
                toast.success('Rule added; open leads rescored');
              }}
            />
          )}
        </div>
      )}
    </Card>
  );
}
