import { describe, expect, it } from 'vitest';
import { computeClocks } from './clocks.js';
import { explainClock } from './explain.js';
import { resolvePolicyCalendars } from './holidays.js';
import { parsePolicy } from './parse-policy.js';
import { committed, submitted, history, loadTemplate, state } from './test-fixtures.js';
import type { Clock, SlaEvent } from './types.js';

const us = loadTemplate('us-carrier.yaml');
const clock = (clocks: Clock[], id: string) => clocks.find((c) => c.olaId === id)!;

describe('US carrier template', () => {
  const order = { kind: 'order' as const, leadTimeDays: 10 };

  it('an order after the 15:00 cut-off counts from the next business day (New York time, Thanksgiving)', () => {
    // Wed 25 Nov 2026 16:00 EST is after the cut-off: day 0 is Fri 27 (Thu 26 is Thanksgiving), FOC due Wed 2 Dec
    // 17:00 EST.
    const events = history(submitted('2026-11-25T21:00:00Z'));
    const c = clock(
      computeClocks({ ...us, entity: order, events, now: '2026-11-26T12:00:00Z' }),
      'firm-order-commitment',
    );
    expect(c.dueAt).toBe('2026-12-02T22:00:00.000Z');
  });

  it('measures delivery against the first committed date when the contract says so', () => {
    const events = history(
      submitted('2026-06-01T14:00:00Z'),
      committed('2026-06-15', '2026-06-02T14:00:00Z'),
      committed('2026-06-30', '2026-06-10T14:00:00Z'),
    );
    const c = clock(computeClocks({ ...us, entity: order, events, now: '2026-06-16T12:00:00Z' }), 'due-date');
    expect(c).toMatchObject({ state: 'breached', committedDate: '2026-06-15', breachedAt: '2026-06-15T21:00:00.000Z' });
    expect(c.notes).toEqual([
      'committed date changed to 2026-06-30 at 2026-06-10T14:00:00.000Z; measured against the first, 2026-06-15',
    ]);
  });
});

const policyText = `id: options
version: 1
effectiveFrom: 2026-01-01
defaults: { calendar: office, jeopardy: [80] }
calendars:
  office: { timeZone: Europe/London, holidayRegion: GB-ENG }
olas:
  - id: survey
    metric: siteSurvey
    appliesTo: { entity: order }
    start: { state: inProgress }
    stop: { event: milestone, milestone: surveyDone }
    stopTime: claimed
    target: { kind: businessDuration, hours: 8 }
  - id: install
    metric: installation
    appliesTo: { entity: order }
    start: { event: milestone, milestone: siteReady }
    stop: { state: completed }
    pause: { state: pending }
    target: { kind: businessDuration, hours: 4 }
`;
const policy = parsePolicy(policyText);
const calendars = resolvePolicyCalendars(policy, 2026, 2026);
const evaluate = (events: SlaEvent[], now: string) =>
  computeClocks({ policy, calendars, entity: { kind: 'order' }, events, now });
const surveyDone = (at: string, claimed: string) => ({ type: 'milestone', milestone: 'surveyDone', at, claimed });

