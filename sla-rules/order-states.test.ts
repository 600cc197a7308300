import { describe, expect, it } from 'vitest';
import { canMove, canReach, isFinalOrderState, orderStates } from './order-states.js';

describe('TMF622 order state machine', () => {
  it('follows the happy path and allows cancellation while in flight', () => {
    expect(canMove('acknowledged', 'inProgress')).toBe(true);
    expect(canMove('inProgress', 'completed')).toBe(true);
    expect(canMove('inProgress', 'assessingCancellation')).toBe(true);
    expect(canMove('assessingCancellation', 'pendingCancellation')).toBe(true);
    expect(canMove('pendingCancellation', 'cancelled')).toBe(true);
  });

  it('never leaves a final state', () => {
    for (const from of orderStates.filter(isFinalOrderState)) {
      for (const to of orderStates) expect(canMove(from, to), `${from} -> ${to}`).toBe(from === to);
    }
  });

  it('refuses moves the carrier may not make', () => {
    expect(canMove('acknowledged', 'completed')).toBe(false);
    expect(canMove('pendingCancellation', 'inProgress')).toBe(false);
  });
});

describe('canReach (for polled snapshots)', () => {
  it('accepts a state the carrier reached through steps we did not see', () => {
    expect(canReach('acknowledged', 'completed')).toBe(true);
    expect(canReach('held', 'completed')).toBe(true);
  });
  it('never reaches out of a final state or back to an earlier one', () => {
    expect(canReach('completed', 'inProgress')).toBe(false);
    expect(canReach('pendingCancellation', 'completed')).toBe(false);
  });
});
