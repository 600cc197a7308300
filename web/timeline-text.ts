import type { WhatIfEvent } from '../reports/what-if/timeline.js';

/** How the what-if page takes a timeline: one event per line. */
export const timelineTextHint =
  'One event per line: <instant> placed | submitted | state <state> [claimed <instant>] | committedDate <date>, ' +
  'e.g. "2026-03-02T09:00Z placed", "2026-03-02T09:05Z state inProgress", "2026-03-20T12:00Z state completed".';

/**
 * A typed timeline as the API's events (validated there, with each problem's line number); a line it cannot read
 * at all is a problem here. Blank lines and lines starting with # are skipped.
 */
export function readTimelineText(text: string): { events: WhatIfEvent[]; lineNos: number[]; problems: string[] } {
  const events: WhatIfEvent[] = [];
  const lineNos: number[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const [at, event, arg, claimedWord, claimedAt] = line.split(/\s+/);
    const known = event === 'placed' || event === 'submitted' || event === 'state' || event === 'committedDate';
    if (!at || !known || (claimedWord !== undefined && (claimedWord !== 'claimed' || !claimedAt))) {
      problems.push(`timeline line ${i + 1}: cannot read "${line}"`);
      return;
    }
    events.push({
      at,
      event,
      ...(event === 'state' && { state: arg }),
      ...(event === 'committedDate' && { committedDate: arg }),
      ...(claimedAt && { claimedAt }),
    });
    lineNos.push(i + 1);
  });
  return { events, lineNos, problems };
}
