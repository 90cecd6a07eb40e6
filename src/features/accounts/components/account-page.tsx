// One party: its details, contacts, addresses and deals, and possible duplicates with a
// merge that keeps this record. Other features' panels come in as slots from src/app.
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { ArrowLeft, Merge } from 'lucide-react';
import { Alert } from '@/components/alert.tsx';
import { Badge } from '@/components/badge.tsx';
import { Button } from '@/components/button.tsx';
import { Card } from '@/components/card.tsx';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { Input } from '@/components/input.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { formatDate } from '@/lib/format.ts';
import { formatMoney } from '@/lib/money.ts';
import { can } from '@/lib/roles.ts';
import {
  useAccount,
  useAccountDuplicates,
  useAddAddress,
  useAddContact,
  useMergeAccounts,
  useSaveAccount,
} from '../api/accounts.ts';
import { AccountForm } from './account-form.tsx';

interface AccountPageProps {
  /** Money, orders and service at a glance (invoicing's Customer 360), above the details. */
  overview?: (accountId: string) => ReactNode;
  timeline?: (accountId: string) => ReactNode;
  attachments?: (accountId: string, canEdit: boolean) => ReactNode;
}

export function AccountPage({ overview, timeline, attachments }: AccountPageProps) {
  const { accountId = '' } = useParams();
  const { org, role } = useCurrentOrg();
  const account = useAccount(org.id, accountId);
  const save = useSaveAccount(org.id);
  const duplicates = useAccountDuplicates(org.id);
  const merge = useMergeAccounts(org.id);
  const addContact = useAddContact(org.id);
  const addAddress = useAddAddress(org.id);
  const [merging, setMerging] = useState<{ ids: string[]; names: string[] } | null>(null);
  const [contact, setContact] = useState({ first_name: '', last_name: '', email: '' });
  const [address, setAddress] = useState({ line1: '', city: '', postal_code: '', country: '' });
  const canEdit = can(role, 'accounts.write');

  if (account.isPending) return <LoadingState label="Loading the account…" />;
  if (account.isError) return <ErrorState error={account.error} onRetry={() => account.refetch()} />;
  if (!account.data)
    return <EmptyState title="Account not found" action={<Link to="/accounts">Back to accounts</Link>} />;
  const a = account.data;
  const dupGroups = (duplicates.data ?? []).filter((g) => g.ids.includes(a.id) && !a.merged_into);
  const others = dupGroups
    .flatMap((g) => g.ids.map((id, i) => ({ id, name: g.names[i]! })))
    .filter((x) => x.id !== a.id);
  const uniqueOthers = [...new Map(others.map((o) => [o.id, o])).values()];

  return (
    <div className="grid gap-4">
      <Link to="/accounts" className="inline-flex items-center gap-1 text-sm text-muted hover:text-foreground">
        <ArrowLeft className="size-4" aria-hidden="true" /> Accounts
      </Link>
      <PageHeader
        title={a.name}
        description={
          <span className="flex flex-wrap gap-2">
            {a.is_customer && <Badge tone="info">Customer</Badge>}
            {a.is_supplier && <Badge>Supplier</Badge>}
            {a.archived_at && <Badge tone="warning">Archived</Badge>}
            {a.merged_into && (
              <Link to={`/accounts/${a.merged_into}`} className="text-sm underline">
                Merged into another account
              </Link>
            )}
          </span>
        }
        actions={
          canEdit && !a.merged_into ? (
            <Button
              size="sm"
              variant="ghost"
              onClick={() =>
                save.mutate(
                  { id: a.id, values: { archived_at: a.archived_at ? null : new Date().toISOString() } },
                  { onError: (e) => toast.error(errorMessage(e)) },
                )
              }
            >
              {a.archived_at ? 'Restore' : 'Archive'}
            </Button>
          ) : undefined
        }
      />
      {uniqueOthers.length > 0 && (
        <Alert tone="info" title="Possible duplicates">
          <span>Same e-mail or domain as {uniqueOthers.map((o) => o.name).join(', ')}. </span>
          {canEdit && (
            <Button
              size="sm"
              variant="secondary"
              onClick={() => setMerging({ ids: uniqueOthers.map((o) => o.id), names: uniqueOthers.map((o) => o.name) })}
            >
              <Merge className="size-4" aria-hidden="true" /> Merge into this account
            </Button>
          )}
        </Alert>
      )}
      {overview?.(a.id)}
      <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
        <div className="grid content-start gap-4">
          <Card title="Details">
            <AccountForm
              formId="account-details"
              account={a}
              canEdit={canEdit && !a.merged_into}
              showButtons
              onSave={async (values) => {
                await save.mutateAsync({ id: a.id, values });
                toast.success('Account saved');
              }}
            />
          </Card>
          <Card title="Deals">
            {a.deals.length === 0 ? (
              <p className="text-sm text-muted">No deals with this account yet.</p>
            ) : (
              <ul className="grid gap-2 text-sm">
                {a.deals.map((d) => (
                  <li key={d.id} className="flex justify-between gap-2">
                    <Link to={`/deals/${d.id}`} className="hover:underline">
                      {d.title}
                    </Link>
                    <span className="flex items-center gap-2">
                      <Badge tone={d.status === 'won' ? 'success' : d.status === 'lost' ? 'danger' : 'info'}>
                        {d.status}
                      </Badge>
                      <span className="tabular-nums">{formatMoney(d.amount, d.currency)}</span>
                      {d.expected_close_date && <span className="text-muted">{formatDate(d.expected_close_date)}</span>}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          {timeline?.(a.id)}
        </div>
        <div className="grid content-start gap-4">
          <Card title="Contacts">
            <ul className="grid gap-2 text-sm">
              {a.contacts
                .filter((c) => !c.archived_at)
                .map((c) => (
                  <li key={c.id}>
                    <Link to={`/contacts/${c.id}`} className="font-medium hover:underline">
                      {c.full_name ?? c.email}
                    </Link>
                    <div className="text-muted">{[c.title, c.email, c.phone].filter(Boolean).join(' · ')}</div>
                  </li>
                ))}
            </ul>
            {can(role, 'contacts.write') && (
              <form
                className="mt-3 grid gap-2"
                onSubmit={(e) => {
                  e.preventDefault();
                  addContact.mutate(
                    {
                      account_id: a.id,
                      first_name: contact.first_name.trim() || null,
                      last_name: contact.last_name.trim() || null,
                      email: contact.email.trim() || null,
                      phone: null,
                      title: null,
                    },
                    {
                      onSuccess: () => setContact({ first_name: '', last_name: '', email: '' }),
                      onError: (err) => toast.error(`Could not add the contact: ${errorMessage(err)}`),
                    },
                  );
                }}
              >
                <div className="grid grid-cols-2 gap-2">
                  <Input
                    aria-label="First name"
                    placeholder="First name"
                    value={contact.first_name}
                    onChange={(e) => setContact({ ...contact, first_name: e.target.value })}
                  />
                  <Input
                    aria-label="Last name"
                    placeholder="Last name"
                    value={contact.last_name}
                    onChange={(e) => setContact({ ...contact, last_name: e.target.value })}
                  />
                </div>
                <Input
                  aria-label="Contact e-mail"
                  type="email"
                  placeholder="E-mail"
                  value={contact.email}
                  onChange={(e) => setContact({ ...contact, email: e.target.value })}
                />
                <Button
                  type="submit"
                  size="sm"
                  variant="secondary"
                  busy={addContact.isPending}
                  disabled={!contact.first_name.trim() && !contact.last_name.trim() && !contact.email.trim()}
                >
                  Add contact
                </Button>
              </form>
            )}
          </Card>
          <Card title="Addresses">
            <ul className="grid gap-2 text-sm">
              {a.addresses.map((ad) => (
                <li key={ad.id}>
                  <span className="font-medium capitalize">{ad.kind}</span>
                  {ad.is_default && <Badge className="ml-2">Default</Badge>}
                  <div className="text-muted">
                    {[ad.line1, ad.line2, ad.postal_code, ad.city, ad.region, ad.country].filter(Boolean).join(', ')}
                  </div>
                </li>
              ))}
            </ul>
            {canEdit && (
              <form
                className="mt-3 grid gap-2"
                onSubmit={(e) => {
                  e.preventDefault();
                  addAddress.mutate(
                    {
                      account_id: a.id,
                      kind: 'billing',
                      line1: address.line1.trim(),
                      city: address.city.trim() || null,
                      postal_code: address.postal_code.trim() || null,
                      country: address.country.trim().toUpperCase() || null,
                      is_default: !a.addresses.some((x) => x.kind === 'billing' && x.is_default),
                    },
                    {
                      onSuccess: () => setAddress({ line1: '', city: '', postal_code: '', country: '' }),
                      onError: (err) => toast.error(`Could not add the address: ${errorMessage(err)}`),
                    },
                  );
                }}
              >
                <Input
                  aria-label="Street"
                  placeholder="Street and number"
                  value={address.line1}
                  onChange={(e) => setAddress({ ...address, line1: e.target.value })}
                />
                <div className="grid grid-cols-3 gap-2">
                  <Input
                    aria-label="Postal code"
                    placeholder="Postal code"
                    value={address.postal_code}
                    onChange={(e) => setAddress({ ...address, postal_code: e.target.value })}
                  />
                  <Input
                    aria-label="City"
                    placeholder="City"
                    value={address.city}
                    onChange={(e) => setAddress({ ...address, city: e.target.value })}
                  />
                  <Input
                    aria-label="Country code"
                    placeholder="US"
                    maxLength={2}
                    value={address.country}
                    onChange={(e) => setAddress({ ...address, country: e.target.value })}
                  />
                </div>
                <Button
                  type="submit"
                  size="sm"
                  variant="secondary"
                  busy={addAddress.isPending}
                  disabled={!address.line1.trim()}
                >
                  Add billing address
                </Button>
              </form>
            )}
          </Card>
          {attachments?.(a.id, canEdit)}
        </div>
      </div>
      <ConfirmDialog
        open={merging !== null}
        onOpenChange={(open) => !open && setMerging(null)}
        title={`Merge into ${a.name}?`}
        description={`${merging?.names.join(', ')} will be merged into this account: their contacts, deals, addresses and open documents move here, empty fields here are filled from them, and they are archived. Posted documents stay as they are and lead here.`}
        confirmLabel="Merge"
        onConfirm={async () => {
          try {
            await merge.mutateAsync({ survivor: a.id, duplicates: merging!.ids });
            toast.success('Accounts merged');
            setMerging(null);
          } catch (error) {
            toast.error(`Could not merge: ${errorMessage(error)}`);
          }
        }}
      />
    </div>
  );
}
