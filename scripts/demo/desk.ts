import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import { generateApiKeySecret, insertApiKey, revokeApiKeysNamed } from '../../db/repositories/api-keys.js';

const DESK_KEY_NAME = 'demo desk';

type Offer = { id: string; partnerId: string; partnerName: string; productCode: string };

/**
 * The demo's order desk: at each `npm start`, qualifies the demo site over the platform's own HTTP API with a desk
 * key of its own (the previous one revoked) and orders the best ETH-100 offer of every demo carrier, as a person
 * would from the README tour. The late carrier's order runs under its short demo OLAs, so its jeopardy and breach
 * reach the board within minutes. Failures are logged; the platform runs without them.
 */
export async function runDemoDesk(opts: { db: Db; log: Logger; url: string; partnerIds: string[] }): Promise<void> {
  const { db, log, url } = opts;
  try {
    await revokeApiKeysNamed(db, null, DESK_KEY_NAME, new Date());
    const secret = generateApiKeySecret();
    await insertApiKey(db, { name: DESK_KEY_NAME, role: 'desk', partnerId: null, secret });
    const call = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
      const res = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as Record<string, unknown>;
    };
    const site = { countryCode: 'GB', postcode: 'SW1A 1AA', line1: '10 Downing Street', city: 'London' };
    const qualification = await call('/api/v1/qualifications', {
      address: { countryCode: site.countryCode, postcode: site.postcode },
      productNeeds: { productCode: 'ETH-100', minBandwidthMbps: 100 },
    });
    const offers = (qualification.offers as Offer[]).filter((o) => opts.partnerIds.includes(o.partnerId));
    const startedAt = new Date();
    const requested = new Date(startedAt.getTime() + 40 * 86_400_000).toISOString().slice(0, 10);
    for (const partnerId of opts.partnerIds) {
      const offer = offers.find((o) => o.partnerId === partnerId);
      if (!offer) continue;
      const order = await call(
        '/api/v1/orders',
        {
          offerId: offer.id,
          deskReference: `DEMO-${startedAt.toISOString().slice(0, 16).replace(/\D/g, '')}-${offer.partnerName.slice(0, 2).toUpperCase()}`,
          requestedCompletionDate: requested,
          site,
          contact: { name: 'Sam Patel', email: 'sam.patel@customer.example' },
        },
        { 'idempotency-key': `demo-desk-${startedAt.getTime()}-${partnerId}` },
      );
      log.info({ orderId: order.id, partner: offer.partnerName }, 'demo desk placed an order');
    }
  } catch (err) {
    log.warn({ err }, 'the demo desk could not place its orders');
  }
}
