// The people a campaign reaches: contacts and leads, each with how far they got (planned,
// sent, responded, unsubscribed); writers add them with a search and remove them.
import { Link } from 'react-router';
import { Trash2 } from 'lucide-react';
import { Badge } from '@/components/badge.tsx';
import { Button } from '@/components/button.tsx';
import { Card } from '@/components/card.tsx';
import { Select } from '@/components/select.tsx';
import { toast } from '@/components/toaster.tsx';
import { errorMessage } from '@/lib/errors.ts';
import { leadName, useCampaignMutations, type CampaignMember, type MemberStatus } from '../api/campaigns.ts';
import { MEMBER_STATUSES } from '../schemas/campaign.ts';
import { MemberPicker } from './member-picker.tsx';

interface CampaignMembersProps {
  orgId: string;
  campaignId: string;
  members: CampaignMember[];
  canEdit: boolean;
}

const memberName = (m: CampaignMember) =>
  m.contact ? (m.contact.full_name ?? m.contact.email ?? 'Contact') : m.lead ? leadName(m.lead) : 'Removed record';

export function CampaignMembers({ orgId, campaignId, members, canEdit }: CampaignMembersProps) {
  const { addMember, updateMember, removeMember } = useCampaignMutations(orgId);
  const memberIds = new Set(members.flatMap((m) => [m.contact?.id, m.lead?.id].filter((id): id is string => !!id)));
  const fail = (what: string) => (e: unknown) => toast.error(`${what}: ${errorMessage(e)}`);

  return (
    <Card
      title="Members"
      description={`${members.length} ${members.length === 1 ? 'person' : 'people'}`}
      actions={
        canEdit ? (
          <MemberPicker
            orgId={orgId}
            memberIds={memberIds}
            busy={addMember.isPending}
            onAdd={(c) =>
              addMember.mutate(
                { campaign_id: campaignId, ...(c.kind === 'contact' ? { contact_id: c.id } : { lead_id: c.id }) },
                {
                  onSuccess: () => toast.success(`${c.name} added`),
                  onError: fail(`Could not add ${c.name}`),
                },
              )
            }
          />
        ) : undefined
      }
    >
      {members.length === 0 ? (
        <p className="text-sm text-muted">No members yet.</p>
      ) : (
        <ul className="grid gap-2 text-sm">
          {members.map((m) => {
            const name = memberName(m);
            return (
              <li key={m.id} className="flex flex-wrap items-center justify-between gap-2">
                <span className="flex items-center gap-2">
                  <Badge tone={m.contact ? 'info' : 'neutral'}>{m.contact ? 'contact' : 'lead'}</Badge>
                  {m.contact ? (
                    <Link to={`/contacts/${m.contact.id}`} className="hover:underline">
                      {name}
                    </Link>
                  ) : (
                    <span>{name}</span>
                  )}
                </span>
                <span className="flex items-center gap-2">
                  <Select
                    size="sm"
                    aria-label={`Status of ${name}`}
                    value={m.status}
                    disabled={!canEdit}
                    onValueChange={(v) =>
                      updateMember.mutate({ id: m.id, status: v as MemberStatus }, { onError: fail('Could not save') })
                    }
                    options={MEMBER_STATUSES.map((v) => ({ value: v, label: v, textValue: v }))}
                    className="w-36"
                  />
                  {canEdit && (
                    <Button
                      size="icon"
                      variant="ghost"
                      aria-label={`Remove ${name}`}
                      disabled={removeMember.isPending}
                      onClick={() => removeMember.mutate(m.id, { onError: fail(`Could not remove ${name}`) })}
                    >
                      <Trash2 className="size-4" aria-hidden="true" />
                    </Button>
                  )}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
