import { RecordTimeline } from '@/features/activities/components/record-timeline.tsx';
import { RecordTasks } from '@/features/tasks/components/record-tasks.tsx';

type RecordRef =
  { account_id: string } | { contact_id: string } | { deal_id: string } | { lead_id: string } | { ticket_id: string };

/** A record's open work and history, slotted into feature pages: its tasks, then its activity timeline. */
export function RecordActivity({ record }: { record: RecordRef }) {
  return (
    <>
      <RecordTasks record={record} />
      <RecordTimeline record={record} />
    </>
  );
}
