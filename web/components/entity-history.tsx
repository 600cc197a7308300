import type { SlaFactRow } from '../../db/repositories/sla-facts.js';
import type { SlaView } from '../../tails/sla/view.js';
import { EventTimeline, type EventRow } from './events.js';
import { SlaClocks } from './sla-clocks.js';
import { SlaFacts, type Waiving } from './sla-facts.js';

/** The lower half of an order's or ticket's page: its OLA clocks on time lines, the facts recorded, its events. */
export const EntityHistory = ({
  view,
  facts,
  events,
  now,
  waiving,
}: {
  view: SlaView;
  facts: SlaFactRow[];
  events: EventRow[];
  now: number;
  waiving?: Waiving | undefined;
}) => (
  <>
    <SlaClocks view={view} now={now} />
    <SlaFacts facts={facts} waiving={waiving} />
    <section aria-labelledby="events-heading">
      <h2 id="events-heading">Events</h2>
      <EventTimeline events={events} />
    </section>
  </>
);
