import { describe, expect, it } from 'vitest';
import { loadTmfSpec, tmf621v5SpecFile } from '../../../test/support/tmf-spec.js';
import { sampleTicket } from '../test-fixtures.js';
import { toHubFvoV5, toStatusUpdateV5, toTicketSnapshotFromV5, toTroubleTicketFvoV5 } from './mapper.js';

const spec = loadTmfSpec(tmf621v5SpecFile);

describe('TMF621 v5 mapper', () => {
  it('builds a TroubleTicket_FVO that validates against the v5 spec', () => {
    const body = toTroubleTicketFvoV5(sampleTicket());
    expect(() => spec.assertValid('TroubleTicket_FVO', body)).not.toThrow();
    expect(body.externalIdentifier).toEqual([
      { '@type': 'ExternalIdentifier', id: 'tkt_123', owner: 'Tailgate', externalIdentifierType: 'troubleTicketId' },
    ]);
    expect(body).toMatchObject({
      '@type': 'TroubleTicket',
      severity: 'Major',
      priority: 'High',
      ticketType: 'incident',
    });
    expect(body.relatedEntity[0]).toEqual({
      '@type': 'RelatedEntity',
      role: 'affectedProductOrder',
      entity: { '@type': 'EntityRef', id: 'PO-7', '@referredType': 'ProductOrder' },
    });
    expect(body.relatedParty.map((p) => [p.role, p.partyOrPartyRole['@referredType']])).toEqual([
      ['customer', 'Organization'],
      ['reporter', 'Individual'],
    ]);
    expect(toTroubleTicketFvoV5(sampleTicket(), 'ACC-4471').relatedParty[0]!.partyOrPartyRole.id).toBe('ACC-4471');
  });

  it('is checked by the spec, not just by shape: entries without @type fail', () => {
    const body = toTroubleTicketFvoV5(sampleTicket());
    const untypedEntity = { ...body, relatedEntity: [{ role: 'affectedProductOrder', entity: { id: 'PO-7' } }] };
    expect(spec.validate('TroubleTicket_FVO', untypedEntity).valid).toBe(false);
    const untypedNote = { ...body, note: [{ text: 'no type' }] };
    expect(spec.validate('TroubleTicket_FVO', untypedNote).valid).toBe(false);
    const { severity: _severity, ...withoutSeverity } = body;
    expect(spec.validate('TroubleTicket_FVO', withoutSeverity).valid).toBe(false);
  });

  it('builds status updates and hub requests that validate', () => {
    for (const status of ['closed', 'inProgress', 'cancelled'] as const) {
      expect(() => spec.assertValid('TroubleTicket_MVO', toStatusUpdateV5(status, 'fault cleared'))).not.toThrow();
    }
    expect(() =>
      spec.assertValid('Hub_FVO', toHubFvoV5('https://tailgate.example/tmf-api/troubleTicket/v5')),
    ).not.toThrow();
  });

  it('maps a carrier TroubleTicket back to a snapshot, finding our id among the external identifiers', () => {
    const ticket = {
      '@type': 'TroubleTicket',
      id: 'TT-7',
      externalIdentifier: [
        { '@type': 'ExternalIdentifier', id: 'carrier-crm-1', owner: 'Carrier' },
        { '@type': 'ExternalIdentifier', id: 'tkt_123', owner: 'Tailgate' },
      ],
      status: 'pending',
      expectedResolutionDate: '2027-01-15T13:15:00Z',
      statusChangeReason: 'Please confirm site access hours',
      note: [{ '@type': 'Note', author: 'Carrier NOC', text: 'Engineer dispatched' }],
      statusChangeHistory: [{ '@type': 'StatusChange', status: 'pending', statusChangeDate: '2027-01-15T10:00:00Z' }],
    };
    expect(() => spec.assertValid('TroubleTicket', ticket)).not.toThrow();
    expect(toTicketSnapshotFromV5(ticket)).toEqual({
      partnerTicketId: 'TT-7',
      externalId: 'tkt_123',
      status: 'pending',
      expectedResolutionDate: '2027-01-15T13:15:00Z',
      resolutionDate: undefined,
      message: 'Please confirm site access hours',
    });
  });
});
