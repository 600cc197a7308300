import type { WhatIfResult } from '../../reports/what-if/evaluate.js';
import type { MonthTotal, WhatIfLine } from '../../reports/what-if/price-lines.js';
import { instantText, moneyText, span } from '../format.js';

const totalsText = (totals: MonthTotal[]) =>
  totals.length === 0 ? '–' : totals.map((t) => moneyText(t.amountAfterCapsMinor, t.currency)).join(' + ');

/** Lines shown on the page; the API and the CLI give all of them. */
const SHOWN_LINES = 200;

function Lines({ lines, caption }: { lines: WhatIfLine[]; caption: string }) {
  if (lines.length === 0) return <p>No penalty lines.</p>;
  return (
    <table>
      <caption>
        {caption}
        {lines.length > SHOWN_LINES ? ` (first ${SHOWN_LINES} of ${lines.length})` : ''}
      </caption>
      <thead>
        <tr>
          <th scope="col">Month</th>
          <th scope="col">Order or ticket</th>
          <th scope="col">OLA</th>
          <th scope="col">Due</th>
          <th scope="col">Ended</th>
          <th scope="col">Units</th>
          <th scope="col">Amount</th>
          <th scope="col">Capped by</th>
        </tr>
      </thead>
      <tbody>
        {lines.slice(0, SHOWN_LINES).map((l) => (
          <tr>
            <td>{l.month}</td>
            <td>{l.entityId === 'timeline' ? 'the timeline' : `${l.entityType} ${l.entityId}`}</td>
            <td>{l.olaId}</td>
            <td>{instantText(l.dueAt)}</td>
            <td>{instantText(l.finalAt)}</td>
            <td title={l.explanation}>
              {l.chargeableUnits} {l.unit ?? ''}
            </td>
            <td>{moneyText(l.amountAfterCapsMinor, l.currency)}</td>
            <td>{l.cappedBy ?? '–'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TimelineAnswer({ timeline }: { timeline: NonNullable<WhatIfResult['timeline']> }) {
  return (
    <section aria-labelledby="what-if-timeline">
      <h2 id="what-if-timeline">The timeline, measured at {instantText(timeline.measuredAt)}</h2>
      <table>
        <caption>Clocks</caption>
        <thead>
          <tr>
            <th scope="col">OLA</th>
            <th scope="col">State</th>
            <th scope="col">Started</th>
            <th scope="col">Paused</th>
            <th scope="col">Due</th>
            <th scope="col">Stopped</th>
            <th scope="col">How</th>
          </tr>
        </thead>
        <tbody>
          {timeline.clocks.map((c) => (
            <tr>
              <td>{c.olaId}</td>
              <td>{c.state}</td>
              <td>{instantText(c.startedAt)}</td>
              <td>{c.pausedMs > 0 ? span(c.pausedMs) : '–'}</td>
              <td>{instantText(c.dueAt)}</td>
              <td>{instantText(c.stoppedAt)}</td>
              <td>{c.explanation}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Jeopardy and breaches</h3>
      {timeline.facts.length === 0 ? (
        <p>None reached.</p>
      ) : (
        <ul>
          {timeline.facts.map((f) => (
            <li>
              {f.olaId}: {f.kind === 'breach' ? 'breach' : `jeopardy ${f.threshold}%`} at {instantText(f.at)}
            </li>
          ))}
        </ul>
      )}
      <Lines lines={timeline.months.flatMap((m) => m.lines)} caption="Penalty lines of the timeline" />
    </section>
  );
}

function HistoryAnswer({ history }: { history: NonNullable<WhatIfResult['history']> }) {
  return (
    <section aria-labelledby="what-if-history">
      <h2 id="what-if-history">
        Recorded history: {history.ordersMeasured} orders and {history.ticketsMeasured} tickets measured again
      </h2>
      <table>
        <caption>Per month: this policy beside the month's report</caption>
        <thead>
          <tr>
            <th scope="col">Month</th>
            <th scope="col">Met</th>
            <th scope="col">Breached</th>
            <th scope="col">This policy would charge</th>
            <th scope="col">The report charges</th>
          </tr>
        </thead>
        <tbody>
          {history.months.map((m) => (
            <tr>
              <td>{m.month}</td>
              <td>{m.draft.met}</td>
              <td>{m.draft.breached}</td>
              <td>{totalsText(m.draft.totals)}</td>
              <td>{m.report ? `${totalsText(m.report.totals)} (${m.report.state})` : 'no report'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Lines lines={history.lines} caption="Penalty lines this policy would give" />
    </section>
  );
}

/** What a policy what-if found, as the page shows it. */
export function WhatIfAnswer({ result }: { result: WhatIfResult }) {
  return (
    <div class="what-if-answer">
      <p>
        Measured under {result.policy.source === 'draft' ? 'the draft' : 'stored version'} {result.policy.version}{' '}
        (effective from {result.policy.effectiveFrom}). Nothing was stored.
      </p>
      {result.timeline && <TimelineAnswer timeline={result.timeline} />}
      {result.history && <HistoryAnswer history={result.history} />}
    </div>
  );
}
