import { AttachmentsPanel } from '@/components/attachments-panel.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';

/** The files panel for a record of the current organisation (slotted into feature pages). */
export function OrgAttachments({
  entity,
  recordId,
  canEdit,
}: {
  entity: 'accounts' | 'deals' | 'tickets';
  recordId: string;
  canEdit: boolean;
}) {
  const { org } = useCurrentOrg();
  return <AttachmentsPanel orgId={org.id} entity={entity} recordId={recordId} canEdit={canEdit} />;
}
