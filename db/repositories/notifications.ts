import { queryAll, queryFirst, queryRun, statement } from '../execute.js';
import { and, eq, lte, ne, sql } from 'drizzle-orm';
import { withConnection, writeTransaction } from '../access.js';
import type { Db } from '../client.js';
import { newId } from '../ids.js';
import { notifications, slaFacts } from '../schema.js';
import type { SlaFactRow } from './sla-facts.js';
import { getWebhook, type WebhookSubscription } from './webhooks.js';

export type NotificationRow = typeof notifications.$inferSelect;
/** A notification to add for a fact: its channel, destination and first status. */
export type NewNotification = Omit<
  NotificationRow,
  'id' | 'factId' | 'attempts' | 'lastError' | 'deliveredAt' | 'createdAt'
> & { lastError?: string | null };

/**
 * Adds the fact's notifications not there yet (one per channel and destination) and returns every notification of
 * the fact, old and new. tails/notify/fan-out.ts decides the destinations.
 */
export function insertNotifications(
  db: Db,
  factId: string,
  rows: NewNotification[],
  now: Date,
): Promise<NotificationRow[]> {
  return withConnection(db, async () => {
    return await writeTransaction(db, async () => {
      const createdAt = now.toISOString();
      for (const n of rows) {
        await queryRun(
          db
            .insert(notifications)
            .values({ id: newId('ntf'), factId, ...n, createdAt })
            .onConflictDoNothing(),
        );
      }
      return await queryAll(
        db
          .select()
          .from(notifications)
          .where(eq(notifications.factId, factId))
          .orderBy(notifications.createdAt, notifications.id),
      );
    });
  });
}

export function notificationsForFact(db: Db, factId: string): Promise<NotificationRow[]> {
  return withConnection(db, async () => {
    return await queryAll(
      db
        .select()
        .from(notifications)
        .where(eq(notifications.factId, factId))
        .orderBy(notifications.createdAt, notifications.id),
    );
  });
}

/** What delivering one notification needs: the row, its fact and (for channel `webhook`) its subscription. */
export function notificationForDelivery(
  db: Db,
  id: string,
): Promise<
  { notification: NotificationRow; fact: SlaFactRow; subscription: WebhookSubscription | undefined } | undefined
> {
  return withConnection(db, async () => {
    const row = await queryFirst(
      db
        .select()
        .from(notifications)
        .innerJoin(slaFacts, eq(notifications.factId, slaFacts.id))
        .where(eq(notifications.id, id)),
    );
    if (!row) return undefined;
    const subscriptionId = row.notifications.subscriptionId;
    return {
      notification: row.notifications,
      fact: row.sla_facts,
      subscription: subscriptionId ? await getWebhook(db, subscriptionId) : undefined,
    };
  });
}

export function markNotificationDelivered(db: Db, id: string, at: Date): Promise<void> {
  return withConnection(db, async () => {
    await queryRun(
      db
        .update(notifications)
        .set({
          status: 'delivered',
          attempts: sql`${notifications.attempts} + 1`,
          lastError: null,
          deliveredAt: at.toISOString(),
        })
        .where(and(eq(notifications.id, id), ne(notifications.status, 'delivered'))),
    );
  });
}

/** A failed attempt: counted, its error kept; the notification stays pending for the next retry. */
export function recordFailedAttempt(db: Db, id: string, error: string): Promise<void> {
  return withConnection(db, async () => {
    await queryRun(
      db
        .update(notifications)
        .set({ attempts: sql`${notifications.attempts} + 1`, lastError: error.slice(0, 1000) })
        .where(and(eq(notifications.id, id), eq(notifications.status, 'pending'))),
    );
  });
}

/** Keeps a pending notification in the outbox only (`recorded`): nothing is configured to send it; `note` says so. */
export function markNotificationRecorded(db: Db, id: string, note: string): Promise<void> {
  return withConnection(db, async () => {
    await queryRun(
      db
        .update(notifications)
        .set({ status: 'recorded', lastError: note.slice(0, 1000) })
        .where(and(eq(notifications.id, id), eq(notifications.status, 'pending'))),
    );
  });
}

/** Gives up on a notification (retries exhausted, or nowhere to send it); it is kept as a record. */
export function markNotificationFailed(db: Db, id: string, error: string): Promise<void> {
  return withConnection(db, async () => {
    await queryRun(
      db
        .update(notifications)
        .set({ status: 'failed', lastError: error.slice(0, 1000) })
        .where(and(eq(notifications.id, id), eq(notifications.status, 'pending'))),
    );
  });
}

/** Where notifications go, one delivery queue each: a subscription, an escalation contact, a carrier's listener. */
export type DeliveryDestination = Pick<NotificationRow, 'channel' | 'destination'>;

const toDestination = (d: DeliveryDestination) =>
  and(eq(notifications.channel, d.channel), eq(notifications.destination, d.destination));

