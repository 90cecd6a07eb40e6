// A record's timeline: log a call, e-mail, meeting or note in place; see everything
// logged on the record, newest first, live.
import { useState } from 'react';
import { CalendarDays, Mail, NotebookPen, Phone } from 'lucide-react';
import { Button } from '@/components/button.tsx';
import { Card } from '@/components/card.tsx';
import { Input } from '@/components/input.tsx';
import { Select } from '@/components/select.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { can } from '@/lib/roles.ts';
import { errorMessage } from '@/lib/errors.ts';
import { formatDateTime } from '@/lib/format.ts';
import { useLogActivity, useTimeline, type ActivityKind, type RecordRef } from '../api/activities.ts';

const ICONS = { call: Phone, email: Mail, meeting: CalendarDays, note: NotebookPen } as const;
const LABELS: Record<ActivityKind, string> = { call: 'Call', email: 'E-mail', meeting: 'Meeting', note: 'Note' };

export function RecordTimeline({ record }: { record: RecordRef }) {
  const { org, role } = useCurrentOrg();
  const canLog = can(role, 'activities.write');
  const timeline = useTimeline(org.id, record);
  const log = useLogActivity(org.id, record);
  const [kind, setKind] = useState<ActivityKind>('call');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');

  return (
    <Card title="Activity">
      {canLog && (
        <form
          className="mb-4 grid gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            log.mutate(
              { kind, subject: subject.trim(), body: body.trim() || null },
              {
                onSuccess: () => {
                  setSubject('');
                  setBody('');
                },
                onError: (err) => toast.error(`Could not log it: ${errorMessage(err)}`),
              },
            );
          }}
        >
          <div className="grid grid-cols-[8rem_1fr] gap-2">
            <Select
              aria-label="Kind of activity"
              value={kind}
              onValueChange={(v) => setKind(v as ActivityKind)}
              options={(Object.keys(LABELS) as ActivityKind[]).map((k) => ({
                value: k,
                label: LABELS[k],
                textValue: LABELS[k],
              }))}
            />
            <Input
              aria-label="Activity subject"
              placeholder="What happened?"
              value={subject}
              onChange={(e) => setSubject(e.target.value)}
            />
          </div>
          <textarea
            aria-label="Activity details"
            rows={2}
            placeholder="Details (optional)"
            value={body}
            onChange={(e) => setBody(e.target.value)}
            className="rounded-md border border-border bg-surface px-3 py-2 text-sm"
          />
          <div className="flex justify-end">
            <Button type="submit" size="sm" busy={log.isPending} disabled={!subject.trim()}>
              Log {LABELS[kind].toLowerCase()}
            </Button>
          </div>
        </form>
      )}
      {timeline.isPending ? (
        <p className="text-sm text-muted">Loading…</p>
      ) : timeline.isError ? (
        <p className="text-sm text-danger">{errorMessage(timeline.error)}</p>
      ) : timeline.data.length === 0 ? (
        <p className="text-sm text-muted">Nothing logged yet.</p>
      ) : (
        <ol className="grid gap-3">
          {timeline.data.map((a) => {
            const Icon = ICONS[a.kind];
            return (
              <li key={a.id} className="flex gap-3 text-sm">
                <Icon className="mt-0.5 size-4 shrink-0 text-muted" aria-hidden="true" />
                <div className="min-w-0">
                  <div className="font-medium">
                    <span className="sr-only">{LABELS[a.kind]}: </span>
                    {a.subject}
                  </div>
                  {a.body && <p className="whitespace-pre-wrap text-muted">{a.body}</p>}
                  <div className="text-xs text-muted">
                    {a.owner?.full_name ?? 'Someone'} · {formatDateTime(a.occurred_at)}
                  </div>
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </Card>
  );
}
