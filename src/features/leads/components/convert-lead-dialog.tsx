// Converting a lead: into a new account or onto an existing one, with a contact, and a deal
// in a chosen stage if wanted. The database does it all in one transaction, or none of it.
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { Dialog } from '@/components/dialog.tsx';
import { SearchInput } from '@/components/search-input.tsx';
import { SelectField } from '@/components/select-field.tsx';
import { TextField } from '@/components/text-field.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { leadTitle, useConversionChoices, useConvertLead, type LeadRow } from '../api/leads.ts';

interface ConvertLeadDialogProps {
  lead: LeadRow;
  open: boolean;
  onOpenChange(open: boolean): void;
}

export function ConvertLeadDialog({ lead, open, onOpenChange }: ConvertLeadDialogProps) {
  const { org } = useCurrentOrg();
  const navigate = useNavigate();
  const [target, setTarget] = useState<'new' | 'existing'>('new');
  const [search, setSearch] = useState(lead.company_name ?? '');
  const { accounts, stages } = useConversionChoices(org.id, target === 'existing' ? search : '');
  const [accountId, setAccountId] = useState('');
  const [createDeal, setCreateDeal] = useState(true);
  const [stageId, setStageId] = useState('');
  const [title, setTitle] = useState(`${leadTitle(lead)} deal`);
  const [amount, setAmount] = useState(lead.estimated_value == null ? '' : String(lead.estimated_value));
  const [error, setError] = useState<string | null>(null);
  const convert = useConvertLead(org.id);

  // The default pipeline's first open stage, unless the rep picks another.
  const stageOptions = [...(stages.data ?? [])].sort(
    (a, b) =>
      Number(b.pipeline.is_default) - Number(a.pipeline.is_default) ||
      a.pipeline.name.localeCompare(b.pipeline.name) ||
      a.position - b.position,
  );
  const chosenStage = stageId || stageOptions[0]?.id || '';
  const amountValue = amount.trim() === '' ? null : Number(amount);
  const amountInvalid = amountValue != null && (!Number.isFinite(amountValue) || amountValue < 0);

  function submit() {
    setError(null);
    if (target === 'existing' && !accountId) return setError('Choose the account to add the contact to.');
    if (createDeal && !title.trim()) return setError('Enter a title for the deal.');
    if (amountInvalid) return setError('The amount must be a number of at least 0.');
    convert.mutate(
      {
        leadId: lead.id,
        accountId: target === 'existing' ? accountId : null,
        createDeal,
        stageId: createDeal ? chosenStage || null : null,
        dealTitle: createDeal ? title.trim() : null,
        amount: createDeal ? amountValue : null,
      },
      {
        onSuccess: (converted) => {
          toast.success(`${leadTitle(lead)} converted`);
          onOpenChange(false);
          if (converted.converted_deal_id) navigate(`/deals/${converted.converted_deal_id}`);
          else if (converted.converted_account_id) navigate(`/accounts/${converted.converted_account_id}`);
        },
        onError: (e) => setError(errorMessage(e)),
      },
    );
  }

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Convert ${leadTitle(lead)}`}
      description="Creates a contact, and an account and a deal if you want them, in one step."
      footer={
        <>
          <Button variant="secondary" onClick={() => onOpenChange(false)}>
            Cancel
          </Button>
          <Button onClick={submit} busy={convert.isPending}>
            Convert lead
          </Button>
        </>
      }
    >
      <div className="grid gap-4">
        {error && <Alert title="Could not convert">{error}</Alert>}
        <fieldset className="grid gap-2">
          <legend className="mb-1 text-sm font-semibold">Account</legend>
          <label className="inline-flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="convert-target"
              className="size-4"
              checked={target === 'new'}
              onChange={() => setTarget('new')}
            />
            Create a new account “{lead.company_name ?? lead.contact_name ?? lead.email}”
          </label>
          <label className="inline-flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="convert-target"
              className="size-4"
              checked={target === 'existing'}
              onChange={() => setTarget('existing')}
            />
            Add to an existing account
          </label>
          {target === 'existing' && (
            <div className="grid gap-2 pl-6">
              <SearchInput label="Find the account" value={search} onChange={setSearch} placeholder="Account name…" />
              <SelectField
                label="Existing account"
                value={accountId || undefined}
                placeholder={accounts.data?.length ? 'Choose an account' : 'No account matches'}
                onValueChange={setAccountId}
                options={(accounts.data ?? []).map((a) => ({ value: a.id, label: a.name, textValue: a.name }))}
              />
            </div>
          )}
        </fieldset>
        <label className="inline-flex items-center gap-2 text-sm font-semibold">
          <input
            type="checkbox"
            className="size-4"
            checked={createDeal}
            onChange={(e) => setCreateDeal(e.target.checked)}
          />
          Create a deal
        </label>
        {createDeal && (
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              label="Deal title"
              className="sm:col-span-2"
              value={title}
              onChange={(e) => setTitle(e.target.value)}
            />
            <SelectField
              label="Stage"
              value={chosenStage || undefined}
              onValueChange={setStageId}
              placeholder="No open stage"
              options={stageOptions.map((s) => ({
                value: s.id,
                label: `${s.pipeline.name} · ${s.name}`,
                textValue: `${s.pipeline.name} ${s.name}`,
              }))}
            />
            <TextField
              label={`Amount (${org.base_currency})`}
              inputMode="decimal"
              value={amount}
              error={amountInvalid ? 'A number of at least 0' : undefined}
              onChange={(e) => setAmount(e.target.value)}
            />
          </div>
        )}
      </div>
    </Dialog>
  );
}
