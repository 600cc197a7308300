import { z } from '@hono/zod-openapi';

/** The MEF LSO Sonata order notifications Tailgate's Sonata listener takes (Product Ordering Notification v10). */
export const sonataOrderListenerEvents = [
  'productOrderStateChangeEvent',
  'productOrderItemStateChangeEvent',
  'productOrderItemExpectedCompletionDateSet',
] as const;
export type SonataOrderEventType = (typeof sonataOrderListenerEvents)[number];

/** A Sonata notification: thin, naming the carrier's order (and item); the buyer fetches the order itself. */
export const SonataOrderEventSchema = z
  .object({
    eventId: z.string().min(1).max(200),
    eventTime: z.iso.datetime({ offset: true }),
    eventType: z.enum(sonataOrderListenerEvents),
    event: z
      .object({
        id: z.string().min(1).max(200).openapi({ description: "The carrier's ProductOrder id" }),
        href: z.string().max(2000).optional(),
        orderItemId: z.string().max(200).optional(),
        buyerId: z.string().max(200).optional(),
        sellerId: z.string().max(200).optional(),
      })
      .passthrough(),
  })
  .passthrough()
  .openapi('SonataProductOrderEvent');
export type SonataOrderEvent = z.infer<typeof SonataOrderEventSchema>;
