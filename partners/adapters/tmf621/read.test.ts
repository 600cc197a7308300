import { describe, expect, it } from 'vitest';
import { loadTmfSpec, tmf621v4SpecFile, tmf621v5SpecFile } from '../../../test/support/tmf-spec.js';
import { PartnerUnavailableError } from '../errors.js';
import { carrierTroubleTicketSchema, readTicketUpdate, ticketSnapshotOf } from './read.js';

const read = (tt: unknown) => ticketSnapshotOf(carrierTroubleTicketSchema.parse(tt));

describe('a carrier TMF621 v4 TroubleTicket read in our terms', () => {
  const spec = loadTmfSpec(tmf621v4SpecFile);

  it('maps a carrier TroubleTicket back to a snapshot, with its status change reason as the explanation', () => {
    const ticket = {
      id: 'TT-7',
      externalId: 'tkt_123',
      description: 'Loss of light',
      severity: 'Major',
      ticketType: 'incident',
      status: 'resolved',
      creationDate: '2027-01-15T09:15:00Z',
      expectedResolutionDate: '2027-01-15T13:15:00.000Z',
      resolutionDate: '2027-01-15T11:02:00.000Z',
      statusChangeReason: 'Fibre spliced at the street cabinet',
      note: [{ author: 'Carrier NOC', text: 'Engineer dispatched' }],
    };
    expect(() => spec.assertValid('TroubleTicket', ticket)).not.toThrow();
    expect(read(ticket)).toEqual({
      partnerTicketId: 'TT-7',
      externalId: 'tkt_123',
      status: 'resolved',
      expectedResolutionDate: '2027-01-15T13:15:00.000Z',
      resolutionDate: '2027-01-15T11:02:00.000Z',
      message: 'Fibre spliced at the street cabinet',
    });
  });

  it('falls back to the carrier latest note, never our own', () => {
    const base = { id: 'TT-8', status: 'inProgress', note: [{ author: 'Tailgate', text: 'Impact: ours' }] };
    expect(read(base).message).toBeUndefined();
    expect(read({ ...base, note: [...base.note, { author: 'NOC', text: 'Engineer on site' }] }).message).toBe(
      'Engineer on site',
    );
  });

  it('refuses a status it cannot interpret as a carrier fault', () => {
    expect(() => read({ id: 'TT-9', status: 'fixedProbably' })).toThrow(PartnerUnavailableError);
  });
});

describe('a carrier TMF621 v5 TroubleTicket read in our terms', () => {
  const spec = loadTmfSpec(tmf621v5SpecFile);

  it('maps a carrier TroubleTicket back to a snapshot, finding our id among the external identifiers', () => {
    const ticket = {
      '@type': 'TroubleTicket',
      id: 'TT-7',
      externalIdentifier: [
        { '@type': 'ExternalIdentifier', id: 'carrier-crm-1', owner: 'Carrier' },
        { '@type': 'ExternalIdentifier', id: 'tkt_123', owner: 'Tailgate' },
      ],
      status: 'pending',
      expectedResolutionDate: '2027-01-15T13:15:00.000Z',
      statusChangeReason: 'Please confirm site access hours',
      note: [{ '@type': 'Note', author: 'Carrier NOC', text: 'Engineer dispatched' }],
      statusChangeHistory: [{ '@type': 'StatusChange', status: 'pending', statusChangeDate: '2027-01-15T10:00:00Z' }],
    };
    expect(() => spec.assertValid('TroubleTicket', ticket)).not.toThrow();
    expect(read(ticket)).toEqual({
      partnerTicketId: 'TT-7',
      externalId: 'tkt_123',
      status: 'pending',
      expectedResolutionDate: '2027-01-15T13:15:00.000Z',
      resolutionDate: undefined,
      message: 'Please confirm site access hours',
    });
  });
});

describe('a TroubleTicket received at our listener or TMF621 server', () => {
  it('is read by the same rules: the status change reason, else the carrier latest note, never ours', () => {
    const notes = [
      { author: 'NOC', text: 'Engineer on site' },
      { author: 'Tailgate', text: 'Impact: ours' },
    ];
    expect(readTicketUpdate({ id: 'TT-1', status: 'inProgress', note: notes }).message).toBe('Engineer on site');
    expect(readTicketUpdate({ id: 'TT-1', status: 'resolved', statusChangeReason: 'Spliced', note: notes })).toEqual({
      status: 'resolved',
      expectedResolutionDate: undefined,
      resolutionDate: undefined,
      message: 'Spliced',
    });
  });
});
