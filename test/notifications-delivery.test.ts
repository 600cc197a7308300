import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationsForFact, type NotificationRow } from '../db/repositories/notifications.js';
import { createNotificationsForFact } from '../tails/notify/fan-out.js';
import {
  deliverNotification,
  NotificationMissingError,
  WebhookDeliveryError,
  type DeliveryDeps,
} from '../tails/notify/deliver.js';
import type { NotificationBody } from '../tails/notify/notification-body.js';
import { configureEscalationChannels } from '../tails/notify/escalation-channels.js';
import { createMailer } from '../tails/notify/mailer.js';
import { verifyWebhookSignature } from '../tails/notify/signature.js';
import { startSmtpServer } from './support/smtp-server.js';
import { statement } from '../db/execute.js';
import { storeOrder } from './support/factories.js';
import { insertFact, subscribe, type CreatedWebhook } from './support/notifications.js';
import { givePolicy, policyDocument } from './support/policies.js';
import { createTestPlatform } from './support/platform.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.js';
import { testOutbound } from './support/outbound.js';

describe('webhook delivery', async () => {
  const platform = await createTestPlatform();
  let receiver: WebhookReceiver;
  let partnerId = '';
  let subscription: CreatedWebhook;
  const deps = (): DeliveryDeps => ({
    db: platform.db,
    now: () => new Date(),
    outbound: testOutbound,
    timeoutMs: 2_000,
  });
  const stored = async (n: NotificationRow) =>
    (await notificationsForFact(platform.db, n.factId)).find((r) => r.id === n.id)!;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    const escalation = [
      { level: 1, name: 'NOC hook', channel: 'webhook', address: `${receiver.url}/escalation` },
      { level: 1, name: 'NOC mail', channel: 'email', address: 'noc@carrier.example' },
      { level: 1, name: 'NOC phone', channel: 'phone', address: '+442079460000' },
    ];
    partnerId = (await platform.createPartner({ name: 'Hook Tails', escalation })).id;
    subscription = await subscribe(platform, { kinds: ['jeopardy', 'breach'], partnerId, url: `${receiver.url}/desk` });
  });
  afterAll(async () => {
    await receiver.close();
    await platform.close();
  });

  /** A new breach fanned out; returns its notifications by destination kind. */
  const newBreach = async (entityId?: string) => {
    const fact = await insertFact(platform.db, {
      partnerId,
      kind: 'breach',
      threshold: 100,
      ...(entityId && { entityId }),
    });
    const rows = await createNotificationsForFact(platform.db, fact, new Date());
    const pick = (test: (n: NotificationRow) => boolean) => rows.find(test)!;
    return {
      fact,
      webhook: pick((n) => n.subscriptionId === subscription.id),
      escalationHook: pick((n) => n.channel === 'escalation' && n.destination.includes('http')),
      escalationMail: pick((n) => n.channel === 'escalation' && n.destination.endsWith('noc@carrier.example')),
      escalationPhone: pick((n) => n.channel === 'escalation' && n.destination.endsWith('+442079460000')),
    };
  };

  it('POSTs a body the receiver can verify with the secret, once, naming the order, partner and OLA', async () => {
    const policy = await givePolicy(
      platform.db,
      partnerId,
      policyDocument([
        {
          id: 'delivery-committed-date',
          metric: 'deliveryCommittedDate',
          description: 'Deliver by the committed date',
          appliesTo: { entity: 'order' },
          stop: { state: 'completed' },
          target: { kind: 'committedDate', use: 'latest' },
          calendar: 'uk-office',
        },
      ]),
    );
    const orderId = await storeOrder(platform.db, {
      partnerId,
      createdAt: '2026-03-01T09:00:00.000Z',
      deskReference: 'DESK-HOOK',
    });
    await statement(platform.db, 'update orders set policy_id = ?, partner_order_id = ? where id = ?').run(
      policy.id,
      'NW-77',
      orderId,
    );
    const { fact, webhook } = await newBreach(orderId);
    const before = receiver.received.length;
    expect(await deliverNotification(deps(), webhook.id)).toBe('delivered');
    const got = receiver.received.slice(before);
    expect(got).toHaveLength(1);
    const request = got[0]!;
    expect(request.path).toBe('/desk');
    expect(request.headers['tailgate-delivery']).toBe(webhook.id);
    const verdict = verifyWebhookSignature({
      secret: subscription.secret,
      timestamp: request.headers['tailgate-timestamp'] as string,
      body: request.rawBody,
      signature: request.headers['tailgate-signature'] as string,
      toleranceSeconds: 300,
      now: new Date(),
    });
    expect(verdict).toEqual({ ok: true });
    const body = JSON.parse(request.rawBody) as NotificationBody;
    expect(body).toEqual({
      deliveryId: webhook.id,
      kind: 'breach',
      context: {
        deskReference: 'DESK-HOOK',
        partnerReference: 'NW-77',
        partnerName: 'Hook Tails',
        ola: {
          id: 'delivery-committed-date',
          metric: 'deliveryCommittedDate',
          description: 'Deliver by the committed date',
        },
      },
      fact: {
        id: fact.id,
        entityType: 'order',
        entityId: fact.entityId,
        partnerId,
        olaId: fact.olaId,
        metric: fact.metric,
        policyVersion: 1,
        threshold: 100,
        at: fact.at,
        dueAt: fact.dueAt,
        detectedAt: fact.detectedAt,
      },
    });
    expect(await stored(webhook)).toMatchObject({
      status: 'delivered',
      attempts: 1,
      lastError: null,
      deliveredAt: expect.any(String),
    });

    // Already delivered: nothing is sent again.
    expect(await deliverNotification(deps(), webhook.id)).toBe('alreadyDelivered');
    expect(receiver.received.length).toBe(before + 1);
  });

  it('records a refused attempt and throws (so the activity retries), then delivers with the same delivery id', async () => {
    const { webhook } = await newBreach();
    const before = receiver.received.length;
    receiver.answerNext(500);
    await expect(deliverNotification(deps(), webhook.id)).rejects.toBeInstanceOf(WebhookDeliveryError);
    expect(await stored(webhook)).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'HTTP 500: receiver says no',
      deliveredAt: null,
    });

    expect(await deliverNotification(deps(), webhook.id)).toBe('delivered');
    expect(await stored(webhook)).toMatchObject({ status: 'delivered', attempts: 2, lastError: null });
    const deliveries = receiver.received.slice(before).map((r) => r.headers['tailgate-delivery']);
    expect(deliveries).toEqual([webhook.id, webhook.id]);
  });

  it('counts a timeout, a redirect and a refused connection as failed attempts', async () => {
    const { webhook } = await newBreach();
    receiver.answerNext('hang');
    await expect(deliverNotification({ ...deps(), timeoutMs: 200 }, webhook.id)).rejects.toThrow(
      /no answer within 200 ms/,
    );
    receiver.answerNext(302);
    await expect(deliverNotification(deps(), webhook.id)).rejects.toThrow(/HTTP 302/);
    const refusing = await startWebhookReceiver();
    await refusing.close();
    const elsewhere = await subscribe(platform, { kinds: ['breach'], partnerId, url: refusing.url });
    const fact = await insertFact(platform.db, { partnerId, kind: 'breach', threshold: 100 });
    const row = (await createNotificationsForFact(platform.db, fact, new Date())).find(
      (n) => n.subscriptionId === elsewhere.id,
    )!;
    await expect(deliverNotification(deps(), row.id)).rejects.toThrow(/ECONNREFUSED/);
    expect(await stored(row)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'ECONNREFUSED' });
    expect(await stored(webhook)).toMatchObject({ status: 'pending', attempts: 2 });
    await platform.request('DELETE', `/api/v1/webhooks/${elsewhere.id}`);
  });

  it('sends escalation webhooks with their level, signed with ESCALATION_WEBHOOK_SECRET when set; e-mail contacts without SMTP stay in the outbox', async () => {
    const unsigned = await newBreach();
    expect(await deliverNotification(deps(), unsigned.escalationHook.id)).toBe('delivered');
    expect(receiver.received.at(-1)!.headers['tailgate-signature']).toBeUndefined();

    const { escalationHook, escalationMail } = await newBreach();
    const before = receiver.received.length;
    const secret = 'escalation-secret-0123456789';
    expect(await deliverNotification({ ...deps(), escalationSecret: secret }, escalationHook.id)).toBe('delivered');
    const request = receiver.received[before]!;
    expect(request.path).toBe('/escalation');
    expect(
      verifyWebhookSignature({
        secret,
        timestamp: request.headers['tailgate-timestamp'] as string,
        body: request.rawBody,
        signature: request.headers['tailgate-signature'] as string,
        toleranceSeconds: 300,
        now: new Date(),
      }),
    ).toEqual({ ok: true });
    expect(request.headers['tailgate-delivery']).toBe(escalationHook.id);
    expect(JSON.parse(request.rawBody)).toMatchObject({
      deliveryId: escalationHook.id,
      kind: 'breach',
      escalationLevel: 1,
    });

    expect(await deliverNotification(deps(), escalationMail.id)).toBe('notSent');
    expect(await stored(escalationMail)).toMatchObject({ status: 'recorded', attempts: 0 });
    expect((await stored(escalationMail)).lastError).toMatch(/no SMTP server is configured \(SMTP_HOST\)/);
    expect(receiver.received.length).toBe(before + 1);
  });

  it('e-mails escalations through SMTP, and sends phone contacts to the SMS/voice webhook; without either, the outbox keeps them', async () => {
    const smtp = await startSmtpServer();
    const mailer = createMailer({ host: '127.0.0.1', port: smtp.port, tls: 'none', from: 'tailgate@test.example' });
    // As a process whose settings name an SMTP server and an SMS webhook: those escalations are queued to be sent.
    configureEscalationChannels({ email: true, phone: true });
    try {
      const { fact, escalationMail, escalationPhone } = await newBreach();
      expect(await deliverNotification({ ...deps(), mailer }, escalationMail.id)).toBe('delivered');
      expect(await stored(escalationMail)).toMatchObject({ status: 'delivered', lastError: null });
      expect(smtp.messages).toHaveLength(1);
      const mail = smtp.messages[0]!;
      expect(mail.envelope).toEqual({ from: 'tailgate@test.example', to: ['noc@carrier.example'] });
      const headers = mail.raw.slice(0, mail.raw.indexOf('\n\n')).replace(/\n[ \t]+/g, ' '); // folded lines joined
      expect(headers).toMatch(
        /^Subject: \[Tailgate\] Order ord_\S+: delivery-committed-date breached \(Hook Tails\)$/m,
      );
      expect(mail.raw).toContain(`Tailgate ids: order ${fact.entityId}, fact ${fact.id}`);
      expect(mail.raw).toContain('Escalation level 1');

      expect(await deliverNotification(deps(), escalationPhone.id)).toBe('notSent');
      expect((await stored(escalationPhone)).lastError).toMatch(/SMS_WEBHOOK_URL/);
      const other = await newBreach();
      const before = receiver.received.length;
      const smsWebhookUrl = `${receiver.url}/sms`;
      expect(await deliverNotification({ ...deps(), smsWebhookUrl }, other.escalationPhone.id)).toBe('delivered');
      const sms = receiver.received[before]!;
      expect(sms.path).toBe('/sms');
      expect(JSON.parse(sms.rawBody)).toMatchObject({
        deliveryId: other.escalationPhone.id,
        to: '+442079460000',
        text: expect.stringContaining('delivery-committed-date (deliveryCommittedDate)'),
      });

      // An SMTP server that refuses: the attempt is counted and retried, nothing is lost.
      const refusing = createMailer({ host: '127.0.0.1', port: 9, tls: 'none', from: 'tailgate@test.example' });
      await expect(deliverNotification({ ...deps(), mailer: refusing }, other.escalationMail.id)).rejects.toThrow(
        WebhookDeliveryError,
      );
      expect(await stored(other.escalationMail)).toMatchObject({ status: 'pending', attempts: 1 });
      refusing.close();
    } finally {
      configureEscalationChannels({ email: false, phone: false });
      mailer.close();
      await smtp.close();
    }
  });

  it('gives up without sending once the subscription is disabled', async () => {
    const { webhook } = await newBreach();
    expect((await platform.request('DELETE', `/api/v1/webhooks/${subscription.id}`)).status).toBe(200);
    const before = receiver.received.length;
    expect(await deliverNotification(deps(), webhook.id)).toBe('notSent');
    expect(await stored(webhook)).toMatchObject({ status: 'failed', lastError: expect.stringContaining('disabled') });
    expect(receiver.received.length).toBe(before);
  });

  it('refuses an unknown notification id with an error retries cannot fix', async () => {
    await expect(deliverNotification(deps(), 'ntf_missing')).rejects.toBeInstanceOf(NotificationMissingError);
  });
});
