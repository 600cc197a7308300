import type { WebhookSubscription } from '../../../db/repositories/webhooks.js';
import type { Webhook } from '../../../openapi/webhooks.js';

/** A subscription as the API shows it: never its secret (that is shown once, at creation). */
export const toWebhook = (s: WebhookSubscription): Webhook => ({
  id: s.id,
  name: s.name,
  url: s.url,
  kinds: s.kinds,
  partnerId: s.partnerId,
  createdAt: s.createdAt,
  disabledAt: s.disabledAt,
});
