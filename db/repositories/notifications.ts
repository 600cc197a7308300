import { and, eq, ne, sql } from 'drizzle-orm';
import type { Partner } from '../../openapi/partners.js';
import { IMMEDIATE, type Db } from '../client.js';
import { newId } from '../ids.js';
import { notifications, slaFacts } from '../schema.js';
import { getPartner } from './partners.js';
import { getWebhook, webhooksForFact, type WebhookSubscription } from './webhooks.js';

export type NotificationRow = typeof notifications.$inferSelect;
type SlaFactRow = typeof slaFacts.$inferSelect;
type EscalationContact = Partner['escalation'][number];
type NewNotification = Omit<NotificationRow, 'id' | 'attempts' | 'lastError' | 'deliveredAt' | 'createdAt'>;

/**
 * How far up the partner's escalation ladder a fact goes: an early jeopardy (below 90% of the target) reaches
 * level 1 only, a late one (90% or more) levels 1 and 2, a breach every level. A carrier jeopardy is the carrier's
 * own warning to us, so escalating it back to the carrier's ladder would tell them what they just said: none.
 */
export function highestEscalationLevel(fact: Pick<SlaFactRow, 'kind' | 'threshold'>): number {
  if (fact.kind === 'breach') return Number.POSITIVE_INFINITY;
  if (fact.kind === 'jeopardy') return fact.threshold >= 90 ? 2 : 1;
  return 0;
}

/** A TMF622 v5 carrier is told of our OLA alerts on its orders through its own listener: one destination per carrier. */
export const carrierDestination = (partnerId: string) => `tmf622-v5:${partnerId}`;

/**
 * Our jeopardy and breach facts on orders go to the carrier too when it speaks TMF622 v5, which has an event for
 * exactly that (ProductOrderJeopardyAlertEvent). Tickets are not TMF622 orders, and a carrierJeopardy is the
 * carrier's own warning: telling it back would say nothing new.
 */
function carrierAlertFor(fact: SlaFactRow, partner: Partner | undefined): NewNotification[] {
  if (fact.entityType !== 'order' || (fact.kind !== 'jeopardy' && fact.kind !== 'breach')) return [];
  if (partner?.adapter.orderingApi !== 'tmf622-v5') return [];
  return [
    {
      factId: fact.id,
      channel: 'carrier',
      destination: carrierDestination(partner.id),
      subscriptionId: null,
      escalationLevel: null,
      status: 'pending',
    },
  ];
}

export const escalationDestination = (contact: Pick<EscalationContact, 'level' | 'address'>) =>
  `level:${contact.level}:${contact.address}`;

/** The address of an escalation destination (`level:<n>:<address>`; the address may itself contain colons). */
export const escalationAddress = (destination: string): string | undefined =>
  /^level:\d+:(.+)$/s.exec(destination)?.[1];

function destinationsFor(db: Db, fact: SlaFactRow): NewNotification[] {
  const subscriptions = webhooksForFact(db, fact).map((s): NewNotification => ({
    factId: fact.id,
    channel: 'webhook',
    destination: s.id,
    subscriptionId: s.id,
    escalationLevel: null,
    status: 'pending',
  }));
  const highest = highestEscalationLevel(fact);
  const partner = getPartner(db, fact.partnerId);
  const ladder = (partner?.escalation ?? []).filter((contact) => contact.level <= highest);
  const escalations = ladder.map((contact): NewNotification => ({
    factId: fact.id,
    channel: 'escalation',
    destination: escalationDestination(contact),
    subscriptionId: null,
    escalationLevel: contact.level,
    // Tailgate sends no e-mail and places no calls: e-mail and phone contacts are recorded here as an outbox for
    // the desk (or a mail relay) to act on. Webhook contacts are delivered like subscriptions, unsigned.
    status: contact.channel === 'webhook' ? 'pending' : 'recorded',
  }));
  return [...subscriptions, ...escalations, ...carrierAlertFor(fact, partner)];
}

/**
 * Fans one jeopardy or breach fact out to every destination: each active subscription that wants the fact's kind
 * for its partner (channel `webhook`), the partner's escalation contacts up to the level the fact's severity
 * reaches (channel `escalation`), and for an order with a TMF622 v5 carrier the carrier itself (channel `carrier`). Idempotent: re-running it (a retried activity) adds nothing already there, and
 * a subscription created since adds its row. Returns every notification of the fact, old and new.
 */
export function createNotificationsForFact(db: Db, fact: SlaFactRow, now: Date): NotificationRow[] {
  return db.transaction((tx) => {
    const createdAt = now.toISOString();
    // better-sqlite3 has one connection: reads through `db` here run inside this transaction too.
    for (const n of destinationsFor(db, fact)) {
      tx.insert(notifications)
        .values({ id: newId('ntf'), ...n, createdAt })
        .onConflictDoNothing()
        .run();
    }
    return tx
      .select()
      .from(notifications)
      .where(eq(notifications.factId, fact.id))
      .orderBy(notifications.createdAt, notifications.id)
      .all();
  }, IMMEDIATE);
}

export function notificationsForFact(db: Db, factId: string): NotificationRow[] {
  return db
    .select()
    .from(notifications)
    .where(eq(notifications.factId, factId))
    .orderBy(notifications.createdAt, notifications.id)
    .all();
}

/** What delivering one notification needs: the row, its fact and (for channel `webhook`) its subscription. */
export function notificationForDelivery(
  db: Db,
  id: string,
): { notification: NotificationRow; fact: SlaFactRow; subscription: WebhookSubscription | undefined } | undefined {
  const row = db
    .select()
    .from(notifications)
    .innerJoin(slaFacts, eq(notifications.factId, slaFacts.id))
    .where(eq(notifications.id, id))
    .get();
  if (!row) return undefined;
  const subscriptionId = row.notifications.subscriptionId;
  return {
    notification: row.notifications,
    fact: row.sla_facts,
    subscription: subscriptionId ? getWebhook(db, subscriptionId) : undefined,
  };
}

export function markNotificationDelivered(db: Db, id: string, at: Date): void {
  db.update(notifications)
    .set({
      status: 'delivered',
      attempts: sql`${notifications.attempts} + 1`,
      lastError: null,
      deliveredAt: at.toISOString(),
    })
    .where(and(eq(notifications.id, id), ne(notifications.status, 'delivered')))
    .run();
}

/** A failed attempt: counted, its error kept; the notification stays pending for the next retry. */
export function recordFailedAttempt(db: Db, id: string, error: string): void {
  db.update(notifications)
    .set({ attempts: sql`${notifications.attempts} + 1`, lastError: error.slice(0, 1000) })
    .where(and(eq(notifications.id, id), eq(notifications.status, 'pending')))
    .run();
}

/** Gives up on a notification (retries exhausted, or nowhere to send it); it is kept as a record. */
export function markNotificationFailed(db: Db, id: string, error: string): void {
  db.update(notifications)
    .set({ status: 'failed', lastError: error.slice(0, 1000) })
    .where(and(eq(notifications.id, id), eq(notifications.status, 'pending')))
    .run();
}
