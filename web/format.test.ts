import { describe, expect, it } from 'vitest';
import { ClockTimeline } from './components/clock-timeline.js';
import { countdownText, instantText, percentText, span } from './format.js';
import type { Clock } from '../sla-rules/types.js';

describe('dashboard text formats', () => {
  it('writes lengths of time for people, countdowns to the second under a day', () => {
    expect(span(0)).toBe('0 s');
    expect(span(90_000)).toBe('1 min');
    expect(span(3 * 3_600_000 + 5 * 60_000)).toBe('3 h 5 min');
    expect(span(50 * 3_600_000)).toBe('2 d 2 h');
    expect(countdownText(3_600_000 + 2_000)).toBe('1 h 0 min 2 s left');
    expect(countdownText(-59_000)).toBe('59 s overdue');
    expect(countdownText(-(2 * 86_400_000))).toBe('2 d 0 h overdue');
    expect(instantText('2027-03-01T13:00:00.000Z')).toBe('2027-03-01 13:00 UTC');
    expect(instantText(null)).toBe('—');
    expect(percentText(87.5)).toBe('87.5 %');
    expect(percentText(null)).toBe('—');
  });
});

const clock = (over: Partial<Clock>): Clock => ({
  olaId: 'restore-4h',
  metric: 'faultRestoration',
  policyId: 'p',
  policyVersion: 1,
  state: 'running',
  measure: 'clock',
  calendar: '24x7',
  target: { kind: 'clockDuration', days: 0, hours: 4, minutes: 0 },
  targetMs: 4 * 3_600_000,
  startedAt: '2027-03-01T10:00:00.000Z',
  startedBy: 'submitted',
  dueAt: '2027-03-01T14:30:00.000Z',
  breachedAt: null,
  stoppedAt: null,
  stop: null,
  endedBy: null,
  committedDate: null,
  elapsedMs: 0,
  remainingMs: 0,
  overrunMs: 0,
  pausedMs: 0,
  percentage: 0,
  pauses: [],
  jeopardy: [],
  penalty: null,
  notes: [],
  ...over,
});

describe('OLA clock time line (SVG)', () => {
  const now = Date.parse('2027-03-01T15:00:00.000Z');
  it('draws running, paused and past-due spans, reached thresholds, due, breach and now, all escaped', () => {
    const svg = String(
      ClockTimeline({
        id: 'x',
        now,
        clock: clock({
          olaId: '<script>',
          state: 'breached',
          breachedAt: '2027-03-01T14:30:00.000Z',
          pauses: [
            {
              from: '2027-03-01T11:00:00.000Z',
              to: '2027-03-01T11:30:00.000Z',
              claimedAt: '2027-03-01T11:00:00.000Z',
              reason: 'pending',
            },
          ],
          jeopardy: [
            { threshold: 50, at: '2027-03-01T12:15:00.000Z', reached: true },
            { threshold: 75, at: '2027-03-01T13:30:00.000Z', reached: true },
          ],
        }),
      }),
    );
    expect(svg).toContain('Time line of OLA &lt;script&gt;');
    expect(svg.match(/class="span paused"/g)).toHaveLength(1);
    expect(svg).toContain('class="span overrun"');
    expect(svg.match(/class="threshold reached"/g)).toHaveLength(2);
    expect(svg).toContain('class="due"');
    expect(svg).toContain('class="breach"');
    expect(svg).toContain('class="now"');
    expect(svg).toContain(
      'Started 2027-03-01 10:00 UTC, due 2027-03-01 14:30 UTC, breached 2027-03-01 14:30 UTC, paused 1 time(s), state breached',
    );
  });

  it('says so for a clock that has not started, and draws no now line for a stopped clock', () => {
    expect(String(ClockTimeline({ id: 'y', now, clock: clock({ startedAt: null, state: 'notStarted' }) }))).toContain(
      'has not started',
    );
    const met = String(
      ClockTimeline({ id: 'z', now, clock: clock({ state: 'met', stoppedAt: '2027-03-01T12:00:00.000Z' }) }),
    );
    expect(met).not.toContain('class="now"');
    expect(met).not.toContain('overrun');
  });
});
