import { z } from '@hono/zod-openapi';
import { IsoTimestamp, NonBlank } from './common.js';

/** The sla_facts kinds a subscription can ask for. */
export const notificationKinds = ['jeopardy', 'breach', 'carrierJeopardy', 'predictedJeopardy'] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export const WebhookCreateSchema = z
  .object({
    name: NonBlank(200).openapi({ example: 'order desk alerts' }),
    url: z
      .url({ protocol: /^https?$/, error: 'must be an http or https URL' })
      .max(2000)
      .openapi({ example: 'https://desk.provider.example/hooks/tailgate' }),
    kinds: z
      .array(z.enum(notificationKinds))
      .min(1, 'name at least one kind')
      .refine((kinds) => new Set(kinds).size === kinds.length, 'list each kind once')
      .openapi({ description: '`carrierJeopardy`: the carrier itself warned that it will miss a date' }),
    partnerId: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .openapi({ description: "Only this partner's orders and tickets (default: all)" }),
  })
  .openapi('WebhookCreate');
export type WebhookCreate = z.infer<typeof WebhookCreateSchema>;

export const WebhookSchema = z
  .object({
    id: z.string().openapi({ example: 'whk_Yb0n2cN4wq1LhM5r' }),
    name: z.string(),
    url: z.string(),
    kinds: z.array(z.enum(notificationKinds)),
    partnerId: z.string().nullable(),
    createdAt: IsoTimestamp,
    disabledAt: IsoTimestamp.nullable().openapi({ description: 'Set once deleted: nothing more is sent to it' }),
  })
  .openapi('Webhook');
export type Webhook = z.infer<typeof WebhookSchema>;

export const WebhookCreatedSchema = WebhookSchema.extend({
  secret: z.string().openapi({
    description:
      'Shown once. Verify each delivery: `Tailgate-Signature: v1=<hex HMAC-SHA256(secret, "<Tailgate-Timestamp>.<raw body>")>`',
  }),
}).openapi('WebhookCreated');
