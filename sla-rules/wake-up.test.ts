import { describe, expect, it } from 'vitest';
import { computeClocks } from './clocks.js';
import { submitted, history, loadTemplate, state } from './test-fixtures.js';
import type { SlaEntity, SlaEvent } from './types.js';
import { nextWakeUp, slaFacts } from './wake-up.js';

const uk = loadTemplate('uk-ethernet-carrier.yaml');

/** What a workflow does: evaluate, record new facts, sleep until the next wake-up (or the next event). */
function runWorkflow(entity: SlaEntity, events: SlaEvent[], from: string, until: string) {
  const recorded = new Map<string, { at: string; recordedAt: string }>();
  const eventTimes = events.map((e) => new Date(e.receivedAt).toISOString());
  let now = from;
  for (let i = 0; i < 100 && now <= until; i++) {
    const clocks = computeClocks({ ...uk, entity, events, now });
    for (const fact of slaFacts(clocks))
      if (!recorded.has(fact.key)) recorded.set(fact.key, { at: fact.at, recordedAt: now });
    const candidates = [nextWakeUp(clocks, now), ...eventTimes.filter((t) => t > now)]
      .filter((t): t is string => t !== null)
      .sort();
    if (candidates.length === 0) break;
    now = new Date(candidates[0]!).toISOString();
  }
  return recorded;
}

describe('nextWakeUp and facts', () => {
  it('wakes at each jeopardy threshold and the breach, each recorded once at its exact instant', () => {
    const events = history(
      submitted('2026-03-02T10:00:00Z'),
      state('acknowledged', '2026-03-02T10:10:00Z'),
      state('pending', '2026-03-02T11:00:00Z'),
      state('inProgress', '2026-03-02T13:00:00Z'),
    );
    const facts = runWorkflow(
      { kind: 'ticket', priority: 'P1' },
      events,
      '2026-03-02T10:00:00.000Z',
      '2026-03-03T00:00:00.000Z',
    );
    expect(Object.fromEntries([...facts].filter(([k]) => k.startsWith('restoration-p1')))).toEqual({
      // 5h target, 2h paused from 1h in: 50% = 2.5h of running time = 14:30.
      'restoration-p1:jeopardy:50': { at: '2026-03-02T14:30:00.000Z', recordedAt: '2026-03-02T14:30:00.000Z' },
      'restoration-p1:jeopardy:75': { at: '2026-03-02T15:45:00.000Z', recordedAt: '2026-03-02T15:45:00.000Z' },
      'restoration-p1:jeopardy:90': { at: '2026-03-02T16:30:00.000Z', recordedAt: '2026-03-02T16:30:00.000Z' },
      'restoration-p1:breach': { at: '2026-03-02T17:00:00.000Z', recordedAt: '2026-03-02T17:00:00.000Z' },
    });
    // The response clock stopped at 10 minutes: 50% (30 min) was never reached.
    expect([...facts.keys()].filter((k) => k.startsWith('fault-response'))).toEqual([]);
  });

  it('returns null when nothing will change without an event', () => {
    const events = history(submitted('2026-03-02T10:00:00Z'), state('pending', '2026-03-02T10:05:00Z'));
    const clocks = computeClocks({
      ...uk,
      entity: { kind: 'ticket', priority: 'P1' },
      events,
      now: '2026-03-02T12:00:00Z',
    });
    expect(clocks.map((c) => c.state)).toEqual(['met', 'paused']);
    expect(nextWakeUp(clocks, '2026-03-02T12:00:00Z')).toBeNull();
  });
});
