// Workflow-safe (the clock watch explains breaches in the Temporal sandbox): imports only types.
import type { Clock, ClockStop } from './types.js';

/** A length of wall time for the explanation: `42 s`, `17 min`, `3 h 05 min`. */
export function spanText(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  return `${Math.floor(min / 60)} h ${String(min % 60).padStart(2, '0')} min`;
}

const starts: Record<string, string> = {
  submitted: 'when the carrier accepted it',
  created: 'when Tailgate placed it',
  committedDate: 'when a committed date arrived',
};

function stopText(stop: ClockStop): string {
  const received = `received ${stop.receivedAt}`;
  const own = stop.ownDelayMs > 0 ? `, ${spanText(stop.ownDelayMs)} of the delay Tailgate's own` : '';
  switch (stop.basis) {
    case 'received':
      return `stopped ${stop.at} on receipt`;
    case 'claimed':
      return `stopped ${stop.at}, the sender's own time (${received}${own})`;
    case 'bounded':
      return (
        `stopped ${stop.at}: the sender's time ${stop.claimedAt} is earlier than allowed (${received}; at most ` +
        `${spanText(stop.allowedMs)} earlier${own}, and never before the clock started or last changed)`
      );
    case 'untrusted':
      return `stopped ${stop.at} on receipt: the sender's time ${stop.claimedAt} was not used (${stop.note ?? 'untrusted'})`;
  }
}

/**
 * The instants a clock used and why, in one line: what started it and when, when it was due, time paused, how its
 * stop was chosen (the sender's claimed time or the receipt, and the bounds), and the outcome. Shown with breaches
 * (API, dashboard) and penalty lines (CSV).
 */
export function explainClock(clock: Clock): string {
  if (clock.startedAt === null) return `${clock.olaId}: not started`;
  const parts = [
    `${clock.olaId}: started ${clock.startedAt} ${starts[clock.startedBy ?? ''] ?? `on ${clock.startedBy ?? '?'}`}`,
  ];
  if (clock.committedDate !== null) parts.push(`measured against the committed date ${clock.committedDate}`);
  parts.push(clock.dueAt === null ? 'no due instant' : `due ${clock.dueAt}`);
  if (clock.pausedMs > 0) {
    const reasons = [...new Set(clock.pauses.map((p) => p.reason))].join(', ');
    parts.push(`${spanText(clock.pausedMs)} paused (${reasons}) not counted`);
  }
  if (clock.stop) parts.push(stopText(clock.stop));
  else if (clock.endedBy === 'cancel' && clock.stoppedAt !== null) parts.push(`cancelled ${clock.stoppedAt}`);
  if (clock.state === 'breached') parts.push(`breached at ${clock.breachedAt ?? clock.dueAt ?? '?'}`);
  else if (clock.state === 'met') parts.push('met');
  return `${parts.join('; ')}.`;
}
