import type { OutboxEntry } from '../../tails/notify/outbox.js';
import { instantText } from '../format.js';

const what = (e: OutboxEntry) =>
  e.kind === 'breach'
    ? `${e.olaId} breached`
    : `${e.olaId} ${e.kind}${e.kind === 'jeopardy' ? ` ${e.threshold}%` : ''}`;
const how = (e: OutboxEntry) =>
  e.status === 'delivered'
    ? `delivered ${instantText(e.deliveredAt)}`
    : e.status === 'recorded'
      ? (e.lastError ?? 'kept in the outbox')
      : e.status === 'failed'
        ? `given up: ${e.lastError ?? ''}`
        : `pending${e.attempts > 0 ? ` (${e.attempts} attempts; ${e.lastError ?? ''})` : ''}`;

/** Escalations as a table: when, to whom (ladder level and address), about what, and how it went. */
export function EscalationTable({
  entries,
  caption,
  withSubject,
}: {
  entries: OutboxEntry[];
  caption: string;
  withSubject: boolean;
}) {
  if (entries.length === 0) return <p>No escalations.</p>;
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Raised</th>
          {withSubject && <th scope="col">Order or ticket</th>}
          {withSubject && <th scope="col">Partner</th>}
          <th scope="col">Level</th>
          <th scope="col">Contact</th>
          <th scope="col">About</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr>
            <td>{instantText(e.createdAt)}</td>
            {withSubject && (
              <td>
                <a href={`/${e.entityType === 'order' ? 'orders' : 'tickets'}/${encodeURIComponent(e.entityId)}`}>
                  {e.deskReference ?? e.entityId}
                </a>
              </td>
            )}
            {withSubject && <td>{e.partnerName ?? e.partnerId}</td>}
            <td>{e.escalationLevel ?? '–'}</td>
            <td>{e.address}</td>
            <td>{what(e)}</td>
            <td>{how(e)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** An order's or ticket's escalations, on its page. */
export const EntityEscalations = ({ entries }: { entries: OutboxEntry[] }) => (
  <section aria-labelledby="escalations-heading">
    <h2 id="escalations-heading">Escalations</h2>
    <EscalationTable entries={entries} caption="Escalations of this one" withSubject={false} />
  </section>
);
