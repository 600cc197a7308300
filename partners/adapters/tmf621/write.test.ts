import { describe, expect, it } from 'vitest';
import { AdapterSettingsSchema } from '../../../openapi/adapter-settings.js';
import { loadTmfSpec, tmf621v4SpecFile, tmf621v5SpecFile } from '../../../test/support/tmf-spec.js';
import { sampleTicket } from '../test-fixtures.js';
import { hubRequest } from '../tmf-common.js';
import {
  notePatchV4,
  notePatchV5,
  servedTroubleTicketV4,
  statusUpdateV4,
  statusUpdateV5,
  troubleTicketCreateV4,
  troubleTicketFvoV5,
} from './write.js';

describe('our fault as a TMF621 v4 TroubleTicket', () => {
  const spec = loadTmfSpec(tmf621v4SpecFile);

  it('builds a TroubleTicket_Create that validates against the v4 spec', () => {
    const body = troubleTicketCreateV4(sampleTicket());
    expect(() => spec.assertValid('TroubleTicket_Create', body)).not.toThrow();
    expect(body).toMatchObject({ externalId: 'tkt_123', severity: 'Major', priority: 'High', ticketType: 'incident' });
    expect(body.relatedEntity).toEqual([{ id: 'PO-7', role: 'affectedProductOrder', '@referredType': 'ProductOrder' }]);
    expect(body.relatedParty.map((p) => [p.role, p.id])).toEqual([
      ['customer', 'tailgate'],
      ['reporter', 'ann@customer.example'],
    ]);
    expect(troubleTicketCreateV4(sampleTicket(), 'ACC-4471').relatedParty[0]).toMatchObject({
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
      const body = troubleTicketCreateV4(
        sampleTicket({ priority, severity, contact: { name: 'Bo', email: 'bo@x.example' } }),
      );
      expect(() => spec.assertValid('TroubleTicket_Create', body)).not.toThrow();
      expect(body).toMatchObject({ severity: severityText, priority: priorityText });
    },
  );

  it('builds status updates and hub requests that validate', () => {
    for (const status of ['closed', 'inProgress', 'cancelled'] as const) {
      expect(() => spec.assertValid('TroubleTicket_Update', statusUpdateV4(status, 'fault cleared'))).not.toThrow();
    }
    expect(() =>
      spec.assertValid('EventSubscriptionInput', hubRequest('v4', 'https://tailgate.example/tmf-api/troubleTicket/v4')),
    ).not.toThrow();
  });

  it('is checked by the spec: a related entity without a role fails', () => {
    const body = troubleTicketCreateV4(sampleTicket());
    const broken = { ...body, relatedEntity: [{ id: 'PO-7', '@referredType': 'ProductOrder' }] };
    expect(spec.validate('TroubleTicket_Create', broken).valid).toBe(false);
  });

  it('serves the same ticket to a carrier that pulls it, with our id and its reference', () => {
    const body = servedTroubleTicketV4(sampleTicket(), {
      id: 'tkt_123',
      href: '/tmf-api/troubleTicket/v4/troubleTicket/tkt_123',
      status: 'resolved',
      partnerTicketId: 'NF-T-1',
      creationDate: '2027-01-15T09:00:00.000Z',
      lastUpdate: '2027-01-15T11:00:00.000Z',
      expectedResolutionAt: null,
      resolvedAt: '2027-01-15T11:00:00.000Z',
      statusChangeReason: null,
    });
    expect(() => spec.assertValid('TroubleTicket', body)).not.toThrow();
    expect(body).toMatchObject({
      id: 'tkt_123',
      externalId: 'NF-T-1',
      status: 'resolved',
      resolutionDate: '2027-01-15T11:00:00.000Z',
    });
    expect(body).not.toHaveProperty('expectedResolutionDate');
  });
});

describe('our fault as a TMF621 v5 TroubleTicket', () => {
  const spec = loadTmfSpec(tmf621v5SpecFile);

  it('builds a TroubleTicket_FVO that validates against the v5 spec', () => {
    const body = troubleTicketFvoV5(sampleTicket());
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
    expect(troubleTicketFvoV5(sampleTicket(), 'ACC-4471').relatedParty[0]!.partyOrPartyRole.id).toBe('ACC-4471');
  });

  it('is checked by the spec, not just by shape: entries without @type fail', () => {
    const body = troubleTicketFvoV5(sampleTicket());
    const untypedEntity = { ...body, relatedEntity: [{ role: 'affectedProductOrder', entity: { id: 'PO-7' } }] };
    expect(spec.validate('TroubleTicket_FVO', untypedEntity).valid).toBe(false);
    const untypedNote = { ...body, note: [{ text: 'no type' }] };
    expect(spec.validate('TroubleTicket_FVO', untypedNote).valid).toBe(false);
    const { severity: _severity, ...withoutSeverity } = body;
    expect(spec.validate('TroubleTicket_FVO', withoutSeverity).valid).toBe(false);
  });

  it('builds status updates and hub requests that validate', () => {
    for (const status of ['closed', 'inProgress', 'cancelled'] as const) {
      expect(() => spec.assertValid('TroubleTicket_MVO', statusUpdateV5(status, 'fault cleared'))).not.toThrow();
    }
    expect(() =>
      spec.assertValid('Hub_FVO', hubRequest('v5', 'https://tailgate.example/tmf-api/troubleTicket/v5')),
    ).not.toThrow();
  });
});

describe('the desk’s notes and answers to a carrier’s ticket', () => {
  it('are valid merge patches in v4 (TroubleTicket_Update) and v5 (TroubleTicket_MVO)', () => {
    const v4 = loadTmfSpec(tmf621v4SpecFile);
    const v5 = loadTmfSpec(tmf621v5SpecFile);
    expect(() => v4.assertValid('TroubleTicket_Update', notePatchV4('Engineer may call on site'))).not.toThrow();
    expect(() => v5.assertValid('TroubleTicket_MVO', notePatchV5('Engineer may call on site'))).not.toThrow();
    const answerV4 = statusUpdateV4('inProgress', 'Information supplied', 'Key holder: 07700 900123');
    expect(() => v4.assertValid('TroubleTicket_Update', answerV4)).not.toThrow();
    expect(answerV4.note).toEqual([{ author: 'Tailgate', text: 'Key holder: 07700 900123' }]);
    const answerV5 = statusUpdateV5('inProgress', 'Information supplied', 'Key holder: 07700 900123');
    expect(() => v5.assertValid('TroubleTicket_MVO', answerV5)).not.toThrow();
  });
});

describe("a carrier's values for our severities and priorities", () => {
  const maps = {
    ticketSeverity: { critical: 'SEV1', major: 'SEV2', minor: 'SEV3' },
    ticketPriority: { '1': 'P1', '2': 'P2', '3': 'P3', '4': 'P4' },
  };

  it('writes its values in v4, v5 and on our own server, still valid per the spec', () => {
    const v4 = troubleTicketCreateV4(sampleTicket(), undefined, maps);
    loadTmfSpec(tmf621v4SpecFile).assertValid('TroubleTicket_Create', v4);
    expect(v4).toMatchObject({ severity: 'SEV2', priority: 'P2', name: 'SEV2 fault on order PO-7' });
    const v5 = troubleTicketFvoV5(sampleTicket(), undefined, maps);
    loadTmfSpec(tmf621v5SpecFile).assertValid('TroubleTicket_FVO', v5);
    expect(v5).toMatchObject({ severity: 'SEV2', priority: 'P2' });
    const served = servedTroubleTicketV4(
      sampleTicket(),
      {
        id: 'tkt_1',
        href: '/tmf-api/troubleTicket/v4/troubleTicket/tkt_1',
        status: 'acknowledged',
        partnerTicketId: null,
        creationDate: '2026-01-01T00:00:00Z',
        lastUpdate: '2026-01-01T00:00:00Z',
        expectedResolutionAt: null,
        resolvedAt: null,
        statusChangeReason: null,
      },
      maps,
    );
    expect(served).toMatchObject({ severity: 'SEV2', priority: 'P2' });
  });

  it('refuses a map that leaves one of our values without a word, naming it', () => {
    const parsed = AdapterSettingsSchema.safeParse({
      orderingApi: 'none',
      valueMaps: {
        ticketSeverity: { critical: 'SEV1', major: 'SEV2' },
        ticketPriority: { ...maps.ticketPriority, '5': 'P5' },
      },
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['valueMaps.ticketSeverity.minor', 'invalid_type'],
      ['valueMaps.ticketPriority', 'unrecognized_keys'],
    ]);
  });
});
