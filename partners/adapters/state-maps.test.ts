import { describe, expect, it } from 'vitest';
import { mapOrderState, mapTicketStatus, unmappedState } from './state-maps.js';
import { carrierProductOrderSchema, snapshotOf } from './tmf622/read.js';

describe("a carrier's own state values", () => {
  it('are read through the partner’s map first, then as TMF values (v5 draft and sub-states included)', () => {
    const map = { provisioning: 'inProgress', held: 'pending' } as const;
    expect(mapOrderState('provisioning', map)).toBe('inProgress');
    expect(mapOrderState('held', map)).toBe('pending');
    expect(mapOrderState('completed', map)).toBe('completed');
    expect(mapOrderState('inProgress.accepted')).toBe('inProgress');
    expect(mapOrderState('draft')).toBe('acknowledged');
    expect(mapTicketStatus('awaitingCustomer', { awaitingCustomer: 'pending' })).toBe('pending');
  });

  it('are not guessed at when neither names them, nor taken from the map’s prototype', () => {
    expect(mapOrderState('provisioning')).toBeUndefined();
    expect(mapOrderState('constructor', {})).toBeUndefined();
    expect(mapTicketStatus('toString', {})).toBeUndefined();
    expect(unmappedState('order', 'provisioning')).toBe(
      `"provisioning" is not a TMF622 ProductOrder state and not in the partner's adapter.stateMap.order: add it there`,
    );
  });

  it('fail an adapter answer with the setting to add the value to (retryable: a fixed map reads the next one)', () => {
    const po = carrierProductOrderSchema.parse({ id: 'PO-1', state: 'provisioning' });
    expect(() => snapshotOf(po)).toThrow(/adapter\.stateMap\.order/);
    expect(snapshotOf(po, { provisioning: 'inProgress' }).state).toBe('inProgress');
  });
});
