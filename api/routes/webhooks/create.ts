import { createRoute } from '@hono/zod-openapi';
import { getPartner } from '../../../db/repositories/partners.js';
import { insertWebhook } from '../../../db/repositories/webhooks.js';
import { WebhookCreatedSchema, WebhookCreateSchema } from '../../../openapi/webhooks.js';
import { generateWebhookSecret } from '../../../tails/notify/signature.js';
import type { App } from '../../app.js';
import { refuseForbiddenUrls } from '../outbound-urls.js';
import { access } from '../../auth.js';
import { ApiError, bodyResponses, errorResponses } from '../../errors.js';
import { toWebhook } from './present.js';
import { linksById } from '../../links.js';

const route = createRoute({
  method: 'post',
  path: '/api/v1/webhooks',
  tags: ['Webhooks'],
  summary: 'Subscribe a URL to jeopardy and breach notifications (the signing secret is returned once)',
  description:
    'Each notification is POSTed as JSON with `Tailgate-Delivery` (the same on every retry: de-duplicate on it), ' +
    '`Tailgate-Timestamp` (unix seconds) and `Tailgate-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>`. ' +
    'Any 2xx answer counts as delivered; anything else is retried with backoff.',
  ...access('admin', 'desk'),
  request: { body: { required: true, content: { 'application/json': { schema: WebhookCreateSchema } } } },
  responses: {
    201: {
      description: 'Subscribed',
      content: { 'application/json': { schema: WebhookCreatedSchema } },
      links: linksById({ Unsubscribe: ['delete', '/api/v1/webhooks/{id}'] }),
    },
    ...errorResponses,
    ...bodyResponses,
  },
});

export const registerCreateWebhook = (app: App) =>
  app.openapi(route, async (c) => {
    const body = c.req.valid('json');
    const { db, now } = c.get('deps');
    await refuseForbiddenUrls(c.get('deps'), [{ path: 'url', url: body.url }]);
    if (body.partnerId && !(await getPartner(db, body.partnerId))) {
      throw new ApiError('validation_failed', `No partner ${body.partnerId}`, [
        { path: 'partnerId', message: 'unknown partner' },
      ]);
    }
    const secret = generateWebhookSecret();
    const subscription = await insertWebhook(db, {
      name: body.name,
      url: body.url,
      kinds: body.kinds,
      partnerId: body.partnerId ?? null,
      secret,
      createdBy: c.get('caller').keyId,
      now: now(),
    });
    return c.json({ ...toWebhook(subscription), secret }, 201, { location: `/api/v1/webhooks/${subscription.id}` });
  });
