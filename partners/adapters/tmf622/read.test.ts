import { describe, expect, it } from 'vitest';
import { loadTmfSpec, tmf622v4SpecFile, tmf622v5SpecFile } from '../../../test/support/tmf-spec.js';
import { PartnerUnavailableError } from '../errors.js';
import { carrierProductOrderSchema, readOrderUpdate, snapshotOf } from './read.js';

const read = (po: unknown) => snapshotOf(carrierProductOrderSchema.parse(po));

describe('a carrier TMF622 v4 ProductOrder read in our terms', () => {
  const spec = loadTmfSpec(tmf622v4SpecFile);

  it('maps a carrier ProductOrder back to a snapshot', () => {
    const productOrder = {
      id: 'PO-7',
      externalId: 'ord_123',
      state: 'inProgress',
      expectedCompletionDate: '2027-01-20T00:00:00Z',
      note: [
        { author: 'Tailgate', text: 'Site contact: Ann' },
        { author: 'Carrier NOC', text: 'Survey booked' },
      ],
      productOrderItem: [{ id: '1', action: 'add' }],
    };
    expect(() => spec.assertValid('ProductOrder', productOrder)).not.toThrow();
    expect(read(productOrder)).toEqual({
      partnerOrderId: 'PO-7',
      externalId: 'ord_123',
      state: 'inProgress',
      committedDate: '2027-01-20T00:00:00.000Z',
      completionDate: undefined,
      message: 'Survey booked',
    });
  });

  it('prefers an error message or state reason over notes, and never reports our own note as theirs', () => {
    const base = { id: 'PO-8', state: 'failed', note: [{ author: 'Tailgate', text: 'ours' }] };
    expect(read(base).message).toBeUndefined();
    expect(read({ ...base, stateReason: 'No capacity' }).message).toBe('No capacity');
    expect(read({ ...base, errorMessage: [{ reason: 'Duct blocked', message: 'civils needed' }] }).message).toBe(
      'Duct blocked: civils needed',
    );
  });

  it('refuses a state it cannot interpret as a carrier fault', () => {
    expect(() => read({ id: 'PO-9', state: 'teleported' })).toThrow(PartnerUnavailableError);
  });
});

describe('a carrier TMF622 v5 ProductOrder read in our terms', () => {
  const spec = loadTmfSpec(tmf622v5SpecFile);

  it('maps a carrier ProductOrder back to a snapshot, with its error message as the explanation', () => {
    const productOrder = {
      '@type': 'ProductOrder',
      id: 'PO-7',
      externalId: [
        { '@type': 'ExternalIdentifier', id: 'carrier-crm-1', owner: 'Carrier' },
        { '@type': 'ExternalIdentifier', id: 'ord_123', owner: 'Tailgate' },
      ],
      state: 'failed',
      expectedCompletionDate: '2027-01-20T00:00:00Z',
      productOrderErrorMessage: [
        { '@type': 'ProductOrderErrorMessage', code: 'E42', reason: 'No capacity', message: 'Exchange full' },
      ],
      note: [{ '@type': 'Note', author: 'Carrier NOC', text: 'Sorry' }],
      productOrderItem: [{ '@type': 'ProductOrderItem', id: '1', action: 'add' }],
    };
    expect(() => spec.assertValid('ProductOrder', productOrder)).not.toThrow();
    expect(read(productOrder)).toEqual({
      partnerOrderId: 'PO-7',
      externalId: 'ord_123',
      state: 'failed',
      committedDate: '2027-01-20T00:00:00.000Z',
      completionDate: undefined,
      message: 'No capacity: Exchange full',
    });
  });

  it('reads the v5 sub-state inProgress.accepted as inProgress', () => {
    expect(read({ id: 'PO-1', state: 'inProgress.accepted' }).state).toBe('inProgress');
  });
});

describe('a ProductOrder received at our listener or TMF622 server', () => {
  it('is read by the same rules: the carrier explanation, never our own note, instants in UTC', () => {
    const update = readOrderUpdate({
      id: 'PO-7',
      state: 'inProgress',
      expectedCompletionDate: '2027-01-20T18:00:00+01:00',
      note: [
        { author: 'Carrier NOC', text: 'Survey booked' },
        { author: 'Tailgate', text: 'Site contact: Ann' },
      ],
    });
    expect(update).toEqual({
      state: 'inProgress',
      committedDate: '2027-01-20T17:00:00.000Z',
      completionDate: undefined,
      message: 'Survey booked',
    });
  });

  it('reads an attribute it cannot make sense of as absent, keeping the state change beside it', () => {
    expect(readOrderUpdate({ id: 'PO-7', state: 'completed', completionDate: 'soon', note: 'n/a' })).toEqual({
      state: 'completed',
      committedDate: undefined,
      completionDate: undefined,
      message: undefined,
    });
  });
});
