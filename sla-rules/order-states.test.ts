import { describe, expect, it } from 'vitest';
import { canMove, isFinalOrderState, orderStates } from './order-states.js';

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
