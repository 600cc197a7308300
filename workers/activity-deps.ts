import type { Logger } from 'pino';
import type { Db } from '../db/client.js';
import type { Partner } from '../openapi/partners.js';
import { orderingAdapterFor, ticketingAdapterFor } from '../partners/adapters/index.js';
import type { OutboundGuard } from '../partners/adapters/outbound.js';
import type { TmfVersion } from '../partners/adapters/tmf-common.js';
import { SONATA_ORDER_LISTENER_ROOT } from '../partners/adapters/sonata/ordering-client.js';
import { SONATA_TICKET_LISTENER_ROOT } from '../partners/adapters/sonata/ticketing-client.js';
import type { TicketingAdapter } from '../partners/adapters/tmf621/types.js';
import type { OrderingAdapter } from '../partners/adapters/tmf622/types.js';
import type { Mailer } from '../tails/notify/mailer.js';

/** What the activities need of the running platform; built once per worker, swapped in tests. */
export type ActivityDeps = {
  db: Db;
  log: Logger;
  now: () => Date;
  /** The client for a partner's TMF622 API. */
  ordering: (partner: Partner) => OrderingAdapter;
  /** The client for a partner's TMF621 API. */
  ticketing: (partner: Partner) => TicketingAdapter;
  /** Our TMF622 / TMF621 listener base for an API version, registered as a carrier's hub callback. */
  listenerUrl: (api: 'tmf622' | 'tmf621', version: TmfVersion | 'sonata') => string;
  /**
   * Carrier credentials by secret name (Env.partnerSecrets), for what goes to carriers outside the adapters (alerts).
   */
  partnerSecrets?: ReadonlyMap<string, string> | undefined;
  /** Where notifications may go (OUTBOUND_ALLOW); the carrier clients above carry the same guard. */
  outbound: OutboundGuard;
  /** Finance months are cut in this zone (Env.financeTimeZone); default reports' DEFAULT_FINANCE_TIME_ZONE. */
  financeTimeZone?: string | undefined;
  /** ESCALATION_WEBHOOK_SECRET (Env.escalationWebhookSecret): escalation webhooks are signed with it when set. */
  escalationWebhookSecret?: string | undefined;
  /** Sends escalation e-mail (SMTP_HOST set); without it, e-mail contacts stay in the outbox. */
  mailer?: Mailer | undefined;
  /** SMS_WEBHOOK_URL: where phone contacts' escalations go; without it, they stay in the outbox. */
  smsWebhookUrl?: string | undefined;
};

type ProductionOptions = {
  db: Db;
  log: Logger;
  publicBaseUrl: string;
  carrierTimeoutMs?: number;
  /** Secret name -> value (Env.partnerSecrets): each partner's credentialsRef is resolved here, per call. */
  partnerSecrets?: ReadonlyMap<string, string>;
  outbound: OutboundGuard;
};

const listenerPaths = { tmf622: 'productOrderingManagement', tmf621: 'troubleTicket' } as const;

/** The activities' dependencies in production: real clients over HTTP to each partner's API. */
export function productionActivityDeps(opts: ProductionOptions): ActivityDeps {
  // A secret that is not configured throws PartnerUnavailableError: the activity retries, then the desk gets a task.
  const connection = {
    secrets: opts.partnerSecrets ?? new Map<string, string>(),
    outbound: opts.outbound,
    timeoutMs: opts.carrierTimeoutMs,
  };
  return {
    db: opts.db,
    log: opts.log,
    now: () => new Date(),
    partnerSecrets: connection.secrets,
    outbound: opts.outbound,
    ordering: (partner) => orderingAdapterFor(partner, connection),
    ticketing: (partner) => ticketingAdapterFor(partner, connection),
    listenerUrl: (api, version) =>
      version === 'sonata'
        ? `${opts.publicBaseUrl}${api === 'tmf622' ? SONATA_ORDER_LISTENER_ROOT : SONATA_TICKET_LISTENER_ROOT}`
        : `${opts.publicBaseUrl}/tmf-api/${listenerPaths[api]}/${version}`,
  };
}
