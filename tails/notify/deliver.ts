import type { Db } from '../../db/client.js';
import {
  factSubject,
  markNotificationDelivered,
  markNotificationRecorded,
  markNotificationFailed,
  notificationForDelivery,
  recordFailedAttempt,
} from '../../db/repositories/notifications.js';
import { partnerAuth, type CarrierAuth } from '../../partners/adapters/credentials.js';
import { PartnerUnavailableError } from '../../partners/adapters/errors.js';
import { postOnce } from '../../partners/adapters/http.js';
import type { OutboundGuard } from '../../partners/adapters/outbound.js';
import { getPartner } from '../../db/repositories/partners.js';
import { carrierAlertRequest } from './carrier-alert.js';
import { outboxNote } from './escalation-channels.js';
import { escalationMessage } from './escalation-message.js';
import type { MailMessage, Mailer } from './mailer.js';
import { escalationAddress } from './fan-out.js';
import type { SlaFactRow } from '../../db/repositories/sla-facts.js';
import { cachedPolicy } from '../sla/policy-cache.js';
import { notificationBody, type NotificationContext } from './notification-body.js';
import { webhookHeaders } from './signature.js';

export type DeliveryDeps = {
  db: Db;
  now: () => Date;
  /** Where notifications may go: public addresses, or those the allow-list names (partners/adapters/outbound.ts). */
  outbound: OutboundGuard;
  timeoutMs: number;
  /**
   * Carrier credentials by secret name (Env.partnerSecrets): alerts to a carrier's listener carry its Authorization.
   */
  partnerSecrets?: ReadonlyMap<string, string>;
  /** ESCALATION_WEBHOOK_SECRET: escalation webhooks are signed with it (as desk webhooks are with theirs). */
  escalationSecret?: string | undefined;
  /** Sends escalation e-mail (SMTP_HOST set); without it, e-mail contacts stay in the outbox. */
  mailer?: Mailer | undefined;
  /** SMS_WEBHOOK_URL: phone contacts' escalations are POSTed there; without it, they stay in the outbox. */
  smsWebhookUrl?: string | undefined;
};

/**
 * `notSent`: nothing sent (an e-mail or phone contact kept in the outbox for want of SMTP or an SMS webhook, a disabled
 * subscription, a contact without a URL).
 */
export type DeliveryOutcome = 'delivered' | 'alreadyDelivered' | 'notSent';

/**
 * The receiver did not take it (non-2xx, timeout, connection error), or a carrier alert cannot name the carrier's
 * order yet: retry later. The attempt is recorded.
 */
export class WebhookDeliveryError extends Error {
  override name = 'WebhookDeliveryError';
  constructor(
    message: string,
    /** Nothing to send yet (the receiver is not at fault): other notifications to it may go meanwhile. */
    readonly waiting = false,
  ) {
    super(message);
  }
}

/** Attempts on a notification that has nothing to send yet (a carrier alert before the carrier's order id is known). */
export const MAX_WAITING_ATTEMPTS = 12;

/** There is no such notification: retrying cannot help. */
export class NotificationMissingError extends Error {
  override name = 'NotificationMissingError';
}

/**
 * An HTTP request to make, or an e-mail to send; or nothing ever to send (given up on); or nothing to send yet (an
 * attempt, retried); or only the outbox to keep it in (no way to send it is configured).
 */
type Target =
  | { url: string; headers: Record<string, string>; body: string }
  | { email: MailMessage }
  | { unsendable: string }
  | { notYet: string }
  | { outbox: string };

async function targetOf(
  deps: DeliveryDeps,
  loaded: NonNullable<Awaited<ReturnType<typeof notificationForDelivery>>>,
): Promise<Target> {
  const { notification, fact, subscription } = loaded;
  if (notification.channel === 'carrier') {
    const request = await carrierAlertRequest(deps.db, notification, fact);
    if (!('url' in request)) return request;
    let auth: CarrierAuth | undefined;
    try {
      auth = partnerAuth(request.partner, deps.partnerSecrets ?? new Map());
    } catch (err) {
      // A secret not configured yet: an attempt that retries, naming the variable to set.
      if (err instanceof PartnerUnavailableError) return { notYet: err.message };
      throw err;
    }
    // A TMF listener takes plain JSON; the carrier de-duplicates on the eventId (the notification id).
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
      'user-agent': 'Tailgate/1',
    };
    if (auth) headers[auth.name] = auth.value;
    return { url: request.url, body: request.body, headers };
  }
  const context = await contextOf(deps.db, fact);
  const signed = (url: string, secret: string | null): Target => {
    const body = notificationBody(notification, fact, context);
    return { url, body, headers: webhookHeaders({ deliveryId: notification.id, body, secret, at: deps.now() }) };
  };
  if (notification.channel === 'webhook') {
    if (!subscription) return { unsendable: `subscription ${notification.subscriptionId ?? '?'} no longer exists` };
    if (subscription.disabledAt) return { unsendable: `subscription ${subscription.id} was disabled` };
    return signed(subscription.url, subscription.secret);
  }
  if (notification.channel !== 'escalation') return { unsendable: `unknown channel ${notification.channel}` };
  const address = escalationAddress(notification.destination) ?? '';
  const channel = await contactChannel(deps.db, fact.partnerId, notification.escalationLevel, address);
  if (channel === 'email') {
    if (!deps.mailer) return { outbox: outboxNote('email') };
    const message = escalationMessage(fact, context, notification.escalationLevel);
    return { email: { to: address, ...message, messageId: `<${notification.id}@tailgate>` } };
  }
  if (channel === 'phone') {
    if (!deps.smsWebhookUrl) return { outbox: outboxNote('phone') };
    const { text } = escalationMessage(fact, context, notification.escalationLevel);
    const body = JSON.stringify({ deliveryId: notification.id, to: address, text, context });
    const headers = webhookHeaders({
      deliveryId: notification.id,
      body,
      secret: deps.escalationSecret ?? null,
      at: deps.now(),
    });
    return { url: deps.smsWebhookUrl, body, headers };
  }
  if (!/^https?:\/\//i.test(address) || !URL.canParse(address)) {
    return { unsendable: `escalation contact ${notification.destination} has no http(s) URL` };
  }
  // Signed with ESCALATION_WEBHOOK_SECRET when it is set, else sent unsigned (see signature.ts).
  return signed(address, deps.escalationSecret ?? null);
}