describe('conditions and options', () => {
  // Starts Tue 14 Apr 09:00 BST; 8 business hours: due 17:00 BST (16:00Z).
  const started = [submitted('2026-04-13T08:00:00Z'), state('inProgress', '2026-04-14T08:00:00Z')];

  it('starts on a state and stops on a milestone at the time claimed by the sender, when Tailgate was down meanwhile', () => {
    const done = { ...surveyDone('2026-04-14T17:00:00Z', '2026-04-14T14:00:00Z'), ownDelayMs: 3 * 3_600_000 };
    const c = evaluate(history(...started, done), '2026-04-16T00:00:00Z')[0]!;
    expect(c).toMatchObject({
      state: 'met',
      startedAt: '2026-04-14T08:00:00.000Z',
      startedBy: 'state inProgress',
      stoppedAt: '2026-04-14T14:00:00.000Z',
      dueAt: '2026-04-14T16:00:00.000Z',
      stop: {
        at: '2026-04-14T14:00:00.000Z',
        receivedAt: '2026-04-14T17:00:00.000Z',
        claimedAt: '2026-04-14T14:00:00.000Z',
        basis: 'claimed',
        allowedMs: 5 * 60_000 + 3 * 3_600_000,
        ownDelayMs: 3 * 3_600_000,
      },
    });
    // 80% would have been 15:24 BST; the clock stopped before it.
    expect(c.jeopardy).toEqual([{ threshold: 80, at: null, reached: false }]);
    expect(explainClock(c)).toBe(
      'survey: started 2026-04-14T08:00:00.000Z on state inProgress; due 2026-04-14T16:00:00.000Z; stopped ' +
        "2026-04-14T14:00:00.000Z, the sender's own time (received 2026-04-14T17:00:00.000Z, 3 h 00 min of the delay " +
        "Tailgate's own); met.",
    );
  });

  it("...at most the tolerance (5 min by default) before its receipt when the delay was not Tailgate's", () => {
    const c = evaluate(
      history(...started, surveyDone('2026-04-14T17:00:00Z', '2026-04-14T14:00:00Z')),
      '2026-04-16T00:00:00Z',
    )[0]!;
    expect(c).toMatchObject({
      state: 'breached',
      stoppedAt: '2026-04-14T16:55:00.000Z',
      stop: { basis: 'bounded', claimedAt: '2026-04-14T14:00:00.000Z', allowedMs: 5 * 60_000, ownDelayMs: 0 },
    });
    expect(explainClock(c)).toContain("the sender's time 2026-04-14T14:00:00.000Z is earlier than allowed");
  });

  it('...not held back by news of something else that arrived just before it (a burst after an outage)', () => {
    const backlog = { ownDelayMs: 3 * 3_600_000 };
    const photos = {
      type: 'milestone',
      milestone: 'photosTaken',
      at: '2026-04-14T16:59:00Z',
      claimed: '2026-04-14T13:00:00Z',
    };
    const c = evaluate(
      history(
        ...started,
        { ...photos, ...backlog },
        { ...surveyDone('2026-04-14T17:00:00Z', '2026-04-14T14:00:00Z'), ...backlog },
      ),
      '2026-04-16T00:00:00Z',
    )[0]!;
    expect(c).toMatchObject({ state: 'met', stoppedAt: '2026-04-14T14:00:00.000Z', stop: { basis: 'claimed' } });
  });

  it('...never earlier than the clock started or last changed, nor at a time Tailgate could not believe', () => {
    const long = { ownDelayMs: 10 * 86_400_000 };
    const early = evaluate(
      history(...started, { ...surveyDone('2026-04-14T17:00:00Z', '2026-04-10T14:00:00Z'), ...long }),
      '2026-04-16T00:00:00Z',
    )[0]!;
    expect(early.stoppedAt).toBe('2026-04-14T08:00:00.000Z');
    const note = 'claimed 2026-04-10T14:00:00Z: before it existed (2026-04-13T08:00:00Z)';
    const untrusted = evaluate(
      history(...started, { ...surveyDone('2026-04-14T17:00:00Z', '2026-04-14T17:00:00Z'), claimNote: note }),
      '2026-04-16T00:00:00Z',
    )[0]!;
    expect(untrusted.stop).toMatchObject({ at: '2026-04-14T17:00:00.000Z', basis: 'untrusted', note });
    expect(explainClock(untrusted)).toContain(`was not used (${note})`);
  });

  it('counts the receipt when the OLA says stopTime: received', () => {
    const byReceipt = parsePolicy(policyText.replace('stopTime: claimed', 'stopTime: received'));
    const [c] = computeClocks({
      policy: byReceipt,
      calendars,
      entity: { kind: 'order' },
      events: history(...started, { ...surveyDone('2026-04-14T17:00:00Z', '2026-04-14T14:00:00Z'), ownDelayMs: 1e8 }),
      now: '2026-04-16T00:00:00Z',
    });
    expect(c!.stop).toMatchObject({ at: '2026-04-14T17:00:00.000Z', basis: 'received' });
  });

  it('a clock that starts while the entity waits on the buyer starts paused', () => {
    const events = history(
      submitted('2026-04-13T08:00:00Z'),
      state('pending', '2026-04-13T09:00:00Z'),
      { type: 'milestone', milestone: 'siteReady', at: '2026-04-13T10:00:00Z' },
      state('inProgress', '2026-04-14T08:00:00Z'),
    );
    const paused = evaluate(events, '2026-04-13T12:00:00Z')[1]!;
    expect(paused).toMatchObject({
      state: 'paused',
      elapsedMs: 0,
      pauses: [{ from: '2026-04-13T10:00:00.000Z', reason: 'pending' }],
    });
    expect(evaluate(events, '2026-04-14T09:00:00Z')[1]).toMatchObject({
      state: 'running',
      elapsedMs: 3_600_000,
      dueAt: '2026-04-14T12:00:00.000Z',
    }); // 4h from 09:00 BST
  });
});

describe('reopened faults', () => {
  const uk = loadTemplate('uk-ethernet-carrier.yaml');
  const p1 = { kind: 'ticket' as const, priority: 'P1' };
  const restoration = (events: SlaEvent[], now: string) =>
    clock(computeClocks({ ...uk, entity: p1, events, now }), 'restoration-p1');
  const opened = [submitted('2026-03-02T10:00:00Z'), state('inProgress', '2026-03-02T10:10:00Z')];

  it('continue from where they stopped; the stopped time does not count', () => {
    const events = history(
      ...opened,
      state('resolved', '2026-03-02T13:00:00Z'),
      state('inProgress', '2026-03-02T14:00:00Z'),
    );
    expect(restoration(events, '2026-03-02T13:30:00Z')).toMatchObject({
      state: 'met',
      stoppedAt: '2026-03-02T13:00:00.000Z',
    });
    const c = restoration(events, '2026-03-02T15:00:00Z');
    expect(c).toMatchObject({
      state: 'running',
      stoppedAt: null,
      dueAt: '2026-03-02T16:00:00.000Z',
      elapsedMs: 4 * 3_600_000,
    });
    expect(c.pauses).toEqual([
      {
        from: '2026-03-02T13:00:00.000Z',
        to: '2026-03-02T14:00:00.000Z',
        claimedAt: '2026-03-02T13:00:00.000Z',
        claimedTo: '2026-03-02T14:00:00.000Z',
        reason: 'reopened',
      },
    ]);
  });

  it('stay breached if they were resolved late, and keep counting the overrun', () => {
    const events = history(
      ...opened,
      state('resolved', '2026-03-02T16:00:00Z'),
      state('inProgress', '2026-03-02T17:00:00Z'),
      state('resolved', '2026-03-02T18:00:00Z'),
    );
    const c = restoration(events, '2026-03-03T00:00:00Z');
    expect(c).toMatchObject({
      state: 'breached',
      breachedAt: '2026-03-02T15:00:00.000Z',
      stoppedAt: '2026-03-02T18:00:00.000Z',
      overrunMs: 2 * 3_600_000,
    });
  });
});
