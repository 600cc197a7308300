import { z } from '@hono/zod-openapi';
import { IsoTimestamp, PageQuery } from './common.js';

export const EscalationSchema = z
  .object({
    id: z
      .string()
      .openapi({ description: 'The notification id (Tailgate-Delivery on a webhook, Message-ID on e-mail)' }),
    status: z.enum(['pending', 'delivered', 'failed', 'recorded']).openapi({
      description:
        'recorded: kept in the outbox, nothing configured to send it (lastError names the setting: SMTP_HOST for ' +
        'e-mail, SMS_WEBHOOK_URL for phone contacts); failed: given up on after retries',
    }),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    createdAt: IsoTimestamp,
    deliveredAt: IsoTimestamp.nullable(),
    escalationLevel: z.number().int().nullable(),
    address: z.string().openapi({ description: "The ladder contact's address: e-mail, phone number or webhook URL" }),
    kind: z
      .string()
      .openapi({ description: 'The fact escalated: jeopardy, breach, predictedJeopardy, carrierJeopardy' }),
    threshold: z.number(),
    at: IsoTimestamp,
    olaId: z.string(),
    entityType: z.enum(['order', 'ticket']),
    entityId: z.string(),
    partnerId: z.string(),
    partnerName: z.string().nullable(),
    deskReference: z.string().nullable(),
  })
  .openapi('Escalation');

export const EscalationQuery = PageQuery.extend({
  entityId: z
    .string()
    .max(64)
    .optional()
    .openapi({ param: { name: 'entityId', in: 'query' }, description: 'One order or ticket only (its id)' }),
});
