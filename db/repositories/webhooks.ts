import { queryAll, queryFirst, queryRun } from '../execute.js';
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
  return withConnection(db, async () => {
    const { now, ...fields } = input;
    const row = await queryFirst(
      db
        .insert(webhookSubscriptions)
        .values({ id: newId('whk'), ...fields, createdAt: now.toISOString() })
        .returning(),
    );
    return toSubscription(row);
  });
}

export function getWebhook(db: Db, id: string): Promise<WebhookSubscription | undefined> {
  return withConnection(db, async () => {
    const row = await queryFirst(db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id)));
    return row && toSubscription(row);
  });
}

/** Newest first, disabled ones included (as a record); `before` is the last id of the previous page. */
export function listWebhooks(db: Db, opts: { limit: number; before?: string }): Promise<WebhookSubscription[]> {
  return withConnection(db, async () => {
    const before = opts.before
      ? sql`(${webhookSubscriptions.createdAt}, rowid) < (SELECT created_at, rowid FROM webhook_subscriptions WHERE id = ${opts.before})`
      : undefined;
    return (
      await queryAll(
        db
          .select()
          .from(webhookSubscriptions)
          .where(before)
          .orderBy(desc(webhookSubscriptions.createdAt), desc(sql`rowid`))
          .limit(opts.limit),
      )
    ).map(toSubscription);
  });
}

/**
 * Disables a subscription (kept as a record); undefined when it does not exist. Disabling twice keeps the first time.
 */
export function disableWebhook(db: Db, id: string, now: Date): Promise<WebhookSubscription | undefined> {
  return withConnection(db, async () => {
    await queryRun(
      db
        .update(webhookSubscriptions)
        .set({ disabledAt: now.toISOString() })
        .where(and(eq(webhookSubscriptions.id, id), isNull(webhookSubscriptions.disabledAt))),
    );
    return await getWebhook(db, id);
  });
}

/** Active subscriptions that want facts of this kind about this partner's orders and tickets. */
export function webhooksForFact(
  db: Db,
  fact: { kind: NotificationKind; partnerId: string },
): Promise<WebhookSubscription[]> {
  return withConnection(db, async () => {
    return (
      await queryAll(
        db
          .select()
          .from(webhookSubscriptions)
          .where(
            and(
              isNull(webhookSubscriptions.disabledAt),
              or(isNull(webhookSubscriptions.partnerId), eq(webhookSubscriptions.partnerId, fact.partnerId)),
            ),
          )
          .orderBy(webhookSubscriptions.createdAt, webhookSubscriptions.id),
      )
    )
      .map(toSubscription)
      .filter((s) => s.kinds.includes(fact.kind));
  });
}
