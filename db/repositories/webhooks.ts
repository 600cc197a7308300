import { and, desc, eq, isNull, or, sql } from 'drizzle-orm';
import type { NotificationKind } from '../../openapi/webhooks.js';
import { withConnection } from '../access.js';
import type { Db } from '../client.js';
import { newId } from '../ids.js';
import { webhookSubscriptions } from '../schema.js';

type SubscriptionRow = typeof webhookSubscriptions.$inferSelect;
/** A subscription as stored, secret included: never hand it to the API as is. */
export type WebhookSubscription = Omit<SubscriptionRow, 'kinds'> & { kinds: NotificationKind[] };

// kinds is only written from a validated WebhookCreate.
const toSubscription = (row: SubscriptionRow): WebhookSubscription => ({
  ...row,
  kinds: row.kinds as NotificationKind[],
});

export function insertWebhook(
  db: Db,
  input: {
    name: string;
    url: string;
    kinds: NotificationKind[];
    partnerId: string | null;
    secret: string;
    createdBy: string;
    now: Date;
  },
): Promise<WebhookSubscription> {
  return withConnection(db, () => {
    const { now, ...fields } = input;
    const row = db
      .insert(webhookSubscriptions)
      .values({ id: newId('whk'), ...fields, createdAt: now.toISOString() })
      .returning()
      .get();
    return toSubscription(row);
  });
}

export function getWebhook(db: Db, id: string): Promise<WebhookSubscription | undefined> {
  return withConnection(db, () => {
    const row = db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id)).get();
    return row && toSubscription(row);
  });
}

/** Newest first, disabled ones included (as a record); `before` is the last id of the previous page. */
export function listWebhooks(db: Db, opts: { limit: number; before?: string }): Promise<WebhookSubscription[]> {
  return withConnection(db, () => {
    const before = opts.before
      ? sql`(${webhookSubscriptions.createdAt}, rowid) < (SELECT created_at, rowid FROM webhook_subscriptions WHERE id = ${opts.before})`
      : undefined;
    return db
      .select()
      .from(webhookSubscriptions)
      .where(before)
      .orderBy(desc(webhookSubscriptions.createdAt), desc(sql`rowid`))
      .limit(opts.limit)
      .all()
      .map(toSubscription);
  });
}

/**
 * Disables a subscription (kept as a record); undefined when it does not exist. Disabling twice keeps the first time.
 */
export function disableWebhook(db: Db, id: string, now: Date): Promise<WebhookSubscription | undefined> {
  return withConnection(db, async () => {
    db.update(webhookSubscriptions)
      .set({ disabledAt: now.toISOString() })
      .where(and(eq(webhookSubscriptions.id, id), isNull(webhookSubscriptions.disabledAt)))
      .run();
    return await getWebhook(db, id);
  });
}

/** Active subscriptions that want facts of this kind about this partner's orders and tickets. */
export function webhooksForFact(
  db: Db,
  fact: { kind: NotificationKind; partnerId: string },
): Promise<WebhookSubscription[]> {
  return withConnection(db, () => {
    return db
      .select()
      .from(webhookSubscriptions)
      .where(
        and(
          isNull(webhookSubscriptions.disabledAt),
          or(isNull(webhookSubscriptions.partnerId), eq(webhookSubscriptions.partnerId, fact.partnerId)),
        ),
      )
      .orderBy(webhookSubscriptions.createdAt, webhookSubscriptions.id)
      .all()
      .map(toSubscription)
      .filter((s) => s.kinds.includes(fact.kind));
  });
}
