import type { ExplainedClock, SlaView } from '../../tails/sla/view.js';
import type { Clock } from '../../sla-rules/types.js';
import { instantText, percentText, span } from '../format.js';
import { ClockTimeline } from './clock-timeline.js';
import { Countdown } from './countdown.js';

const targetText = (clock: Clock): string => {
  const t = clock.target;
  switch (t.kind) {
    case 'businessDuration':
      return `${t.hours} h ${t.minutes} min business time`;
    case 'clockDuration':
      return `${[t.days ? `${t.days} d` : '', t.hours ? `${t.hours} h` : '', t.minutes ? `${t.minutes} min` : ''].filter(Boolean).join(' ') || '0 min'} (24x7)`;
    case 'workingDays':
      return `${t.days} working days`;
    case 'nextWorkingDayBy':
      return `next working day by ${t.time}`;
    case 'committedDate':
      return `the ${t.use} committed date`;
    case 'leadTime':
      return 'the standard lead time';
  }
};

function ClockSection({ clock, now, index }: { clock: ExplainedClock; now: number; index: number }) {
  const open = clock.state === 'running' || clock.state === 'paused';
  return (
    <section class="clock" aria-labelledby={`clock-${index}`}>
      <h3 id={`clock-${index}`}>
        {clock.olaId} <span class="muted">({clock.metric})</span>{' '}
        <span class={`badge state-${clock.state}`}>{clock.state}</span>
      </h3>
      <ClockTimeline clock={clock} now={now} id={`line-${index}`} />
      <dl class="facts">
        <dt>Target</dt>
        <dd>
          {targetText(clock)}
          {clock.measure === 'business' ? ` on calendar ${clock.calendar}` : ''}
        </dd>
        <dt>Started</dt>
        <dd>
          {instantText(clock.startedAt)}
          {clock.startedBy ? ` (${clock.startedBy})` : ''}
        </dd>
        <dt>Due</dt>
        <dd>
          {instantText(clock.dueAt)}
          {open && clock.dueAt && (
            <>
              {' '}
              (<Countdown dueAt={clock.dueAt} now={now} />)
            </>
          )}
        </dd>
        <dt>Stopped</dt>
        <dd>
          {instantText(clock.stoppedAt)}
          {clock.stop && clock.stop.basis !== 'received' ? ` (received ${instantText(clock.stop.receivedAt)})` : ''}
        </dd>
        <dt>Breached</dt>
        <dd>{instantText(clock.breachedAt)}</dd>
        <dt>Elapsed</dt>
        <dd>
          {span(clock.elapsedMs)} ({percentText(Math.round(clock.percentage * 10) / 10)} of target)
        </dd>
        <dt>Remaining</dt>
        <dd>{span(clock.remainingMs)}</dd>
        <dt>Paused</dt>
        <dd>
          {span(clock.pausedMs)}
          {clock.pauses.length ? ` in ${clock.pauses.length} pause(s)` : ''}
        </dd>
        <dt>Jeopardy</dt>
        <dd>
          {clock.jeopardy
            .map(
              (j) => `${j.threshold}% ${j.reached ? 'reached' : 'not reached'}${j.at ? ` (${instantText(j.at)})` : ''}`,
            )
            .join('; ') || '—'}
        </dd>
        <dt>Why</dt>
        <dd class="explanation">{clock.explanation}</dd>
      </dl>
      {clock.notes.length > 0 && (
        <ul class="notes">
          {clock.notes.map((n) => (
            <li>{n}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Every OLA clock of an order or ticket with its time line, under the policy version it was placed under. */
export const SlaClocks = ({ view, now }: { view: SlaView; now: number }) => (
  <section aria-labelledby="sla-heading">
    <h2 id="sla-heading">OLA clocks</h2>
    {view.policy ? (
      <p>
        Measured under OLA policy <strong>{view.policy.id}</strong> version {view.policy.version} (in force from{' '}
        {view.policy.effectiveFrom}).
      </p>
    ) : (
      <p class="muted">No OLA policy applied when this was placed: no clocks.</p>
    )}
    <p class="legend" aria-hidden="true">
      <span class="key running">running</span> <span class="key paused">paused</span>{' '}
      <span class="key threshold">jeopardy threshold</span> <span class="key overrun">past due</span>{' '}
      <span class="key due">due</span> <span class="key breach">breach</span>
    </p>
    {view.clocks.map((clock, index) => (
      <ClockSection clock={clock} now={now} index={index} />
    ))}
  </section>
);
