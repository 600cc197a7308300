import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deliveredByGiven, kaplanMeier, survivalAt, timeToDeliver, type Observation } from './kaplan-meier.js';

const delivered = (time: number): Observation => ({ time, delivered: true });
const open = (time: number): Observation => ({ time, delivered: false });

describe('kaplanMeier (worked example)', () => {
  // The textbook example (Freireich et al. 1963, the 6-MP group; e.g. Kleinbaum & Klein, Survival Analysis): 21
  // subjects, 9 events, 12 censored. Read "delivered after N working days" for "relapsed after N weeks".
  const data = [
    ...[6, 6, 6, 7, 10, 13, 16, 22, 23].map(delivered),
    ...[6, 9, 10, 11, 17, 19, 20, 25, 32, 32, 34, 35].map(open),
  ];
  const curve = kaplanMeier(data);

  it('gives the textbook survival at each delivery time, with who was at risk', () => {
    expect(curve.steps.map((s) => [s.time, s.atRisk, s.delivered, Number(s.survival.toFixed(4))])).toEqual([
      [6, 21, 3, 0.8571],
      [7, 17, 1, 0.8067],
      [10, 15, 1, 0.7529],
      [13, 12, 1, 0.6902],
      [16, 11, 1, 0.6275],
      [22, 7, 1, 0.5378],
      [23, 6, 1, 0.4482],
    ]);
    expect(curve).toMatchObject({ observations: 21, delivered: 9 });
  });

  it('answers S(t) between steps, and the time by which a share is delivered', () => {
    expect(survivalAt(curve, 0)).toBe(1);
    expect(survivalAt(curve, 9.5)).toBeCloseTo(0.8067, 4);
    expect(survivalAt(curve, 100)).toBeCloseTo(0.4482, 4);
    expect(timeToDeliver(curve, 0.5)).toBe(23);
    expect(timeToDeliver(curve, 0.2)).toBe(10);
    // Too many censored for 80% ever to be reached.
    expect(timeToDeliver(curve, 0.8)).toBeNull();
  });

  it('gives the chance an order still open is delivered by its due time', () => {
    // Waiting at 10, due at 16: 1 - (11/12 * 10/11) = 1/6.
    expect(deliveredByGiven(curve, 10, 16)).toBeCloseTo(1 / 6, 10);
    expect(deliveredByGiven(curve, 10, 10)).toBe(0);
    expect(deliveredByGiven(kaplanMeier([delivered(1)]), 2, 5)).toBeNull();
  });
});

describe('kaplanMeier (properties)', () => {
  const observation = fc.record({ time: fc.integer({ min: 0, max: 60 }), delivered: fc.boolean() });

  it('is a non-increasing step function from 1 towards 0, and counts every observation', () => {
    fc.assert(
      fc.property(fc.array(observation, { maxLength: 80 }), (data) => {
        const curve = kaplanMeier(data);
        let previous = 1;
        for (const step of curve.steps) {
          expect(step.survival).toBeLessThanOrEqual(previous);
          expect(step.survival).toBeGreaterThanOrEqual(0);
          expect(step.delivered).toBeLessThanOrEqual(step.atRisk);
          previous = step.survival;
        }
        expect(curve.observations).toBe(data.length);
        expect(curve.delivered).toBe(data.filter((o) => o.delivered).length);
      }),
    );
  });

  it('is the plain empirical distribution when nothing is censored', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 80 }),
        fc.integer({ min: 1, max: 100 }),
        (times, percent) => {
          const curve = kaplanMeier(times.map(delivered));
          for (const t of [0, 5, 17, 30, 59]) {
            expect(survivalAt(curve, t)).toBeCloseTo(times.filter((x) => x > t).length / times.length, 10);
          }
          // The smallest time by which at least `percent`% are delivered: the ceil(p·n)-th smallest time.
          const sorted = [...times].sort((a, b) => a - b);
          const rank = Math.ceil((percent / 100) * times.length - 1e-9);
          expect(timeToDeliver(curve, percent / 100)).toBe(sorted[Math.max(rank, 1) - 1]);
        },
      ),
    );
  });

  it('never lowers S by censoring: an order censored later instead of delivered leaves S higher or equal', () => {
    fc.assert(
      fc.property(fc.array(observation, { minLength: 1, maxLength: 60 }), fc.nat(), (data, pick) => {
        const i = pick % data.length;
        if (!data[i]!.delivered) return;
        const censored = data.map((o, j) => (j === i ? { time: o.time, delivered: false } : o));
        for (const t of [0, 10, 30, 60]) {
          expect(survivalAt(kaplanMeier(censored), t)).toBeGreaterThanOrEqual(survivalAt(kaplanMeier(data), t) - 1e-12);
        }
      }),
    );
  });
});
