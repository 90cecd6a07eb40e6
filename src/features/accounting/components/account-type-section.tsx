// One type of accounts (assets, liabilities…) as a table: code, name, parent, the posting role
// it plays, reconcilable and active, with an edit button for those who may write.
import { Pencil } from 'lucide-react';
import { Badge } from '@/components/badge.tsx';
import { Button } from '@/components/button.tsx';
import { Card } from '@/components/card.tsx';
import type { GlAccount } from '../api/gl-accounts.ts';
import { ACCOUNT_ROLE_LABELS } from '../schemas/account.ts';

interface AccountTypeSectionProps {
  title: string;
  accounts: readonly GlAccount[];
  byId: ReadonlyMap<string, GlAccount>;
  canWrite: boolean;
  onEdit(account: GlAccount): void;
}

export function AccountTypeSection({ title, accounts, byId, canWrite, onEdit }: AccountTypeSectionProps) {
  return (
    <Card title={title} description={`${accounts.length} ${accounts.length === 1 ? 'account' : 'accounts'}`} flush>
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr className="border-b border-border bg-surface-muted text-left text-muted">
              <th scope="col" className="w-28 px-4 py-2 font-semibold">
                Code
              </th>
              <th scope="col" className="px-4 py-2 font-semibold">
                Name
              </th>
              <th scope="col" className="px-4 py-2 font-semibold">
                Parent
              </th>
              <th scope="col" className="px-4 py-2 font-semibold">
                Role
              </th>
              <th scope="col" className="px-4 py-2 font-semibold">
                Reconcilable
              </th>
              <th scope="col" className="px-4 py-2 font-semibold">
                Status
              </th>
              {canWrite && (
                <th scope="col" className="w-12 px-4 py-2">
                  <span className="sr-only">Edit</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => {
              const parent = a.parent_id ? byId.get(a.parent_id) : undefined;
              return (
                <tr key={a.id} className="border-b border-border last:border-b-0">
                  <td className="px-4 py-2 font-mono font-medium">{a.code}</td>
                  <th scope="row" className="px-4 py-2 text-left font-normal">
                    {a.name}
                  </th>
                  <td className="px-4 py-2 text-muted">{parent ? `${parent.code} · ${parent.name}` : '—'}</td>
                  <td className="px-4 py-2">{a.role ? (ACCOUNT_ROLE_LABELS[a.role] ?? a.role) : '—'}</td>
                  <td className="px-4 py-2">{a.reconcilable ? 'Yes' : 'No'}</td>
                  <td className="px-4 py-2">
                    {a.active ? <Badge tone="success">Active</Badge> : <Badge>Inactive</Badge>}
                  </td>
                  {canWrite && (
                    <td className="px-4 py-1">
                      <Button
                        size="icon"
                        variant="ghost"
                        aria-label={`Edit account ${a.code} ${a.name}`}
                        onClick={() => onEdit(a)}
                      >
                        <Pencil className="size-4" aria-hidden="true" />
                      </Button>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
