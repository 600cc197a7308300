import { describe, expect, it } from 'vitest';
import { computeClocks } from '../clocks.js';
import { submitted, history, state } from '../test-fixtures.js';
import type { Clock, SlaEvent } from '../types.js';
import { priceBreach } from './price-breach.js';
import { HOUR, breach, uk } from './test-breaches.js';

/** The P1 restoration clock (5 h, 24x7) of a fault opened Mon 2 Mar 2026 10:00 UTC and resolved at 18:30. */
function restoration(events: SlaEvent[]): Clock {
  const clocks = computeClocks({
    ...uk,
    entity: { kind: 'ticket', priority: 'P1' },
    events,
    now: '2026-03-03T00:00:00Z',
  });
  return clocks.find((c) => c.olaId === 'restoration-p1')!;
}

const priceClock = (c: Clock) =>
  priceBreach(
    uk.policy.penaltyClauses[c.penalty!.clause]!,
    breach({ dueAt: c.dueAt!, stoppedAt: c.stoppedAt!, overrunMs: c.overrunMs, pausedMs: c.pausedMs, calendar: null }),
  );

describe('paused (buyer-caused) time is never charged', () => {
  const opened = [submitted('2026-03-02T10:00:00Z'), state('acknowledged', '2026-03-02T10:20:00Z')];
  const resolved = state('resolved', '2026-03-02T18:30:00Z');

  it('without a pause: due 15:00, 3 h 30 min over, 15 min grace -> 4 started hours at 100.00 GBP', () => {
    const c = restoration(history(...opened, resolved));
    expect(c).toMatchObject({
      state: 'breached',
      dueAt: '2026-03-02T15:00:00.000Z',
      overrunMs: 3.5 * HOUR,
      pausedMs: 0,
    });
    expect(priceClock(c)).toMatchObject({ overrunUnits: 4, chargeableUnits: 4, amountBeforeCapsMinor: 40_000 });
  });

  it('with 2 h pending (waiting on us): due 17:00, 1 h 30 min over -> 2 started hours, and the line says so', () => {
    const c = restoration(
      history(
        ...opened,
        state('pending', '2026-03-02T11:00:00Z'),
        state('inProgress', '2026-03-02T13:00:00Z'),
        resolved,
      ),
    );
    expect(c).toMatchObject({
      state: 'breached',
      dueAt: '2026-03-02T17:00:00.000Z',
      overrunMs: 1.5 * HOUR,
      pausedMs: 2 * HOUR,
    });
    const priced = priceClock(c);
    expect(priced).toMatchObject({ overrunUnits: 2, chargeableUnits: 2, amountBeforeCapsMinor: 20_000 });
    expect(priced.explanation).toContain('2 h paused (buyer-caused) not counted');
  });
});
