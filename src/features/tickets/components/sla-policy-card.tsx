import { useEffect } from 'react';
import { useForm, type FieldErrors } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Button } from '@/components/button.tsx';
import { Card } from '@/components/card.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { useSaveSlaPolicy, type SlaPolicy } from '../api/sla-policies.ts';
import {
  formatMinutes,
  PRIORITY_LABELS,
  slaPolicyFormSchema,
  splitMinutes,
  type SlaPolicyFormInput,
  type SlaPolicyValues,
  type TicketPriority,
} from '../schemas/sla-policy.ts';
import { DurationField } from './duration-field.tsx';

function toValues(priority: TicketPriority, policy: SlaPolicy | null): SlaPolicyFormInput {
  return {
    priority,
    first_response: splitMinutes(policy?.first_response_minutes),
    resolution: splitMinutes(policy?.resolution_minutes),
  };
}

/** The message of a target's pair of boxes: about the whole target, or about hours or minutes. */
function targetError(errors: FieldErrors<SlaPolicyFormInput>, key: 'first_response' | 'resolution') {
  const e = errors[key];
  return e?.message ?? e?.hours?.message ?? e?.minutes?.message;
}

/** One priority's targets: shown to everyone, editable by those who manage SLAs. */
export function SlaPolicyCard({
  priority,
  policy,
  editable,
}: {
  priority: TicketPriority;
  policy: SlaPolicy | null;
  editable: boolean;
}) {
  const { org } = useCurrentOrg();
  const save = useSaveSlaPolicy(org.id);
  const label = PRIORITY_LABELS[priority];
  const form = useForm<SlaPolicyFormInput, unknown, SlaPolicyValues>({
    resolver: zodResolver(slaPolicyFormSchema),
    defaultValues: toValues(priority, policy),
  });
  const { errors, isDirty, isSubmitting } = form.formState;

  // Fresh values from the server: show them (unless the user is editing).
  useEffect(() => {
    if (!form.formState.isDirty) form.reset(toValues(priority, policy));
  }, [priority, policy, form]);

  async function onSubmit(values: SlaPolicyValues) {
    try {
      const saved = await save.mutateAsync({ id: policy?.id ?? null, values });
      form.reset(toValues(priority, saved));
      toast.success(policy ? `${label} priority targets saved` : `${label} priority policy created`);
    } catch (error) {
      toast.error(errorMessage(error));
    }
  }

  const description = policy
    ? `First response within ${formatMinutes(policy.first_response_minutes)}, resolved within ${formatMinutes(policy.resolution_minutes)} of working time.`
    : 'No policy: tickets of this priority get no due times.';

  return (
    <Card title={`${label} priority`} description={description}>
      {editable ? (
        <form
          aria-label={`${label} priority targets`}
          className="grid gap-4"
          onSubmit={form.handleSubmit(onSubmit)}
          noValidate
        >
          <div className="grid gap-4 sm:grid-cols-2">
            <DurationField
              label="First response"
              hint="Until the first reply to the customer."
              error={targetError(errors, 'first_response')}
              hours={form.register('first_response.hours')}
              minutes={form.register('first_response.minutes')}
            />
            <DurationField
              label="Resolution"
              hint="Until the ticket is resolved."
              error={targetError(errors, 'resolution')}
              hours={form.register('resolution.hours')}
              minutes={form.register('resolution.minutes')}
            />
          </div>
          <div className="flex flex-wrap justify-end gap-2">
            {policy && (
              <Button
                variant="secondary"
                disabled={!isDirty || isSubmitting}
                onClick={() => form.reset(toValues(priority, policy))}
              >
                Discard changes
              </Button>
            )}
            <Button type="submit" busy={isSubmitting} disabled={policy !== null && !isDirty}>
              {policy ? 'Save targets' : 'Create policy'}
            </Button>
          </div>
        </form>
      ) : policy ? (
        <dl className="m-0 grid gap-4 text-sm sm:grid-cols-2">
          <div className="grid gap-0.5">
            <dt className="font-semibold">First response</dt>
            <dd className="m-0">{formatMinutes(policy.first_response_minutes)}</dd>
          </div>
          <div className="grid gap-0.5">
            <dt className="font-semibold">Resolution</dt>
            <dd className="m-0">{formatMinutes(policy.resolution_minutes)}</dd>
          </div>
        </dl>
      ) : (
        <p className="m-0 text-sm text-muted">Tickets of this priority are not held to response or resolution times.</p>
      )}
    </Card>
  );
}
