import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeClocks } from './clocks.js';
import { DAY, MINUTE, toIso, toMs } from './instants.js';
import { loadTemplate } from './test-fixtures.js';
import type { Clock, SlaEntity, SlaEvent } from './types.js';

const runs = { numRuns: 1000 };
const uk = loadTemplate('uk-ethernet-carrier.yaml');

const entities: SlaEntity[] = [
  { kind: 'order', product: 'ethernet-1g', leadTimeDays: 20 },
  { kind: 'order', leadTimeDays: 45 },
  { kind: 'ticket', priority: 'P1' },
  { kind: 'ticket', priority: 'P2' },
  { kind: 'ticket', priority: 'P3' },
  { kind: 'ticket', priority: 'P4' },
];
const states = {
  order: ['acknowledged', 'inProgress', 'pending', 'held', 'pending'],
  ticket: ['acknowledged', 'inProgress', 'pending', 'held', 'pending'],
};
const endings = { order: ['completed', 'cancelled', 'rejected'], ticket: ['resolved', 'cancelled', 'closed'] };

const stepArb = fc.record({
  gap: fc.integer({ min: 1, max: 4 * 24 * 60 }).map((m) => m * MINUTE),
  kind: fc.constantFrom('state', 'state', 'state', 'commit'),
  pick: fc.nat(),
  /** Carriers back-date their claims; a stop may use them only within its bounds. */
  backDate: fc.integer({ min: 0, max: 5 * 24 * 60 }).map((m) => m * MINUTE),
  /** Of the delay, what Tailgate says was its own (its downtime). */
  ownDelay: fc.oneof(
    fc.constant(0),
    fc.integer({ min: 0, max: 24 * 60 }).map((m) => m * MINUTE),
  ),
  /** Re-commits move the date by this many days (negative: earlier), unless `laterOnly`. */
  commitShift: fc.integer({ min: -10, max: 30 }),
  dateOnly: fc.boolean(),
});

