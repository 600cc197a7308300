import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTmfSpec as loadSpec } from '../../certification/tmf-spec.js';
import { tmfSpecsDir } from '../../../test/support/tmf-spec.js';
import { PartnerRejectedError, PartnerUnavailableError } from '../errors.js';
import { sonataAdapterSettings } from '../test-fixtures.js';
import type { TicketForPartner } from '../tmf621/types.js';
import { sonataNotePatch } from './notes.js';
import { sonataTicketSnapshotOf, sonataTroubleTicketCreate, sonataTroubleTicketSchema } from './trouble-ticket.js';

const spec = loadSpec('troubleTicketManagement.api.yaml', path.resolve(tmfSpecsDir, '../mef'));
const ticket: TicketForPartner = {
  externalId: 'tkt_1',
  partnerOrderId: 'PO-7',
  orderId: 'ord_1',
  severity: 'major',
  priority: 2,
  impact: 'Packet loss on the tail',
  description: 'CRC errors since 08:40',
  contact: { name: 'Ann Example', email: 'ann@customer.example' },
};

describe('MEF 113 trouble tickets as MEF LSO Sonata carries them', () => {
  it('raises a fault on the carrier’s order when it never named the circuit, with MEF’s values for ours', () => {
    const body = sonataTroubleTicketCreate(ticket, sonataAdapterSettings);
    spec.assertValid('TroubleTicket_Create', body);
    expect(body).toMatchObject({
      severity: 'significant',
      priority: 'high',
      observedImpact: 'degraded',
      relatedEntity: [{ '@referredType': 'ProductOrder', id: 'PO-7' }],
      // The site contact has no phone: MEF requires one, so our buyer contact's number goes with it.
      relatedContactInformation: [
        { role: 'reporterContact', number: sonataAdapterSettings.buyerContact!.number },
        { role: 'buyerTechnicalContact' },
      ],
    });
    const mapped = {
      ...sonataAdapterSettings,
      valueMaps: { ticketSeverity: { critical: 'extensive', major: 'moderate', minor: 'minor' } },
    };
    expect(sonataTroubleTicketCreate(ticket, mapped).severity).toBe('moderate');
    spec.assertValid('TroubleTicket_Update', sonataNotePatch('Site open 08:00-18:00', new Date(0)));
  });

  it('refuses a reporter without a number when there is no buyer contact to lend one, before anything is sent', () => {
    const { buyerContact: _none, ...adapter } = sonataAdapterSettings;
    expect(() => sonataTroubleTicketCreate(ticket, adapter)).toThrow(PartnerRejectedError);
  });

  it('reads MEF’s reopened and assessingCancellation as inProgress, the reason from the latest statusChange', () => {
    const read = (status: string, map?: Record<string, 'pending'>) =>
      sonataTicketSnapshotOf(
        sonataTroubleTicketSchema.parse({
          id: 'TT-1',
          status,
          statusChange: [{ changeReason: 'Engineer assigned' }, { changeReason: 'Still down' }],
        }),
        map,
      );
    expect(read('reopened')).toMatchObject({ status: 'inProgress', message: 'Still down' });
    expect(read('assessingCancellation').status).toBe('inProgress');
    expect(read('onHold', { onHold: 'pending' }).status).toBe('pending');
    expect(() => read('onHold')).toThrow(PartnerUnavailableError);
  });
});
