import type { Db } from '../../db/client.js';
import {
  insertNotifications,
  type NewNotification,
  type NotificationRow,
} from '../../db/repositories/notifications.js';
import type { SlaFactRow } from '../../db/repositories/sla-facts.js';
import { getPartner } from '../../db/repositories/partners.js';
import { webhooksForFact } from '../../db/repositories/webhooks.js';
import type { Partner } from '../../openapi/partners.js';
import { isOlaAlertKind } from '../../partners/adapters/tmf622/jeopardy-alert.js';
import { canSend, outboxNote } from './escalation-channels.js';

type EscalationContact = Partner['escalation'][number];

/**
 * How far up the partner's escalation ladder a fact goes: an early jeopardy (below 90% of the target) and a
 * predicted one reach level 1 only, a late one (90% or more) levels 1 and 2, a breach every level. A carrier jeopardy
 * is the carrier's own warning to us, so escalating it back to the carrier's ladder would tell them what they just
 * said: none.
 */
export function highestEscalationLevel(fact: Pick<SlaFactRow, 'kind' | 'threshold'>): number {
  if (fact.kind === 'breach') return Number.POSITIVE_INFINITY;
  if (fact.kind === 'jeopardy') return fact.threshold >= 90 ? 2 : 1;
  if (fact.kind === 'predictedJeopardy') return 1;
  return 0;
}

/**
 * A TMF622 v5 carrier is told of our OLA alerts on its orders through its own listener: one destination per carrier.
 */
export const carrierDestination = (partnerId: string) => `tmf622-v5:${partnerId}`;

export const escalationDestination = (contact: Pick<EscalationContact, 'level' | 'address'>) =>
  `level:${contact.level}:${contact.address}`;

/** The address of an escalation destination (`level:<n>:<address>`; the address may itself contain colons). */
export const escalationAddress = (destination: string): string | undefined =>
  /^level:\d+:(.+)$/s.exec(destination)?.[1];

/**
 * Our jeopardy and breach facts on orders go to the carrier too when it speaks TMF622 v5, which has an event for
 * exactly that (ProductOrderJeopardyAlertEvent). Tickets are not TMF622 orders, and a carrierJeopardy is the
 * carrier's own warning: telling it back would say nothing new.
 */
function carrierAlertFor(fact: SlaFactRow, partner: Partner | undefined): NewNotification[] {
  if (fact.entityType !== 'order' || !isOlaAlertKind(fact.kind)) return [];
  if (partner?.adapter.orderingApi !== 'tmf622-v5') return [];
  const destination = carrierDestination(partner.id);
  return [{ channel: 'carrier', destination, subscriptionId: null, escalationLevel: null, status: 'pending' }];
}

async function destinationsFor(db: Db, fact: SlaFactRow): Promise<NewNotification[]> {
  const subscriptions = (await webhooksForFact(db, fact)).map((s): NewNotification => ({
    channel: 'webhook',
    destination: s.id,
    subscriptionId: s.id,
    escalationLevel: null,
    status: 'pending',
  }));
  const partner = await getPartner(db, fact.partnerId);
  const ladder = (partner?.escalation ?? []).filter((contact) => contact.level <= highestEscalationLevel(fact));
  const escalations = ladder.map((contact): NewNotification => ({
    channel: 'escalation',
    destination: escalationDestination(contact),
    subscriptionId: null,
    escalationLevel: contact.level,
    // Webhooks are delivered like subscriptions, e-mail over SMTP and phone contacts to the SMS/voice webhook when
    // those are configured (escalation-channels.ts); what nothing can send goes straight to the outbox.
    ...(canSend(contact.channel) || contact.channel === 'webhook'
      ? { status: 'pending' as const }
      : { status: 'recorded' as const, lastError: outboxNote(contact.channel) }),
  }));
  return [...subscriptions, ...escalations, ...carrierAlertFor(fact, partner)];
}

/**
 * Fans one jeopardy or breach fact out to every destination: each active subscription that wants the fact's kind
 * for its partner (channel `webhook`), the partner's escalation contacts up to the level the fact's severity reaches
 * (channel `escalation`), and for an order with a TMF622 v5 carrier the carrier itself (channel `carrier`).
 * Idempotent: running it again (a retried activity) adds nothing already there, and a subscription created since
 * adds its row. Returns every notification of the fact, old and new.
 */
export async function createNotificationsForFact(db: Db, fact: SlaFactRow, now: Date): Promise<NotificationRow[]> {
  return await insertNotifications(db, fact.id, await destinationsFor(db, fact), now);
}
