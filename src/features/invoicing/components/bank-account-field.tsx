// The bank or cash account a payment goes through (active asset accounts; the one with the
// bank role first and chosen by default by the dialogs).
import { SelectField } from '@/components/select-field.tsx';
import type { BankAccount } from '../api/choices.ts';

interface BankAccountFieldProps {
  accounts: BankAccount[] | undefined;
  value: string;
  onChange(id: string): void;
  error?: string;
}

export function defaultBankAccount(accounts: BankAccount[] | undefined): string {
  return (accounts?.find((a) => a.role === 'bank') ?? accounts?.[0])?.id ?? '';
}

export function BankAccountField({ accounts, value, onChange, error }: BankAccountFieldProps) {
  return (
    <SelectField
      label="Bank account"
      value={value || undefined}
      onValueChange={onChange}
      error={error}
      placeholder={accounts ? 'Choose…' : 'Loading…'}
      options={(accounts ?? []).map((a) => {
        const label = `${a.code} ${a.name}`;
        return { value: a.id, label, textValue: label };
      })}
    />
  );
}
