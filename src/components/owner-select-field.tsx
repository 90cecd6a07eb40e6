// Picks a member of the organisation (or nobody) as a record's owner. Values are the
// form's strings: '' means nobody (Radix Select items cannot have an empty value).
import { SelectField } from '@/components/select-field.tsx';
import { personName, useOrgPeople } from '@/lib/org-people.ts';

const NOBODY = '__nobody__';

interface OwnerSelectFieldProps {
  orgId: string;
  label?: string;
  value: string | null | undefined;
  onChange(value: string): void;
  error?: string;
  /** What no owner means here, e.g. "Assign automatically" where a rotation picks one. */
  nobodyLabel?: string;
}

export function OwnerSelectField({
  orgId,
  label = 'Owner',
  value,
  onChange,
  error,
  nobodyLabel = 'Nobody',
}: OwnerSelectFieldProps) {
  const people = useOrgPeople(orgId);
  return (
    <SelectField
      label={label}
      value={value || NOBODY}
      onValueChange={(v) => onChange(v === NOBODY ? '' : v)}
      error={error}
      options={[
        { value: NOBODY, label: nobodyLabel, textValue: nobodyLabel },
        ...(people.data ?? []).map((p) => ({ value: p.id, label: personName(p), textValue: personName(p) })),
      ]}
    />
  );
}