/** A destination's pending notifications, oldest first. */
export function pendingForDestination(db: Db, d: DeliveryDestination, limit: number): Promise<NotificationRow[]> {
  return withConnection(db, async () => {
    return await queryAll(
      db
        .select()
        .from(notifications)
        .where(and(toDestination(d), eq(notifications.status, 'pending')))
        .orderBy(notifications.createdAt, notifications.id)
        .limit(limit),
    );
  });
}

/** Gives up on everything still pending for a destination: it stayed unreachable for a whole retry schedule. */
export function failPendingForDestination(db: Db, d: DeliveryDestination, error: string): Promise<number> {
  return withConnection(db, async () => {
    return (
      await queryRun(
        db
          .update(notifications)
          .set({ status: 'failed', lastError: error.slice(0, 1000) })
          .where(and(toDestination(d), eq(notifications.status, 'pending'))),
      )
    ).changes;
  });
}

/** Destinations with a notification pending since before `createdBefore`: their delivery may have been lost. */
export function destinationsWaitingSince(db: Db, createdBefore: string, limit: number): Promise<DeliveryDestination[]> {
  return withConnection(db, async () => {
    return await queryAll(
      db
        .selectDistinct({ channel: notifications.channel, destination: notifications.destination })
        .from(notifications)
        .where(and(eq(notifications.status, 'pending'), lte(notifications.createdAt, createdBefore)))
        .limit(limit),
    );
  });
}

/** What a notification says about its fact's order or ticket beside the ids: references, partner name, policy. */
export type FactSubject = {
  deskReference: string | null;
  partnerReference: string | null;
  partnerName: string | null;
  policyId: string | null;
};

/** The subject of a fact (its order or ticket may be gone, or never have existed: nulls). */
export function factSubject(
  db: Db,
  fact: Pick<SlaFactRow, 'entityType' | 'entityId' | 'partnerId'>,
): Promise<FactSubject> {
  return withConnection(db, async () => {
    const entity =
      fact.entityType === 'order'
        ? 'select desk_reference as deskReference, partner_order_id as partnerReference, policy_id as policyId from orders where id = ?'
        : 'select desk_reference as deskReference, partner_ticket_id as partnerReference, policy_id as policyId from tickets where id = ?';
    const row = (await statement(db, entity).get(fact.entityId)) as Omit<FactSubject, 'partnerName'> | undefined;
    const partner = (await statement(db, 'select name from partners where id = ?').get(fact.partnerId)) as
      { name: string } | undefined;
    return {
      deskReference: row?.deskReference ?? null,
      partnerReference: row?.partnerReference ?? null,
      partnerName: partner?.name ?? null,
      policyId: row?.policyId ?? null,
    };
  });
}

/** One escalation as the outbox shows it: where it went (or waits), about what, and how it went. */
export type EscalationRow = Pick<
  NotificationRow,
  'id' | 'status' | 'attempts' | 'lastError' | 'createdAt' | 'deliveredAt' | 'escalationLevel' | 'destination'
> & {
  kind: string;
  threshold: number;
  at: string;
  olaId: string;
  entityType: 'order' | 'ticket';
  entityId: string;
  partnerId: string;
  partnerName: string | null;
  deskReference: string | null;
};

/** Escalations newest first, of one order or ticket (by its id) when given; `beforeId` continues a page. */
export function listEscalations(
  db: Db,
  opts: { entityId?: string | undefined; limit: number; beforeId?: string | undefined },
): Promise<EscalationRow[]> {
  return withConnection(db, async () => {
    const where = [
      "n.channel = 'escalation'",
      ...(opts.entityId ? ['f.entity_id = @entityId'] : []),
      ...(opts.beforeId
        ? ['(n.created_at, n.id) < (select created_at, id from notifications where id = @beforeId)']
        : []),
    ].join(' and ');
    return (await statement(
      db,
      `select n.id, n.status, n.attempts, n.last_error as lastError, n.created_at as createdAt,
              n.delivered_at as deliveredAt, n.escalation_level as escalationLevel, n.destination,
              f.kind, f.threshold, f.at, f.ola_id as olaId, f.entity_type as entityType, f.entity_id as entityId,
              f.partner_id as partnerId, p.name as partnerName,
              coalesce(o.desk_reference, t.desk_reference) as deskReference
         from notifications n
         join sla_facts f on f.id = n.fact_id
         left join partners p on p.id = f.partner_id
         left join orders o on f.entity_type = 'order' and o.id = f.entity_id
         left join tickets t on f.entity_type = 'ticket' and t.id = f.entity_id
        where ${where}
        order by n.created_at desc, n.id desc
        limit @limit`,
    ).all({
      limit: opts.limit,
      ...(opts.entityId && { entityId: opts.entityId }),
      ...(opts.beforeId && { beforeId: opts.beforeId }),
    })) as EscalationRow[];
  });
}