const scenarioArb = fc.record({
  entity: fc.constantFrom(...entities),
  start: fc.integer({ min: toMs('2026-01-05T00:00:00Z'), max: toMs('2026-11-01T00:00:00Z') }),
  steps: fc.array(stepArb, { maxLength: 12 }),
  end: fc.option(
    fc.tuple(
      fc.nat(),
      fc.integer({ min: 1, max: 20 * 24 * 60 }).map((m) => m * MINUTE),
    ),
    { nil: undefined },
  ),
  /** Events after the end: late noise, and reopened faults. */
  afterEnd: fc.array(stepArb, { maxLength: 3 }),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

/** A receipt-ordered history from a scenario; with `laterOnly`, committed dates never move earlier. */
function buildEvents({ entity, start, steps, end, afterEnd }: Scenario, laterOnly = false): SlaEvent[] {
  const events: SlaEvent[] = [
    { seq: 0, type: 'submitted', occurredAt: toIso(start), receivedAt: toIso(start), source: 'adapter' },
  ];
  let t = start;
  let commit = start + 20 * DAY;
  const all = end ? [...steps, 'end' as const, ...afterEnd] : steps;
  for (const s of all) {
    if (s === 'end') {
      t += end![1];
      const list = endings[entity.kind];
      events.push({
        seq: events.length,
        type: 'state',
        state: list[end![0] % list.length]!,
        occurredAt: toIso(t),
        receivedAt: toIso(t),
        source: 'carrier',
      });
      continue;
    }
    t += s.gap;
    const base = {
      seq: events.length,
      occurredAt: toIso(t - s.backDate),
      receivedAt: toIso(t),
      source: 'carrier',
      ownDelayMs: s.ownDelay,
    };
    if (s.kind === 'commit' && entity.kind === 'order') {
      commit += (laterOnly ? Math.abs(s.commitShift) : s.commitShift) * DAY;
      events.push({
        ...base,
        type: 'committedDate',
        committedDate: s.dateOnly ? toIso(commit).slice(0, 10) : toIso(commit),
      });
    } else {
      const list = states[entity.kind];
      events.push({ ...base, type: 'state', state: list[s.pick % list.length]! });
    }
  }
  return events;
}

const evaluate = (scenario: Scenario, events: SlaEvent[], now: number) =>
  computeClocks({ ...uk, entity: scenario.entity, events, now });
/** The same policy with every stop counted at its receipt: what was reached then never un-happens. */
const byReceipt = {
  ...uk,
  policy: { ...uk.policy, olas: uk.policy.olas.map((o) => ({ ...o, stopTime: 'received' as const })) },
};
const lastReceipt = (events: SlaEvent[]) => toMs(events[events.length - 1]!.receivedAt);

/** Invariants any single clock must satisfy. */
function checkClock(c: Clock, now: number): void {
  const due = c.dueAt === null ? null : toMs(c.dueAt);
  if (c.state === 'running' && due !== null) expect(now).toBeLessThan(due);
  // Paused, the due instant is where it would fall on resuming now: now itself once no time is left.
  if (c.state === 'paused' && due !== null) expect(now).toBeLessThanOrEqual(due);
  if (c.state === 'breached') {
    expect(c.breachedAt).toBe(c.dueAt);
    expect(toMs(c.breachedAt!)).toBeLessThanOrEqual(c.stoppedAt === null ? now : toMs(c.stoppedAt));
  }
  if (c.state === 'met') expect(toMs(c.stoppedAt!)).toBeLessThan(due!);
  expect(c.elapsedMs).toBeGreaterThanOrEqual(0);
  expect(c.pausedMs).toBeGreaterThanOrEqual(0);
  if (c.targetMs !== null) expect(c.elapsedMs + c.remainingMs).toBe(Math.max(c.targetMs, c.elapsedMs));
  const ats = c.jeopardy
    .map((j) => j.at)
    .filter((a): a is string => a !== null)
    .map(toMs);
  expect(ats).toEqual([...ats].sort((a, b) => a - b));
  if (due !== null) for (const at of ats) expect(at).toBeLessThanOrEqual(due);
  if (c.stop) {
    // A claimed stop lies within its bounds: never after its receipt, nor before the start, nor further back than
    // the tolerance plus Tailgate's own delay.
    const { at, receivedAt, allowedMs } = c.stop;
    expect(toMs(at)).toBeLessThanOrEqual(toMs(receivedAt));
    expect(toMs(at)).toBeGreaterThanOrEqual(toMs(receivedAt) - allowedMs);
    expect(toMs(at)).toBeGreaterThanOrEqual(toMs(c.startedAt!));
  }
  if (c.measure === 'clock' && c.startedAt !== null) {
    // 24x7: running plus paused time is exactly the wall time since the start.
    expect(c.elapsedMs + c.pausedMs).toBe((c.stoppedAt === null ? now : toMs(c.stoppedAt)) - toMs(c.startedAt));
  }
}

describe('clock invariants (properties)', () => {
  it('the same history always gives the same clocks, whatever the array order and object identity', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 0, max: 60 * DAY }), (scenario, later) => {
        const events = buildEvents(scenario);
        const now = lastReceipt(events) + later;
        const first = evaluate(scenario, events, now);
        expect(evaluate(scenario, structuredClone(events).reverse(), now)).toEqual(first);
        expect(computeClocks({ ...structuredClone(uk), entity: scenario.entity, events, now: toIso(now) })).toEqual(
          first,
        );
      }),
      runs,
    );
  });

  it('as now advances, elapsed never decreases and facts (jeopardy, breach, end) never un-happen, stops counted on receipt', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.array(fc.integer({ min: 0, max: 90 * DAY }), { minLength: 2, maxLength: 6 }),
        (scenario, offsets) => {
          const events = buildEvents(scenario);
          const nows = offsets.map((o) => scenario.start + o).sort((a, b) => a - b);
          let previous: Clock[] | undefined;
          for (const now of nows) {
            const clocks = computeClocks({ ...byReceipt, entity: scenario.entity, events, now });
            clocks.forEach((c) => checkClock(c, now));
            previous?.forEach((p, i) => {
              const c = clocks[i]!;
              expect(c.elapsedMs).toBeGreaterThanOrEqual(p.elapsedMs);
              if (p.state === 'breached') expect(c).toMatchObject({ state: 'breached', breachedAt: p.breachedAt });
              // Only a reopened fault (an event after the end) may bring a met clock back to life.
              if ((p.state === 'met' && scenario.afterEnd.length === 0) || p.state === 'cancelled')
                expect(c.state).toBe(p.state);
              p.jeopardy.forEach((j, k) => {
                if (j.reached) expect(c.jeopardy[k]).toEqual(j);
              });
            });
            previous = clocks;
          }
        },
      ),
      runs,
    );
  });

  it('a buyer pause never brings a due instant earlier', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.oneof(fc.nat({ max: 2 }), fc.nat()),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (scenario, at, u1, u2) => {
          const events = buildEvents(scenario, true);
          const i = at % events.length;
          const current = [...events.slice(0, i + 1)].reverse().find((e) => e.type === 'state')?.state ?? 'inProgress';
          fc.pre(current !== 'pending' && !endings[scenario.entity.kind].includes(current));
          const from = toMs(events[i]!.receivedAt);
          const to = i + 1 < events.length ? toMs(events[i + 1]!.receivedAt) : from + 10 * DAY;
          const pauseAt = Math.floor(from + (to - from) * u1);
          const resumeAt = Math.floor(pauseAt + (to - pauseAt) * u2);
          const paused: SlaEvent[] = [
            ...events.slice(0, i + 1),
            { seq: 0, type: 'state', state: 'pending', occurredAt: toIso(pauseAt), receivedAt: toIso(pauseAt) },
            { seq: 0, type: 'state', state: current, occurredAt: toIso(resumeAt), receivedAt: toIso(resumeAt) },
            ...events.slice(i + 1),
          ].map((e, seq) => ({ ...e, seq }));
          const now = lastReceipt(paused) + 400 * DAY;
          const before = evaluate(scenario, events, now);
          const after = evaluate(scenario, paused, now);
          before.forEach((b, k) => {
            const a = after[k]!;
            if (b.dueAt !== null && a.dueAt !== null) expect(toMs(a.dueAt)).toBeGreaterThanOrEqual(toMs(b.dueAt));
          });
        },
      ),
      runs,
    );
  });
});
