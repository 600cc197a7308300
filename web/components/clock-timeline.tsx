import type { Clock } from '../../sla-rules/types.js';
import { instantText } from '../format.js';

const W = 760;
const H = 112;
const PAD = 28;
const BAR_Y = 40;
const BAR_H = 14;
const AXIS_Y = H - 18;

/**
 * One OLA clock on a time line (inline SVG, no script): the running span from its start, paused spans over it, the
 * part past the due instant, each jeopardy threshold, the due instant, the breach instant, and now. Styled from
 * dashboard.css by class.
 */
export function ClockTimeline({ clock, now, id }: { clock: Clock; now: number; id: string }) {
  if (!clock.startedAt) return <p class="muted">This clock has not started.</p>;
  const start = Date.parse(clock.startedAt);
  const activeEnd = clock.stoppedAt ? Date.parse(clock.stoppedAt) : now;
  const marks = [activeEnd, clock.dueAt, clock.breachedAt, ...clock.jeopardy.map((j) => j.at)]
    .map((t) => (typeof t === 'string' ? Date.parse(t) : t))
    .filter((t): t is number => typeof t === 'number' && Number.isFinite(t));
  const last = Math.max(start + 1, ...marks);
  const end = last + (last - start) * 0.04;
  const x = (t: number) => PAD + ((t - start) / (end - start)) * (W - 2 * PAD);
  const at = (t: string | number) => x(typeof t === 'string' ? Date.parse(t) : t).toFixed(1);
  const due = clock.dueAt ? Date.parse(clock.dueAt) : null;
  const overrunFrom = due !== null && due < activeEnd ? due : null;
  const pauses = clock.pauses.map((p) => ({
    from: Date.parse(p.from),
    to: p.to ? Date.parse(p.to) : activeEnd,
    reason: p.reason,
  }));
  const summary = [
    `Started ${instantText(clock.startedAt)}`,
    clock.dueAt ? `due ${instantText(clock.dueAt)}` : 'no due instant yet',
    clock.breachedAt ? `breached ${instantText(clock.breachedAt)}` : '',
    pauses.length ? `paused ${pauses.length} time(s)` : '',
    `state ${clock.state}`,
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <svg
      class="clock-line"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-labelledby={`${id}-t ${id}-d`}
      data-state={clock.state}
    >
      <title id={`${id}-t`}>{`Time line of OLA ${clock.olaId}`}</title>
      <desc id={`${id}-d`}>{summary}</desc>
      <line class="axis" x1={PAD} y1={AXIS_Y} x2={W - PAD} y2={AXIS_Y} />
      <text class="tick" x={PAD} y={H - 4}>
        {instantText(clock.startedAt)}
      </text>
      <text class="tick" x={W - PAD} y={H - 4} text-anchor="end">
        {instantText(new Date(end).toISOString())}
      </text>
      <rect
        class={`span running state-${clock.state}`}
        x={at(start)}
        y={BAR_Y}
        width={Math.max(1, x(activeEnd) - x(start)).toFixed(1)}
        height={BAR_H}
      />
      {overrunFrom !== null && (
        <rect
          class="span overrun"
          x={at(overrunFrom)}
          y={BAR_Y}
          width={Math.max(1, x(activeEnd) - x(overrunFrom)).toFixed(1)}
          height={BAR_H}
        >
          <title>Past the due instant</title>
        </rect>
      )}
      {pauses.map((p) => (
        <rect
          class="span paused"
          x={at(p.from)}
          y={BAR_Y}
          width={Math.max(1, x(p.to) - x(p.from)).toFixed(1)}
          height={BAR_H}
        >
          <title>{`Paused (${p.reason}) from ${instantText(new Date(p.from).toISOString())}`}</title>
        </rect>
      ))}
      {clock.jeopardy
        .filter((j) => j.at)
        .map((j) => (
          <g class={j.reached ? 'threshold reached' : 'threshold'}>
            <line x1={at(j.at!)} y1={BAR_Y - 12} x2={at(j.at!)} y2={BAR_Y + BAR_H + 4} />
            <text x={at(j.at!)} y={BAR_Y - 16} text-anchor="middle">{`${j.threshold}%`}</text>
          </g>
        ))}
      {clock.dueAt && (
        <g class="due">
          <line x1={at(clock.dueAt)} y1={BAR_Y - 24} x2={at(clock.dueAt)} y2={AXIS_Y} />
          <text x={(x(Date.parse(clock.dueAt)) - 4).toFixed(1)} y={BAR_Y + BAR_H + 16} text-anchor="end">
            due
          </text>
        </g>
      )}
      {clock.breachedAt && (
        <g class="breach">
          <path d={`M${at(clock.breachedAt)} ${BAR_Y - 3} l8 10 l-8 10 l-8 -10 z`} />
          <text x={(x(Date.parse(clock.breachedAt)) + 4).toFixed(1)} y={BAR_Y + BAR_H + 16}>
            breach
          </text>
        </g>
      )}
      {!clock.stoppedAt && now <= end && (
        <g class="now">
          <line x1={at(now)} y1={BAR_Y - 6} x2={at(now)} y2={AXIS_Y} />
          <text x={at(now)} y={BAR_Y - 28} text-anchor="middle">
            now
          </text>
        </g>
      )}
    </svg>
  );
}
