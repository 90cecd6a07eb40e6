import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { ArrowLeft } from 'lucide-react';
import { Button } from '@/components/button.tsx';
import { Card } from '@/components/card.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { TextField } from '@/components/text-field.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { can } from '@/lib/roles.ts';
import { useContact, useUpdateContact, type ContactRow } from '../api/contacts.ts';

type Editable = Pick<ContactRow, 'first_name' | 'last_name' | 'email' | 'phone' | 'mobile' | 'title'>;
const FIELDS: [keyof Editable, string][] = [
  ['first_name', 'First name'],
  ['last_name', 'Last name'],
  ['title', 'Title'],
  ['email', 'E-mail'],
  ['phone', 'Phone'],
  ['mobile', 'Mobile'],
];

function ContactForm({ contact, canEdit }: { contact: ContactRow; canEdit: boolean }) {
  const { org } = useCurrentOrg();
  const update = useUpdateContact(org.id, contact.id);
  const [values, setValues] = useState<Editable>(
    () => Object.fromEntries(FIELDS.map(([k]) => [k, contact[k] ?? ''])) as Editable,
  );
  return (
    <form
      className="grid gap-4 sm:grid-cols-2"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const clean = Object.fromEntries(
          Object.entries(values).map(([k, v]) => [k, (v ?? '').trim() || null]),
        ) as Editable;
        update.mutate(clean, {
          onSuccess: () => toast.success('Contact saved'),
          onError: (err) => toast.error(`Could not save: ${errorMessage(err)}`),
        });
      }}
    >
      <fieldset disabled={!canEdit} className="contents">
        {FIELDS.map(([key, label]) => (
          <TextField
            key={key}
            label={label}
            value={values[key] ?? ''}
            onChange={(e) => setValues({ ...values, [key]: e.target.value })}
          />
        ))}
      </fieldset>
      {canEdit && (
        <div className="flex justify-end sm:col-span-2">
          <Button type="submit" busy={update.isPending}>
            Save
          </Button>
        </div>
      )}
    </form>
  );
}

export function ContactPage({ timeline }: { timeline?: (contactId: string) => ReactNode }) {
  const { contactId = '' } = useParams();
  const { org, role } = useCurrentOrg();
  const contact = useContact(org.id, contactId);
  if (contact.isPending) return <LoadingState />;
  if (contact.isError) return <ErrorState error={contact.error} onRetry={() => contact.refetch()} />;
  if (!contact.data)
    return <EmptyState title="Contact not found" action={<Link to="/contacts">Back to contacts</Link>} />;
  const c = contact.data;
  return (
    <div className="grid gap-4">
      <Link to="/contacts" className="inline-flex items-center gap-1 text-sm text-muted hover:text-foreground">
        <ArrowLeft className="size-4" aria-hidden="true" /> Contacts
      </Link>
      <PageHeader
        title={c.full_name ?? c.email ?? 'Contact'}
        description={c.account ? <Link to={`/accounts/${c.account.id}`}>{c.account.name}</Link> : 'No account'}
      />
      <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
        <Card title="Details" className="self-start">
          <ContactForm key={c.id} contact={c} canEdit={can(role, 'contacts.write') && !c.merged_into} />
        </Card>
        <div className="grid content-start gap-4">{timeline?.(c.id)}</div>
      </div>
    </div>
  );
}
