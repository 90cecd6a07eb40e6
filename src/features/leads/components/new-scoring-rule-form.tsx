// Adds a scoring rule (validated here and by the table's checks).
import { Controller, useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Button } from '@/components/button.tsx';
import { SelectField } from '@/components/select-field.tsx';
import { TextField } from '@/components/text-field.tsx';
import { errorMessage } from '@/lib/errors.ts';
import {
  SCORING_FIELDS,
  SCORING_OPERATORS,
  scoringRuleSchema,
  type ScoringRuleInput,
  type ScoringRuleValues,
} from '../schemas/lead.ts';

export function NewScoringRuleForm({ onAdd }: { onAdd(values: ScoringRuleValues): Promise<void> }) {
  const form = useForm<ScoringRuleInput, unknown, ScoringRuleValues>({
    resolver: zodResolver(scoringRuleSchema),
    defaultValues: { field: 'source', operator: 'equals', value: '', points: '10' },
  });
  const { errors, isSubmitting } = form.formState;
  const operator = useWatch({ control: form.control, name: 'operator' });
  return (
    <form
      noValidate
      aria-label="New scoring rule"
      className="grid items-start gap-3 sm:grid-cols-[1fr_1fr_1fr_7rem_auto]"
      onSubmit={form.handleSubmit(async (values) => {
        try {
          await onAdd(values);
          form.reset();
        } catch (error) {
          form.setError('root', { message: errorMessage(error) });
        }
      })}
    >
      <Controller
        control={form.control}
        name="field"
        render={({ field }) => (
          <SelectField
            label="When"
            value={field.value}
            onValueChange={field.onChange}
            options={Object.entries(SCORING_FIELDS).map(([value, label]) => ({ value, label, textValue: label }))}
          />
        )}
      />
      <Controller
        control={form.control}
        name="operator"
        render={({ field }) => (
          <SelectField
            label="Condition"
            value={field.value}
            onValueChange={field.onChange}
            options={Object.entries(SCORING_OPERATORS).map(([value, label]) => ({ value, label, textValue: label }))}
          />
        )}
      />
      <TextField
        label="Value"
        disabled={operator === 'is_set'}
        error={errors.value?.message}
        {...form.register('value')}
      />
      <TextField label="Points" inputMode="numeric" error={errors.points?.message} {...form.register('points')} />
      <Button type="submit" className="sm:mt-6" busy={isSubmitting}>
        Add rule
      </Button>
      {errors.root?.message && <p className="text-sm text-danger sm:col-span-5">{errors.root.message}</p>}
    </form>
  );
}
