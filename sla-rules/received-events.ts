import { toMs } from './instants.js';
import type { EventMatcher, SlaEvent } from './types.js';

/** An event with its instants parsed once per evaluation, shared by every clock of the entity. */
export type ReceivedEvent = {
  event: SlaEvent;
  /** When it takes effect: its receipt, but never before an event received earlier (receipt order is the truth). */
  at: number;
  claimed: number;
};

/**
 * Events in receipt order (seq), up to `now`. A receipt time that runs backwards (a clock-skewed writer) is lifted to
 * the previous one, so nothing is ever applied before something already applied.
 */
export function receivedUpTo(events: readonly SlaEvent[], now: number): ReceivedEvent[] {
  const sorted = isSortedBySeq(events) ? events : [...events].sort((a, b) => a.seq - b.seq);
  const out: ReceivedEvent[] = [];
  let last = -Infinity;
  for (const event of sorted) {
    const at = Math.max(toMs(event.receivedAt), last);
    if (at > now) break;
    last = at;
    out.push({ event, at, claimed: toMs(event.occurredAt) });
  }
  return out;
}

function isSortedBySeq(events: readonly SlaEvent[]): boolean {
  for (let i = 1; i < events.length; i++) if (events[i]!.seq < events[i - 1]!.seq) return false;
  return true;
}

export function matches(matcher: EventMatcher, event: SlaEvent): boolean {
  if (matcher.event !== undefined && matcher.event !== event.type) return false;
  if (
    matcher.state !== undefined &&
    (event.type !== 'state' || event.state === undefined || !matcher.state.includes(event.state))
  )
    return false;
  if (matcher.milestone !== undefined && (event.type !== 'milestone' || event.milestone !== matcher.milestone))
    return false;
  return true;
}

export const matchesAny = (matchers: readonly EventMatcher[], event: SlaEvent): boolean =>
  matchers.some((m) => matches(m, event));

/** Whether being in `state` satisfies a state-based pause condition (a clock that starts while the entity waits). */
export const stateMatchesAny = (matchers: readonly EventMatcher[], state: string | undefined): boolean =>
  state !== undefined &&
  matchers.some(
    (m) =>
      m.state !== undefined && m.state.includes(state) && m.milestone === undefined && (m.event ?? 'state') === 'state',
  );
