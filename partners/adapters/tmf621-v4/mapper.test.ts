import { describe, expect, it } from 'vitest';
import { loadTmfSpec, tmf621v4SpecFile } from '../../../test/support/tmf-spec.js';
import { PartnerUnavailableError } from '../errors.js';
import { sampleTicket } from '../test-fixtures.js';
import { toHubInputV4, toStatusUpdateV4, toTicketSnapshotFromV4, toTroubleTicketCreateV4 } from './mapper.js';

const spec = loadTmfSpec(tmf621v4SpecFile);

describe('TMF621 v4 mapper', () => {
  it('builds a TroubleTicket_Create that validates against the v4 spec', () => {
    const body = toTroubleTicketCreateV4(sampleTicket());
    expect(() => spec.assertValid('TroubleTicket_Create', body)).not.toThrow();
    expect(body).toMatchObject({ externalId: 'tkt_123', severity: 'Major', priority: 'High', ticketType: 'incident' });
    expect(body.relatedEntity).toEqual([{ id: 'PO-7', role: 'affectedProductOrder', '@referredType': 'ProductOrder' }]);
    expect(body.relatedParty.map((p) => [p.role, p.id])).toEqual([
      ['customer', 'tailgate'],
      ['reporter', 'ann@customer.example'],
    ]);
    expect(toTroubleTicketCreateV4(sampleTicket(), 'ACC-4471').relatedParty[0]).toMatchObject({
      role: 'customer',
      id: 'ACC-4471',
    });
    expect(body.note.map((n) => n.text)).toEqual([
      'Impact: Site down: no traffic on the 100 Mbps tail',
      'Tailgate order reference: ord_123',
      'Contact: Ann Example, ann@customer.example, +44 20 7946 0000',
    ]);
  });

  it.each([
    [1, 'critical', 'Critical', 'Critical'],
    [3, 'minor', 'Minor', 'Medium'],
    [4, 'minor', 'Minor', 'Low'],
  ] as const)(
    'sends priority %i / severity %s as the strings the spec suggests',
    (priority, severity, severityText, priorityText) => {
      const body = toTroubleTicketCreateV4(
        sampleTicket({ priority, severity, contact: { name: 'Bo', email: 'bo@x.example' } }),
      );
      expect(() => spec.assertValid('TroubleTicket_Create', body)).not.toThrow();
      expect(body).toMatchObject({ severity: severityText, priority: priorityText });
    },
  );

  it('builds status updates and hub requests that validate', () => {
    for (const status of ['closed', 'inProgress', 'cancelled'] as const) {
      expect(() => spec.assertValid('TroubleTicket_Update', toStatusUpdateV4(status, 'fault cleared'))).not.toThrow();
    }
    expect(() =>
      spec.assertValid('EventSubscriptionInput', toHubInputV4('https://tailgate.example/tmf-api/troubleTicket/v4')),
    ).not.toThrow();
  });

  it('is checked by the spec: a related entity without a role fails', () => {
    const body = toTroubleTicketCreateV4(sampleTicket());
    const broken = { ...body, relatedEntity: [{ id: 'PO-7', '@referredType': 'ProductOrder' }] };
    expect(spec.validate('TroubleTicket_Create', broken).valid).toBe(false);
  });

  it('maps a carrier TroubleTicket back to a snapshot, with its status change reason as the explanation', () => {
    const ticket = {
      id: 'TT-7',
      externalId: 'tkt_123',
      description: 'Loss of light',
      severity: 'Major',
      ticketType: 'incident',
      status: 'resolved',
      creationDate: '2027-01-15T09:15:00Z',
      expectedResolutionDate: '2027-01-15T13:15:00Z',
      resolutionDate: '2027-01-15T11:02:00Z',
      statusChangeReason: 'Fibre spliced at the street cabinet',
      note: [{ author: 'Carrier NOC', text: 'Engineer dispatched' }],
    };
    expect(() => spec.assertValid('TroubleTicket', ticket)).not.toThrow();
    expect(toTicketSnapshotFromV4(ticket)).toEqual({
      partnerTicketId: 'TT-7',
      externalId: 'tkt_123',
      status: 'resolved',
      expectedResolutionDate: '2027-01-15T13:15:00Z',
      resolutionDate: '2027-01-15T11:02:00Z',
      message: 'Fibre spliced at the street cabinet',
    });
  });

  it('falls back to the carrier latest note, never our own', () => {
    const base = { id: 'TT-8', status: 'inProgress', note: [{ author: 'Tailgate', text: 'Impact: ours' }] };
    expect(toTicketSnapshotFromV4(base).message).toBeUndefined();
    expect(
      toTicketSnapshotFromV4({ ...base, note: [...base.note, { author: 'NOC', text: 'Engineer on site' }] }).message,
    ).toBe('Engineer on site');
  });

  it('refuses a status it cannot interpret as a carrier fault', () => {
    expect(() => toTicketSnapshotFromV4({ id: 'TT-9', status: 'fixedProbably' })).toThrow(PartnerUnavailableError);
  });
});
