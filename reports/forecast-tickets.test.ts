import { describe, expect, it } from 'vitest';
import { MIN_TICKET_HISTORY, onTimeGiven } from './forecast-tickets.js';

describe('onTimeGiven: the chance an open ticket clock ends within its target, from the clocks like it', () => {
  // 18 clocks: shares of their target taken.
  const history = [0.5, 0.5, 0.5, 0.5, 0.8, 0.8, 0.8, 0.8, 0.9, 0.9, 0.9, 0.9, 1.25, 1.25, 1.5, 1.5, 2, 2];

  it('counts only the clocks that took longer than this one has so far', () => {
    // 3/4 of the way: 14 took longer, 8 of them within the target; the 6 late ones took a median 1.5.
    expect(onTimeGiven(history, 0.75)).toEqual({ onTime: 8 / 14, lateShare: 1.5 });
    // Just started: all 18 count, 12 within.
    expect(onTimeGiven(history, 0)).toEqual({ onTime: 12 / 18, lateShare: 1.5 });
  });

  it('says nothing below the minimum history, and 0 once the target is used up', () => {
    expect(MIN_TICKET_HISTORY).toBe(10);
    expect(onTimeGiven(history, 0.85)).toEqual({ onTime: 4 / 10, lateShare: 1.5 });
    expect(onTimeGiven(history, 0.95)).toBeUndefined(); // only 6 took longer
    expect(onTimeGiven([...history, ...history], 1.1)).toEqual({ onTime: 0, lateShare: 1.5 });
  });

  it('is a probability that falls as the clock runs on', () => {
    const shares = history.concat(history.map((s) => s * 1.1));
    let previous = 1;
    for (let share = 0; share < 1; share += 0.05) {
      const told = onTimeGiven(shares, share);
      if (!told) break;
      expect(told.onTime).toBeGreaterThanOrEqual(0);
      expect(told.onTime).toBeLessThanOrEqual(previous + 1e-12);
      previous = told.onTime;
    }
  });
});
