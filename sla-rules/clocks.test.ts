import { describe, expect, it } from 'vitest';
import { computeClocks } from './clocks.js';
import { committed, submitted, history, state } from './test-fixtures.js';
import type { SlaEvent } from './types.js';
import { clock, clocksAt, order, p1, uk } from './uk-template.fixtures.js';

describe('OLA selection', () => {
  it('gives an order its four order clocks and a ticket the first matching OLA per metric', () => {
    expect(clocksAt(order, [], '2026-04-14T10:00:00Z').map((c) => c.olaId)).toEqual([
      'order-ack',
      'firm-commit-date',
      'delivery-lead-time',
      'delivery-committed-date',
    ]);
    expect(clocksAt(p1, [], '2026-04-14T10:00:00Z').map((c) => c.olaId)).toEqual(['fault-response', 'restoration-p1']);
    expect(clocksAt({ kind: 'ticket', priority: 'P4' }, [], '2026-04-14T10:00:00Z').map((c) => c.olaId)).toEqual([
      'fault-response',
      'restoration-other',
    ]);
    expect(
      clocksAt(order, [], '2026-04-14T10:00:00Z').every((c) => c.state === 'notStarted' && c.policyVersion === 1),
    ).toBe(true);
  });
});

describe('30-working-day delivery over two bank holidays and weekends', () => {
  // Day 0 is Tue 14 Apr 2026; Mon 4 May and Mon 25 May are bank holidays; day 30 is Thu 28 May, close 17:30 BST.
  const events = history(
    submitted('2026-04-14T10:00:00Z'),
    state('acknowledged', '2026-04-14T11:00:00Z'),
    state('inProgress', '2026-04-15T09:00:00Z'),
  );

  it('is due, and breaches, at close of business on the 30th working day', () => {
    const before = clock(clocksAt(order, events, '2026-05-28T16:29:59.999Z'), 'delivery-lead-time');
    expect(before).toMatchObject({
      state: 'running',
      startedAt: '2026-04-14T10:00:00.000Z',
      dueAt: '2026-05-28T16:30:00.000Z',
      breachedAt: null,
    });
    expect(before.remainingMs).toBe(1);
    const at = clock(clocksAt(order, events, '2026-05-28T16:30:00Z'), 'delivery-lead-time');
    expect(at).toMatchObject({
      state: 'breached',
      breachedAt: '2026-05-28T16:30:00.000Z',
      remainingMs: 0,
      percentage: 100,
    });
    // 6.5h on day 0 and 30 days of 8.5h.
    expect(at.targetMs).toBe((6.5 + 30 * 8.5) * 3_600_000);
  });

  it('puts jeopardy at 50/75/90% of the business time', () => {
    const c = clock(clocksAt(order, events, '2026-05-20T12:00:00Z'), 'delivery-lead-time');
    expect(c.jeopardy).toEqual([
      { threshold: 50, at: '2026-05-06T13:15:00.000Z', reached: true }, // 130.75h: 14 days after day 0, then 5h15
      { threshold: 75, at: '2026-05-18T10:37:30.000Z', reached: true }, // 196.125h
      { threshold: 90, at: '2026-05-22T15:51:00.000Z', reached: false }, // 235.35h
    ]);
  });

  it('is met by a completion before the due instant and breached by one at it', () => {
    const met = history(...events.map(toItem), state('completed', '2026-05-28T16:29:00Z'));
    expect(clock(clocksAt(order, met, '2026-06-30T00:00:00Z'), 'delivery-lead-time')).toMatchObject({
      state: 'met',
      stoppedAt: '2026-05-28T16:29:00.000Z',
      overrunMs: 0,
    });
    const late = history(...events.map(toItem), state('completed', '2026-05-29T09:00:00Z'));
    const c = clock(clocksAt(order, late, '2026-06-30T00:00:00Z'), 'delivery-lead-time');
    expect(c).toMatchObject({
      state: 'breached',
      breachedAt: '2026-05-28T16:30:00.000Z',
      stoppedAt: '2026-05-29T09:00:00.000Z',
      endedBy: 'stop',
    });
    expect(c.overrunMs).toBe(60 * 60_000); // completed Fri 10:00 BST: one business hour after the 09:00 opening
  });
});

