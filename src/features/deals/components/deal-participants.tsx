import { useState } from 'react';
import { Link } from 'react-router';
import { UserMinus } from 'lucide-react';
import { Button } from '@/components/button.tsx';
import { Input } from '@/components/input.tsx';
import { SelectField } from '@/components/select-field.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { useContactOptions, useDealParticipants, type DealRecord } from '../api/deals.ts';

/** The deal's main contact and the other people involved, with their role in the deal. */
export function DealParticipants({ deal, canEdit }: { deal: DealRecord; canEdit: boolean }) {
  const { org } = useCurrentOrg();
  const contacts = useContactOptions(org.id, deal.account_id);
  const { add, remove } = useDealParticipants(org.id, deal.id);
  const [contactId, setContactId] = useState<string | undefined>();
  const [role, setRole] = useState('');
  const taken = new Set([deal.contact_id, ...deal.participants.map((p) => p.contact_id)]);
  const available = (contacts.data ?? []).filter((c) => !taken.has(c.id));

  return (
    <div className="grid gap-3 text-sm">
      {deal.contact ? (
        <p>
          Main contact:{' '}
          <Link to={`/contacts/${deal.contact.id}`} className="font-medium hover:underline">
            {deal.contact.full_name ?? deal.contact.email}
          </Link>
        </p>
      ) : (
        <p className="text-muted">No main contact.</p>
      )}
      {deal.participants.length > 0 && (
        <ul className="grid gap-1">
          {deal.participants.map((p) => (
            <li key={p.contact_id} className="flex items-center justify-between gap-2">
              <span>
                <Link to={`/contacts/${p.contact_id}`} className="hover:underline">
                  {p.contact?.full_name ?? p.contact?.email ?? 'Contact'}
                </Link>
                {p.role && <span className="text-muted"> · {p.role}</span>}
              </span>
              {canEdit && (
                <Button
                  size="icon"
                  variant="ghost"
                  aria-label={`Remove ${p.contact?.full_name ?? 'contact'} from the deal`}
                  onClick={() => remove.mutate(p.contact_id, { onError: (e) => toast.error(errorMessage(e)) })}
                >
                  <UserMinus className="size-4" aria-hidden="true" />
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && available.length > 0 && (
        <form
          className="grid gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (!contactId) return;
            add.mutate(
              { contactId, role: role.trim() || null },
              {
                onSuccess: () => {
                  setContactId(undefined);
                  setRole('');
                },
                onError: (err) => toast.error(`Could not add the person: ${errorMessage(err)}`),
              },
            );
          }}
        >
          <SelectField
            label="Add a person"
            value={contactId}
            onValueChange={setContactId}
            placeholder="Choose a contact…"
            options={available.map((c) => ({
              value: c.id,
              label: c.full_name ?? c.email ?? 'Unnamed',
              textValue: c.full_name ?? '',
            }))}
          />
          <Input
            aria-label="Their role in the deal"
            placeholder="Role, e.g. Decision maker"
            value={role}
            onChange={(e) => setRole(e.target.value)}
          />
          <Button type="submit" size="sm" variant="secondary" disabled={!contactId} busy={add.isPending}>
            Add
          </Button>
        </form>
      )}
    </div>
  );
}
