import { describe, expect, it } from 'vitest';
import { loadTmfSpec, tmf622v5SpecFile } from '../../../test/support/tmf-spec.js';
import { jeopardyAlertListenerUrl, toProductOrderJeopardyAlertEventV5, type OlaAlert } from './jeopardy-alert.js';

const spec = loadTmfSpec(tmf622v5SpecFile);

const alert = (overrides: Partial<OlaAlert> = {}): OlaAlert => ({
  eventId: 'ntf_1',
  kind: 'jeopardy',
  partnerOrderId: 'PO-7',
  ourOrderId: 'ord_123',
  olaId: 'delivery-committed',
  metric: 'deliveryCommittedDate',
  threshold: 50,
  at: '2026-03-02T14:00:00.000Z',
  dueAt: '2026-03-04T17:30:00.000Z',
  detectedAt: '2026-03-02T14:00:01.000Z',
  ...overrides,
});

describe('TMF622 v5 ProductOrderJeopardyAlertEvent for our OLA alerts', () => {
  it('builds a jeopardy event that validates against the v5 spec, naming the OLA and its due instant', () => {
    const body = toProductOrderJeopardyAlertEventV5(alert(), { baseUrl: 'https://api.carrier.example/tmf-api/' });
    expect(() => spec.assertValid('ProductOrderJeopardyAlertEvent', body)).not.toThrow();
    expect(body).toMatchObject({
      '@type': 'ProductOrderJeopardyAlertEvent',
      eventId: 'ntf_1',
      eventType: 'ProductOrderJeopardyAlertEvent',
      eventTime: '2026-03-02T14:00:01.000Z',
    });
    const po = body.event.productOrder;
    expect(po).toMatchObject({
      '@type': 'ProductOrder',
      id: 'PO-7',
      href: 'https://api.carrier.example/tmf-api/productOrderingManagement/v5/productOrder/PO-7',
    });
    expect(po.externalId).toEqual([
      { '@type': 'ExternalIdentifier', id: 'ord_123', owner: 'Tailgate', externalIdentifierType: 'tailOrderId' },
    ]);
    const [jeopardy] = po.productOrderJeopardyAlert;
    expect(jeopardy).toMatchObject({
      '@type': 'ProductOrderJeopardyAlert',
      id: 'delivery-committed:50',
      alertDate: '2026-03-02T14:00:00.000Z',
      jeopardyType: 'OLA at risk',
    });
    expect(jeopardy!.exception).toBe('deliveryCommittedDate at 50% of its target');
    expect(jeopardy!.message).toContain('OLA delivery-committed');
    expect(jeopardy!.message).toContain('due 2026-03-04T17:30:00.000Z');
  });

  it('builds a breach event that validates too, and is the same on every retry', () => {
    const breach = alert({ kind: 'breach', threshold: 100, at: '2026-03-04T17:30:00.000Z' });
    const body = toProductOrderJeopardyAlertEventV5(breach);
    expect(() => spec.assertValid('ProductOrderJeopardyAlertEvent', body)).not.toThrow();
    expect(body.event.productOrder).not.toHaveProperty('href');
    expect(body.event.productOrder.productOrderJeopardyAlert[0]).toMatchObject({
      id: 'delivery-committed:breach',
      jeopardyType: 'OLA breached',
    });
    expect(body.event.productOrder.productOrderJeopardyAlert[0]!.message).toMatch(
      /was breached at 2026-03-04T17:30:00.000Z: it was due 2026-03-04T17:30:00.000Z/,
    );
    expect(JSON.stringify(toProductOrderJeopardyAlertEventV5(breach))).toBe(JSON.stringify(body));
  });

  it('is checked by the spec, not just by shape: an alert without @type or with a bad date fails', () => {
    const body = toProductOrderJeopardyAlertEventV5(alert());
    const untyped = structuredClone(body) as {
      event: { productOrder: { productOrderJeopardyAlert: Array<Record<string, unknown>> } };
    };
    delete untyped.event.productOrder.productOrderJeopardyAlert[0]!['@type'];
    expect(spec.validate('ProductOrderJeopardyAlertEvent', untyped).valid).toBe(false);
    expect(spec.validate('ProductOrderJeopardyAlertEvent', { ...body, eventTime: 'yesterday' }).valid).toBe(false);
  });

  it("addresses the carrier's listener under its API root", () => {
    expect(jeopardyAlertListenerUrl('https://api.carrier.example/tmf-api')).toBe(
      'https://api.carrier.example/tmf-api/productOrderingManagement/v5/listener/productOrderJeopardyAlertEvent',
    );
  });
});
