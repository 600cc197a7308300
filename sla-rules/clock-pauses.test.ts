import { describe, expect, it } from 'vitest';
import { committed, submitted, history, state } from './test-fixtures.js';
import type { Clock, SlaEvent } from './types.js';
import { clock, clocksAt, order, p1 } from './uk-template.fixtures.js';

describe('24x7 restoration with a buyer pause', () => {
  const opened = [submitted('2026-03-02T10:00:00Z'), state('acknowledged', '2026-03-02T10:20:00Z')];

  it('breaches 5 clock hours after opening without a pause', () => {
    const c = clock(clocksAt(p1, history(...opened), '2026-03-02T15:00:00Z'), 'restoration-p1');
    expect(c).toMatchObject({
      state: 'breached',
      measure: 'clock',
      calendar: '24x7',
      dueAt: '2026-03-02T15:00:00.000Z',
      breachedAt: '2026-03-02T15:00:00.000Z',
    });
  });

  it('breaches 2 hours later with a 2-hour pending pause, and held does not pause', () => {
    const events = history(
      ...opened,
      state('pending', '2026-03-02T11:00:00Z'),
      state('held', '2026-03-02T13:00:00Z'),
      state('inProgress', '2026-03-02T14:00:00Z'),
    );
    const during = clock(clocksAt(p1, events, '2026-03-02T12:00:00Z'), 'restoration-p1');
    expect(during).toMatchObject({ state: 'paused', elapsedMs: 3_600_000, pausedMs: 3_600_000 });
    expect(during.dueAt).toBe('2026-03-02T16:00:00.000Z'); // projected as if it resumed now
    const c = clock(clocksAt(p1, events, '2026-03-02T16:59:59.999Z'), 'restoration-p1');
    expect(c).toMatchObject({ state: 'running', dueAt: '2026-03-02T17:00:00.000Z', pausedMs: 2 * 3_600_000 });
    expect(c.pauses).toEqual([
      {
        from: '2026-03-02T11:00:00.000Z',
        to: '2026-03-02T13:00:00.000Z',
        claimedAt: '2026-03-02T11:00:00.000Z',
        claimedTo: '2026-03-02T13:00:00.000Z',
        reason: 'pending',
      },
    ]);
    expect(clock(clocksAt(p1, events, '2026-03-02T17:00:00Z'), 'restoration-p1')).toMatchObject({
      state: 'breached',
      breachedAt: '2026-03-02T17:00:00.000Z',
      elapsedMs: 5 * 3_600_000,
    });
  });

  it('ignores a back-dated pause claim: the pause starts on receipt', () => {
    const honest = history(
      ...opened,
      state('pending', '2026-03-02T12:00:00Z'),
      state('inProgress', '2026-03-02T13:00:00Z'),
    );
    const backDated = history(
      ...opened,
      state('pending', '2026-03-02T12:00:00Z', '2026-03-02T10:30:00Z'),
      state('inProgress', '2026-03-02T13:00:00Z'),
    );
    const a = clocksAt(p1, honest, '2026-03-02T18:00:00Z');
    const b = clocksAt(p1, backDated, '2026-03-02T18:00:00Z');
    const strip = (cs: Clock[]) => cs.map((c) => ({ ...c, pauses: c.pauses.map(({ claimedAt: _, ...p }) => p) }));
    expect(strip(b)).toEqual(strip(a));
    expect(clock(b, 'restoration-p1').pauses[0]).toMatchObject({
      from: '2026-03-02T12:00:00.000Z',
      claimedAt: '2026-03-02T10:30:00.000Z',
    });
    expect(clock(b, 'restoration-p1').dueAt).toBe('2026-03-02T16:00:00.000Z');
  });

  it('does not let a pause received after the due instant un-breach the clock', () => {
    const events = history(...opened, state('pending', '2026-03-02T15:30:00Z'));
    const c = clock(clocksAt(p1, events, '2026-03-02T16:00:00Z'), 'restoration-p1');
    expect(c).toMatchObject({ state: 'breached', dueAt: '2026-03-02T15:00:00.000Z', pauses: [] });
    expect(c.notes[0]).toMatch(/after the due instant/);
  });
});

describe('a clock waiting on the buyer with no time left', () => {
  const ack = [submitted('2026-04-14T10:00:00Z'), state('acknowledged', '2026-04-14T11:00:00Z')];
  const deliveryAt = (events: SlaEvent[], now: string) =>
    clock(clocksAt(order, events, now), 'delivery-committed-date');

  it('paused at the last close of business before the due opening: breaches when it resumes, not while paused', () => {
    // Due Mon 18 May 00:00 UTC rolls to 09:00 BST; the pause arrives Fri 15 May at close (17:30 BST), nothing left.
    const paused = history(
      ...ack,
      committed('2026-05-18T00:00:00Z', '2026-04-16T10:00:00Z'),
      state('pending', '2026-05-15T16:30:00Z'),
    );
    for (const now of ['2026-05-18T09:00:00Z', '2026-05-18T09:00:00.001Z']) {
      expect(deliveryAt(paused, now)).toMatchObject({
        state: 'paused',
        dueAt: new Date(now).toISOString(),
        breachedAt: null,
      });
    }
    const resumed = history(
      ...ack,
      committed('2026-05-18T00:00:00Z', '2026-04-16T10:00:00Z'),
      state('pending', '2026-05-15T16:30:00Z'),
      state('inProgress', '2026-05-19T10:00:00Z'),
    );
    expect(deliveryAt(resumed, '2026-05-19T12:00:00Z')).toMatchObject({
      state: 'breached',
      breachedAt: '2026-05-19T10:00:00.000Z',
    });
  });

  it('a committed date already past, received during a pause, falls due when the clock resumes', () => {
    const pausing = [
      ...ack,
      committed('2026-05-20T16:00:00Z', '2026-04-16T10:00:00Z'),
      state('pending', '2026-05-11T10:00:00Z'),
      committed('2026-05-08', '2026-05-12T10:00:00Z'),
    ];
    const waiting = deliveryAt(history(...pausing), '2026-05-13T10:00:00Z');
    expect(waiting).toMatchObject({ state: 'paused', breachedAt: null });
    expect(waiting.jeopardy.map((j) => j.reached)).toEqual([true, false, false]); // 75% and 90% would fall on resuming
    const resumed = history(...pausing, state('inProgress', '2026-05-14T10:00:00Z'));
    expect(deliveryAt(resumed, '2026-05-14T12:00:00Z')).toMatchObject({
      state: 'breached',
      breachedAt: '2026-05-14T10:00:00.000Z',
    });
  });
});