/** How an escalation contact is reached: as the partner's ladder says (by its address's form once it is gone). */
async function contactChannel(
  db: Db,
  partnerId: string,
  level: number | null,
  address: string,
): Promise<'email' | 'phone' | 'webhook'> {
  const contact = (await getPartner(db, partnerId))?.escalation.find((c) => c.level === level && c.address === address);
  if (contact) return contact.channel;
  return /^https?:/i.test(address) ? 'webhook' : address.includes('@') ? 'email' : 'phone';
}

/** The references, partner name and OLA description a webhook or escalation body carries beside the fact's ids. */
async function contextOf(db: Db, fact: SlaFactRow): Promise<NotificationContext> {
  const subject = await factSubject(db, fact);
  const policy = subject.policyId ? await cachedPolicy(db, subject.policyId) : undefined;
  const ola = policy?.document.olas.find((o) => o.id === fact.olaId);
  return {
    deskReference: subject.deskReference,
    partnerReference: subject.partnerReference,
    partnerName: subject.partnerName,
    ola: { id: fact.olaId, metric: fact.metric, description: ola?.description ?? null },
  };
}

/**
 * Sends one notification: POSTs the signed JSON body (a webhook; an escalation webhook, signed when
 * ESCALATION_WEBHOOK_SECRET is set) or a TMF622
 * v5 ProductOrderJeopardyAlertEvent (the carrier's listener) and marks it delivered on a 2xx. Any other answer, a
 * timeout or a connection error counts the attempt, keeps the error and throws WebhookDeliveryError, so the Temporal
 * activity calling this retries with backoff. Delivery is at-least-once (a 2xx whose marking is lost is sent again);
 * receivers de-duplicate on Tailgate-Delivery. Redirects are not followed: a subscriber gives its final URL.
 */
export async function deliverNotification(deps: DeliveryDeps, notificationId: string): Promise<DeliveryOutcome> {
  const loaded = await notificationForDelivery(deps.db, notificationId);
  if (!loaded) throw new NotificationMissingError(`No notification ${notificationId}`);
  const { notification } = loaded;
  if (notification.status === 'delivered') return 'alreadyDelivered';
  if (notification.status !== 'pending') return 'notSent';
  const target = await targetOf(deps, loaded);
  if ('unsendable' in target) {
    await markNotificationFailed(deps.db, notification.id, target.unsendable);
    return 'notSent';
  }
  if ('outbox' in target) {
    await markNotificationRecorded(deps.db, notification.id, target.outbox);
    return 'notSent';
  }
  if ('email' in target) {
    try {
      await deps.mailer!.send(target.email);
    } catch (err) {
      const failure = (err as Error).message;
      await recordFailedAttempt(deps.db, notification.id, failure);
      throw new WebhookDeliveryError(`E-mail ${notification.id} to ${target.email.to} failed: ${failure}`);
    }
    await markNotificationDelivered(deps.db, notification.id, deps.now());
    return 'delivered';
  }
  if ('notYet' in target) {
    if (notification.attempts + 1 >= MAX_WAITING_ATTEMPTS) {
      await markNotificationFailed(
        deps.db,
        notification.id,
        `gave up after ${MAX_WAITING_ATTEMPTS} attempts: ${target.notYet}`,
      );
      return 'notSent';
    }
    await recordFailedAttempt(deps.db, notification.id, target.notYet);
    throw new WebhookDeliveryError(
      `Delivery ${notification.id} to ${notification.destination} must wait: ${target.notYet}`,
      true,
    );
  }

  const request = { headers: target.headers, body: target.body, timeoutMs: deps.timeoutMs };
  const sent = await postOnce(deps.outbound.fetch, target.url, request);
  if (sent.ok) {
    await markNotificationDelivered(deps.db, notification.id, deps.now());
    return 'delivered';
  }
  if (sent.refused) {
    // A destination Tailgate may not call never becomes one by waiting: given up on, with the reason.
    await markNotificationFailed(deps.db, notification.id, sent.failure);
    return 'notSent';
  }
  await recordFailedAttempt(deps.db, notification.id, sent.failure);
  throw new WebhookDeliveryError(`Delivery ${notification.id} to ${target.url} failed: ${sent.failure}`);
}
