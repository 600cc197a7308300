import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationsForFact } from '../db/repositories/notifications.js';
import { factsForEntity } from '../db/repositories/sla-facts.js';
import type { SlaView } from '../tails/sla/view.js';
import { refreshPerformance } from '../partners/performance/performance-refresh.js';
import { sweepPredictedJeopardy } from '../tails/orders/predicted-jeopardy.js';
import { startCarrier, waitForOrder } from './support/carrier.js';
import { measuredHistory } from './support/measured-history.js';
import { startOrderHarness, type OrderHarness } from './support/order-harness.js';
import { orderInput, placeOrder } from './support/orders.js';
import { givePolicy, policyDocument } from './support/policies.js';
import { loadTmfSpec, tmf622v5SpecFile } from './support/tmf-spec.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.js';
import { waitFor } from './support/wait.js';

const spec = loadTmfSpec(tmf622v5SpecFile);

/**
 * Predicted jeopardy over real HTTP with real Temporal: a carrier whose history says it takes 30 working days gets an
 * order due in 10; the sweep predicts it late at once, long before its 75% elapsed-time jeopardy, and the prediction
 * goes where jeopardy goes: the board, a subscribed webhook, and the carrier's own listener (TMF622 v5).
 */
describe('predicted jeopardy from delivery history', () => {
  let h: OrderHarness;
  let receiver: WebhookReceiver;
  let carrier: Awaited<ReturnType<typeof startCarrier>>;
  beforeAll(async () => {
    h = await startOrderHarness();
    receiver = await startWebhookReceiver();
    carrier = await startCarrier(h, 'tmf622-v5', { completeDelayMs: 120_000 });
    await givePolicy(
      h.platform.db,
      carrier.partner.id,
      policyDocument([
        {
          id: 'delivery-10wd',
          metric: 'deliveryLeadTime',
          appliesTo: { entity: 'order' },
          stop: { state: 'completed' },
          target: { kind: 'workingDays', days: 10 },
          calendar: 'uk-office',
          jeopardy: [75],
          penalty: { clause: 'late-delivery' },
        },
      ]),
    );
    // Ten earlier orders, each delivered 30 working days after it was placed.
    const history = measuredHistory(h.platform.db);
    for (let i = 0; i < 10; i++)
      await history.deliveredOrder(carrier.partner.id, 'ETH-100', `2026-06-0${1 + (i % 5)}T09:00:00.000Z`, 30);
    expect(await refreshPerformance(h.platform.db, new Date(), { windowDays: 90, minimumSample: 20 })).toMatchObject({
      delivery: true,
    });
  });
  afterAll(async () => {
    await carrier?.sim.close();
    await receiver?.close();
    await h?.stop();
  });

  it('records it once, shows it on the order and the board, and sends it to subscribers and the carrier', async () => {
    const sub = await h.platform.request('POST', '/api/v1/webhooks', {
      key: h.platform.keys.desk,
      json: { name: 'risk', url: `${receiver.url}/risk`, kinds: ['predictedJeopardy'], partnerId: carrier.partner.id },
    });
    expect(sub.status).toBe(201);
    const placed = await placeOrder(
      h.platform,
      orderInput({ partnerId: carrier.partner.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    const numbered = await waitForOrder(h, placed.id, (o) => o.partnerOrderId !== null, "the carrier's order id");

    const view = (await (
      await h.platform.request('GET', `/api/v1/orders/${placed.id}/sla`, { key: h.platform.keys.desk })
    ).json()) as SlaView;
    expect(view.deliveryRisk).toMatchObject({
      olaId: 'delivery-10wd',
      onTimeProbability: 0,
      workingDaysWaited: 0,
      workingDaysToDue: 10,
      basis: { scope: 'partner', completions: 10, observations: 10 },
    });
    // No elapsed-time threshold is near: the clock has just started.
    expect(view.clocks[0]!.jeopardy.every((j) => !j.reached)).toBe(true);

    const deps = { db: h.platform.db, now: () => new Date(), workflows: h.workflows };
    expect(await sweepPredictedJeopardy(deps, 0.5)).toEqual({ orders: 1, predicted: 1 });
    expect(await sweepPredictedJeopardy(deps, 0.5)).toEqual({ orders: 1, predicted: 0 });
    const facts = await factsForEntity(h.platform.db, 'order', placed.id);
    expect(facts).toEqual([
      expect.objectContaining({ kind: 'predictedJeopardy', olaId: 'delivery-10wd', threshold: 50 }),
    ]);
    expect(facts[0]!.detail).toMatch(
      /^P\(delivered by .+\) = 0 after 0 of 10 working days, below 50%: from 10 deliveries of 10 orders \(partner\)$/,
    );
    // Where early jeopardy goes: subscribers, the carrier, and the first level of the partner's escalation ladder.
    const notifications = await notificationsForFact(h.platform.db, facts[0]!.id);
    expect(notifications.map((n) => [n.channel, n.escalationLevel]).sort()).toEqual([
      ['carrier', null],
      ['escalation', 1],
      ['webhook', null],
    ]);

    const delivered = await waitFor(
      () => receiver.received.find((r) => r.path === '/risk' && r.rawBody.includes(placed.id)),
      { what: 'the webhook', timeoutMs: 20_000 },
    );
    expect(JSON.parse(delivered.rawBody)).toMatchObject({ kind: 'predictedJeopardy', fact: { entityId: placed.id } });
    const alert = await waitFor(
      () => carrier.sim.receivedAlerts().find((a) => a.productOrderId === numbered.partnerOrderId),
      { what: 'the predicted jeopardy at the carrier', timeoutMs: 20_000 },
    );
    expect(() => spec.assertValid('ProductOrderJeopardyAlertEvent', alert.body)).not.toThrow();
    expect(alert.alerts).toEqual([
      expect.objectContaining({
        id: 'delivery-10wd:predictedJeopardy',
        jeopardyType: 'OLA predicted at risk',
        exception: 'deliveryLeadTime predicted late',
      }),
    ]);

    const board = (await (
      await h.platform.request('GET', '/api/v1/jeopardy?sort=risk', { key: h.platform.keys.desk })
    ).json()) as { items: { entityId: string; predicted: boolean; onTimeProbability: number | null }[] };
    expect(board.items).toEqual([
      expect.objectContaining({ entityId: placed.id, predicted: true, onTimeProbability: 0 }),
    ]);
    const cookie = await h.platform.sessionCookie(h.platform.keys.desk);
    const page = await (await h.platform.app.request('/?sort=risk', { headers: { cookie } })).text();
    expect(page).toContain('At risk, least likely on time first');
    expect(page).toMatch(/predicted late<\/td>\s*<td>0%<\/td>/);

    // Finance: the penalty expected from it this month (late-delivery, 10 GBP a working day late): certain to be
    // late, and expected delivered after 30 working days, as its history was: 20 working days late.
    const month = view.deliveryRisk!.dueAt.slice(0, 7);
    const forecast = await (
      await h.platform.request('GET', `/api/v1/reports/penalties/${month}/forecast`, { key: h.platform.keys.finance })
    ).json();
    expect(forecast).toEqual({
      month,
      partners: [
        {
          partnerId: carrier.partner.id,
          partnerName: carrier.partner.name,
          owed: [],
          expected: [{ amountMinor: 20_000, currency: 'GBP' }],
        },
      ],
      lines: [
        expect.objectContaining({
          orderId: placed.id,
          olaId: 'delivery-10wd',
          onTimeProbability: 0,
          ifLate: { amountMinor: 20_000, currency: 'GBP' },
          expected: { amountMinor: 20_000, currency: 'GBP' },
        }),
      ],
      notForecast: 0,
      ticketLines: [],
      ticketsNotForecast: 0,
    });
    expect(
      (await h.platform.request('GET', `/api/v1/reports/penalties/${month}/forecast`, { key: h.platform.keys.desk }))
        .status,
    ).toBe(403);
    const financeCookie = await h.platform.sessionCookie(h.platform.keys.finance);
    const financePage = await (await h.platform.app.request('/finance', { headers: { cookie: financeCookie } })).text();
    expect(financePage).toContain(`${month}: owed and expected`);
    expect(financePage).toMatch(/<td>–<\/td>\s*<td>200\.00 GBP<\/td>/);
  });
});