const toItem = (e: SlaEvent) => ({
  type: e.type,
  state: e.state,
  committedDate: e.committedDate,
  at: String(e.receivedAt),
  claimed: String(e.occurredAt),
});

describe('committed date', () => {
  const base = [
    submitted('2026-04-14T10:00:00Z'),
    state('acknowledged', '2026-04-14T11:00:00Z'),
    committed('2026-05-20T16:00:00Z', '2026-04-16T10:00:00Z'),
  ];

  it('does not run until a committed date exists, then stops the firm-commit clock', () => {
    const early = clocksAt(order, history(...base.slice(0, 2)), '2026-04-15T10:00:00Z');
    expect(clock(early, 'delivery-committed-date')).toMatchObject({ state: 'notStarted', dueAt: null });
    const clocks = clocksAt(order, history(...base), '2026-04-20T10:00:00Z');
    expect(clock(clocks, 'firm-commit-date')).toMatchObject({
      state: 'met',
      stoppedAt: '2026-04-16T10:00:00.000Z',
      dueAt: '2026-04-21T16:30:00.000Z',
    });
    expect(clock(clocks, 'delivery-committed-date')).toMatchObject({
      state: 'running',
      startedAt: '2026-04-16T10:00:00.000Z',
      dueAt: '2026-05-20T16:00:00.000Z',
      committedDate: '2026-05-20T16:00:00Z',
    });
  });

  it('a changed committed date moves only the committed-date clock', () => {
    const moved = history(...base, committed('2026-05-27', '2026-05-01T10:00:00Z'));
    const now = '2026-05-05T12:00:00Z';
    const before = clocksAt(order, history(...base), now);
    const after = clocksAt(order, moved, now);
    for (const id of ['order-ack', 'firm-commit-date', 'delivery-lead-time'])
      expect(clock(after, id)).toEqual(clock(before, id));
    // A bare date is due at close of business that day: 17:30 BST.
    expect(clock(after, 'delivery-committed-date')).toMatchObject({
      dueAt: '2026-05-27T16:30:00.000Z',
      committedDate: '2026-05-27',
    });
  });

  it('keeps jeopardy already reached when a re-commit re-bases the target, and ignores a re-commit after the due instant', () => {
    const recommitLate = history(
      ...base,
      committed('2026-06-30', '2026-05-15T10:00:00Z'),
      committed('2026-07-30', '2026-05-21T10:00:00Z'),
    );
    const c = clock(clocksAt(order, recommitLate, '2026-05-22T10:00:00Z'), 'delivery-committed-date');
    const first = clock(clocksAt(order, history(...base), '2026-05-15T10:00:00Z'), 'delivery-committed-date');
    expect(c.jeopardy[0]).toEqual(first.jeopardy[0]); // 50% was reached before the re-commit
    // Each re-commit came before the due instant then in force, so the latest applies.
    expect(c).toMatchObject({ state: 'running', committedDate: '2026-07-30', dueAt: '2026-07-30T16:30:00.000Z' });
    const afterDue = history(...base, committed('2026-06-30', '2026-05-21T10:00:00Z'));
    const breached = clock(clocksAt(order, afterDue, '2026-05-22T10:00:00Z'), 'delivery-committed-date');
    expect(breached).toMatchObject({
      state: 'breached',
      breachedAt: '2026-05-20T16:00:00.000Z',
      committedDate: '2026-05-20T16:00:00Z',
    });
    expect(breached.notes[0]).toMatch(/after the due instant: not applied/);
  });

  it('a committed date in closed time rolls to the next opening', () => {
    const weekend = history(...base.slice(0, 2), committed('2026-05-23T12:00:00Z', '2026-04-16T10:00:00Z')); // a Saturday
    expect(clock(clocksAt(order, weekend, '2026-04-20T10:00:00Z'), 'delivery-committed-date').dueAt).toBe(
      '2026-05-26T08:00:00.000Z',
    ); // Tue after the bank holiday, 09:00 BST
  });
});

