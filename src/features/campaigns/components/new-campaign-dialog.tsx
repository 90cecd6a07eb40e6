// Creating a campaign from the list; opens the new campaign's page when saved.
import { useNavigate } from 'react-router';
import { Button } from '@/components/button.tsx';
import { Dialog } from '@/components/dialog.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { useCampaignMutations } from '../api/campaigns.ts';
import { CampaignForm } from './campaign-form.tsx';

interface NewCampaignDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
}

export function NewCampaignDialog({ open, onOpenChange }: NewCampaignDialogProps) {
  const { org } = useCurrentOrg();
  const navigate = useNavigate();
  const { create } = useCampaignMutations(org.id);

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => !create.isPending && onOpenChange(next)}
      title="New campaign"
      size="lg"
      footer={
        <>
          <Button variant="secondary" onClick={() => onOpenChange(false)} disabled={create.isPending}>
            Cancel
          </Button>
          <Button type="submit" form="new-campaign" busy={create.isPending}>
            Create campaign
          </Button>
        </>
      }
    >
      <CampaignForm
        formId="new-campaign"
        canEdit
        onSave={async (values) => {
          const id = await create.mutateAsync(values);
          toast.success(`Campaign “${values.name}” created`);
          onOpenChange(false);
          navigate(`/campaigns/${id}`);
        }}
      />
    </Dialog>
  );
}
