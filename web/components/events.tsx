import { instantText } from '../format.js';

export type EventRow = {
  seq: number;
  source: string;
  type: string;
  fromState: string | null;
  toState: string | null;
  outcome: string;
  detail: string | null;
  occurredAt: string;
  receivedAt: string;
  claimNote: string | null;
};

/** An order's or ticket's events in receipt order: what happened, from whom, and what it did to the state. */
export const EventTimeline = ({ events }: { events: EventRow[] }) => (
  <table class="events">
    <caption>Event timeline (receipt order)</caption>
    <thead>
      <tr>
        <th scope="col">Received</th>
        <th scope="col">Source</th>
        <th scope="col">Event</th>
        <th scope="col">State</th>
        <th scope="col">Outcome</th>
        <th scope="col">Detail</th>
      </tr>
    </thead>
    <tbody>
      {events.map((e) => (
        <tr>
          <td>
            <time datetime={e.receivedAt}>{instantText(e.receivedAt)}</time>
            {instantText(e.occurredAt) !== instantText(e.receivedAt) && (
              <small class="claimed"> claimed {instantText(e.occurredAt)}</small>
            )}
          </td>
          <td>{e.source}</td>
          <td>{e.type}</td>
          <td>{e.toState ? `${e.fromState ?? '—'} → ${e.toState}` : '—'}</td>
          <td>
            <span class={`outcome outcome-${e.outcome}`}>{e.outcome}</span>
          </td>
          <td>
            {e.detail ?? ''}
            {e.claimNote && <small class="claim-note"> Time not used: {e.claimNote}</small>}
          </td>
        </tr>
      ))}
    </tbody>
  </table>
);