describe('acknowledgement, cancellation and next-working-day targets', () => {
  it('measures acknowledgement in business hours and cancels open clocks on cancellation', () => {
    const events = history(
      submitted('2026-04-17T15:00:00Z'),
      state('acknowledged', '2026-04-20T09:00:00Z'),
      state('cancelled', '2026-04-21T09:00:00Z'),
    );
    const clocks = clocksAt(order, events, '2026-04-22T00:00:00Z');
    expect(clock(clocks, 'order-ack')).toMatchObject({
      state: 'met',
      dueAt: '2026-04-20T10:30:00.000Z',
      elapsedMs: 2.5 * 3_600_000,
    }); // Fri 16:00 BST: 1.5h, then Mon 09:00 BST + 2.5h
    expect(clock(clocks, 'delivery-lead-time')).toMatchObject({ state: 'cancelled', endedBy: 'cancel' });
    expect(clock(clocks, 'delivery-committed-date')).toMatchObject({ state: 'cancelled', startedAt: null });
  });

  it('a P3 fault is due by 17:00 on the next working day (Easter)', () => {
    const events = history(submitted('2026-04-02T13:00:00Z'));
    expect(
      clock(clocksAt({ kind: 'ticket', priority: 'P3' }, events, '2026-04-02T14:00:00Z'), 'restoration-p3').dueAt,
    ).toBe('2026-04-07T16:00:00.000Z');
  });

  it('a leadTime target without a lead time has no due instant and says why', () => {
    const c = clock(
      clocksAt({ kind: 'order' }, history(submitted('2026-04-14T10:00:00Z')), '2026-04-15T10:00:00Z'),
      'delivery-lead-time',
    );
    expect(c).toMatchObject({ state: 'running', dueAt: null, targetMs: null });
    expect(c.notes).toEqual(['the entity has no lead time; no due instant']);
  });
});

describe('a buyer-requested date change restarts the delivery clock when the policy says so', () => {
  const restarting = {
    ...uk,
    policy: {
      ...uk.policy,
      olas: uk.policy.olas.map((o) =>
        o.id === 'delivery-lead-time' ? { ...o, restart: [{ event: 'requestedDateChanged' }] } : o,
      ),
    },
  };
  const at = (events: SlaEvent[], now: string) =>
    clock(computeClocks({ ...restarting, entity: order, events, now }), 'delivery-lead-time');
  const base = [
    submitted('2026-04-14T10:00:00Z'),
    state('acknowledged', '2026-04-14T11:00:00Z'),
    state('inProgress', '2026-04-15T09:00:00Z'),
  ] as const;

  it('runs its 30 working days again from the change, and says so', () => {
    // Changed on Thu 23 Apr 2026 at 10:00 BST; 30 working days on (bank holidays 4 and 25 May) is Mon 8 Jun, close.
    const restarted = at(
      history(...base, { type: 'requestedDateChanged', at: '2026-04-23T09:00:00Z' }),
      '2026-05-01T09:00:00Z',
    );
    expect(restarted).toMatchObject({ state: 'running', startedAt: '2026-04-23T09:00:00.000Z' });
    expect(restarted.dueAt).toBe('2026-06-08T16:30:00.000Z');
    expect(restarted.notes.join('; ')).toMatch(/restarted at 2026-04-23T09:00:00.000Z by requestedDateChanged/);
    // Without the rule the same events leave the clock as it was.
    const kept = clock(
      clocksAt(
        order,
        history(...base, { type: 'requestedDateChanged', at: '2026-04-23T09:00:00Z' }),
        '2026-05-01T09:00:00Z',
      ),
      'delivery-lead-time',
    );
    expect(kept.startedAt).toBe('2026-04-14T10:00:00.000Z');
  });

  it('never restarts a clock already past due: the breach stands', () => {
    const late = at(
      history(...base, { type: 'requestedDateChanged', at: '2026-06-01T09:00:00Z' }),
      '2026-06-02T09:00:00Z',
    );
    expect(late).toMatchObject({ state: 'breached', startedAt: '2026-04-14T10:00:00.000Z' });
    expect(late.breachedAt).toBe('2026-05-28T16:30:00.000Z');
  });
});
