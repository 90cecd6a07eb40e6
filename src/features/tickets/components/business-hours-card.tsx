import { Card } from '@/components/card.tsx';
import type { Organization } from '@/lib/current-org.ts';
import { formatDate } from '@/lib/format.ts';

const WEEKDAYS = [
  ['mon', 'Monday'],
  ['tue', 'Tuesday'],
  ['wed', 'Wednesday'],
  ['thu', 'Thursday'],
  ['fri', 'Friday'],
  ['sat', 'Saturday'],
  ['sun', 'Sunday'],
] as const;

/** organizations.business_hours: {"mon": ["09:00", "17:00"], ..., "sun": null}; anything else is closed. */
function hoursOf(businessHours: Organization['business_hours'], day: string): string {
  if (!businessHours || typeof businessHours !== 'object' || Array.isArray(businessHours)) return 'Closed';
  const span = businessHours[day];
  if (!Array.isArray(span) || typeof span[0] !== 'string' || typeof span[1] !== 'string') return 'Closed';
  return `${span[0]}–${span[1]}`;
}

/**
 * The organisation's working hours, holidays and time zone that SLA targets are counted in. They
 * live on the organisation, not on the SLA policies, so this card only shows them.
 */
export function BusinessHoursCard({ org }: { org: Organization }) {
  const holidays = [...org.holidays].sort();
  return (
    <Card
      title="Working hours"
      description={`SLA targets count only this time, in the organisation's time zone (${org.time_zone.replace(/_/g, ' ')}). It is set for the whole organisation and cannot be changed on this screen.`}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <table className="text-sm">
          <caption className="sr-only">Working hours per weekday</caption>
          <tbody>
            {WEEKDAYS.map(([key, day]) => (
              <tr key={key}>
                <th scope="row" className="py-0.5 pr-4 text-left font-semibold">
                  {day}
                </th>
                <td className="py-0.5">{hoursOf(org.business_hours, key)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="grid content-start gap-1 text-sm">
          <h3 className="m-0 text-sm font-semibold">Holidays</h3>
          {holidays.length === 0 ? (
            <p className="m-0 text-muted">No holidays: every weekday above counts.</p>
          ) : (
            <ul className="m-0 grid gap-0.5 pl-4">
              {holidays.map((d) => (
                <li key={d}>{formatDate(d)}</li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </Card>
  );
}
