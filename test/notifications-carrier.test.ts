import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationsForFact, type NotificationRow } from '../db/repositories/notifications.js';
import { updateOrder } from '../db/repositories/orders.js';
import type { SubmissionState } from '../openapi/orders.js';
import { deliverNotification, WebhookDeliveryError, type DeliveryDeps } from '../tails/notify/deliver.js';
import { createNotificationsForFact } from '../tails/notify/fan-out.js';
import { workflowsUnavailable } from '../workers/client.js';
import { insertFact, subscribe } from './support/notifications.js';
import { orderInput, placeOrder } from './support/orders.js';
import { createTestPlatform } from './support/platform.js';
import { loadTmfSpec, tmf622v5SpecFile } from './support/tmf-spec.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.js';
import { testOutbound } from './support/outbound.js';

const spec = loadTmfSpec(tmf622v5SpecFile);
const carrierRows = (rows: NotificationRow[]) => rows.filter((r) => r.channel === 'carrier');

describe('OLA alerts to TMF622 v5 carriers (channel carrier)', async () => {
  // Orders are placed through the API; no workflow runs them here, the test sets what the carrier would have said.
  const platform = await createTestPlatform({ workflows: { ...workflowsUnavailable, start: async () => {} } });
  let carrier: WebhookReceiver;
  let v5 = { id: '', key: '' };
  let v4 = { id: '', key: '' };
  const deps = (): DeliveryDeps => ({
    db: platform.db,
    now: () => new Date(),
    outbound: testOutbound,
    timeoutMs: 2_000,
  });
  const stored = async (n: NotificationRow) =>
    (await notificationsForFact(platform.db, n.factId)).find((r) => r.id === n.id)!;
  const order = async (partnerId: string, partnerOrderId: string | null, submission: SubmissionState = 'submitted') => {
    const placed = await placeOrder(platform, orderInput({ partnerId, productCode: 'ETH-100', bandwidthMbps: 100 }));
    await updateOrder(platform.db, placed.id, { partnerOrderId, submission });
    return placed.id;
  };
  const factOn = async (
    partnerId: string,
    entityId: string,
    kind: 'jeopardy' | 'breach' | 'carrierJeopardy',
    threshold: number,
  ) => await insertFact(platform.db, { partnerId, entityId, kind, threshold });

  beforeAll(async () => {
    carrier = await startWebhookReceiver();
    v5 = await platform.createPartner({ adapter: { orderingApi: 'tmf622-v5', baseUrl: `${carrier.url}/tmf-api` } });
    v4 = await platform.createPartner({ adapter: { orderingApi: 'tmf622-v4', baseUrl: `${carrier.url}/tmf-api` } });
    await subscribe(platform, { kinds: ['jeopardy', 'breach', 'carrierJeopardy'] });
  });
  afterAll(async () => {
    await carrier.close();
    await platform.close();
  });

  it('fans our jeopardy and breach on a v5 order out to the carrier, beside the webhooks', async () => {
    const orderId = await order(v5.id, 'PO-1');
    for (const [kind, threshold] of [
      ['jeopardy', 50],
      ['breach', 100],
    ] as const) {
      const rows = await createNotificationsForFact(
        platform.db,
        await factOn(v5.id, orderId, kind, threshold),
        new Date(),
      );
      expect(carrierRows(rows).map((r) => [r.destination, r.status])).toEqual([[`tmf622-v5:${v5.id}`, 'pending']]);
      expect(rows.some((r) => r.channel === 'webhook')).toBe(true);
    }
  });

  it("tells no carrier of its own jeopardy, of a ticket's clocks, or of a v4 order", async () => {
    const orderId = await order(v5.id, 'PO-2');
    expect(
      carrierRows(
        await createNotificationsForFact(platform.db, await factOn(v5.id, orderId, 'carrierJeopardy', 0), new Date()),
      ),
    ).toEqual([]);
    const ticketFact = await insertFact(platform.db, {
      partnerId: v5.id,
      entityType: 'ticket',
      kind: 'jeopardy',
      threshold: 50,
    });
    expect(carrierRows(await createNotificationsForFact(platform.db, ticketFact, new Date()))).toEqual([]);
    const v4Order = await order(v4.id, 'PO-3');
    expect(
      carrierRows(
        await createNotificationsForFact(platform.db, await factOn(v4.id, v4Order, 'breach', 100), new Date()),
      ),
    ).toEqual([]);
  });

  it("POSTs a spec-valid ProductOrderJeopardyAlertEvent naming the carrier's order to its listener", async () => {
    const orderId = await order(v5.id, 'PO-4');
    const [alert] = carrierRows(
      await createNotificationsForFact(platform.db, await factOn(v5.id, orderId, 'jeopardy', 75), new Date()),
    );
    const before = carrier.received.length;
    expect(await deliverNotification(deps(), alert!.id)).toBe('delivered');
    const [request] = carrier.received.slice(before);
    expect(request!.path).toBe('/tmf-api/productOrderingManagement/v5/listener/productOrderJeopardyAlertEvent');
    expect(request!.headers['content-type']).toBe('application/json');
    const body = JSON.parse(request!.rawBody) as {
      eventId: string;
      event: {
        productOrder: {
          id: string;
          externalId: { id: string }[];
          productOrderJeopardyAlert: { jeopardyType: string; message: string }[];
        };
      };
    };
    expect(() => spec.assertValid('ProductOrderJeopardyAlertEvent', body)).not.toThrow();
    expect(body.eventId).toBe(alert!.id);
    expect(body.event.productOrder.id).toBe('PO-4');
    expect(body.event.productOrder.externalId[0]!.id).toBe(orderId);
    expect(body.event.productOrder.productOrderJeopardyAlert[0]).toMatchObject({
      jeopardyType: 'OLA at risk',
      message: expect.stringContaining('OLA delivery-committed-date'),
    });
    expect(await stored(alert!)).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(await deliverNotification(deps(), alert!.id)).toBe('alreadyDelivered');
  });

  it('retries like a webhook: a carrier error, or an order the carrier has not numbered yet, is an attempt that throws', async () => {
    const orderId = await order(v5.id, 'PO-5');
    const [alert] = carrierRows(
      await createNotificationsForFact(platform.db, await factOn(v5.id, orderId, 'breach', 100), new Date()),
    );
    carrier.answerNext(503);
    await expect(deliverNotification(deps(), alert!.id)).rejects.toBeInstanceOf(WebhookDeliveryError);
    expect(await stored(alert!)).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: expect.stringContaining('HTTP 503'),
    });
    expect(await deliverNotification(deps(), alert!.id)).toBe('delivered');

    const unnumbered = await order(v5.id, null, 'submitting');
    const [waiting] = carrierRows(
      await createNotificationsForFact(platform.db, await factOn(v5.id, unnumbered, 'jeopardy', 50), new Date()),
    );
    await expect(deliverNotification(deps(), waiting!.id)).rejects.toThrow(/has not yet given its id/);
    expect(await stored(waiting!)).toMatchObject({ status: 'pending', attempts: 1 });
    await updateOrder(platform.db, unnumbered, { partnerOrderId: 'PO-6', submission: 'submitted' });
    expect(await deliverNotification(deps(), waiting!.id)).toBe('delivered');
  });

  it("sends the carrier's credentials, and waits (retrying) while its secret is not configured", async () => {
    const guarded = await platform.createPartner({
      adapter: { orderingApi: 'tmf622-v5', baseUrl: `${carrier.url}/tmf-api`, credentialsRef: 'acme-alerts' },
    });
    const orderId = await order(guarded.id, 'PO-7');
    const [alert] = carrierRows(
      await createNotificationsForFact(platform.db, await factOn(guarded.id, orderId, 'jeopardy', 90), new Date()),
    );
    const before = carrier.received.length;
    await expect(deliverNotification(deps(), alert!.id)).rejects.toThrow(/set PARTNER_SECRET_ACME_ALERTS/);
    expect(carrier.received.length).toBe(before);
    expect(await stored(alert!)).toMatchObject({ status: 'pending', attempts: 1 });
    const withSecret = { ...deps(), partnerSecrets: new Map([['ACME_ALERTS', 's3cret']]) };
    expect(await deliverNotification(withSecret, alert!.id)).toBe('delivered');
    expect(carrier.received.at(-1)!.headers.authorization).toBe('Bearer s3cret');
  });

  it('gives up at once on an order the carrier never took', async () => {
    const orderId = await order(v5.id, null, 'failed');
    const [alert] = carrierRows(
      await createNotificationsForFact(platform.db, await factOn(v5.id, orderId, 'breach', 100), new Date()),
    );
    const before = carrier.received.length;
    expect(await deliverNotification(deps(), alert!.id)).toBe('notSent');
    expect(await stored(alert!)).toMatchObject({ status: 'failed', lastError: expect.stringContaining('never took') });
    expect(carrier.received.length).toBe(before);
  });
});
