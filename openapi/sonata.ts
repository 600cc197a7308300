import { z } from '@hono/zod-openapi';
import { ticketListenerEvents } from './tmf621.js';

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

/**
 * The MEF LSO Sonata ticket notifications Tailgate's Sonata listener takes (Trouble Ticket Notification v4): MEF names
 * them as TMF621 does.
 */
export const sonataTicketListenerEvents = ticketListenerEvents;
export type SonataTicketEventType = (typeof sonataTicketListenerEvents)[number];

/** A Sonata ticket notification: thin, naming the carrier's ticket; the buyer fetches the ticket itself. */
export const SonataTicketEventSchema = z
  .object({
    eventId: z.string().min(1).max(200),
    eventTime: z.iso.datetime({ offset: true }),
    eventType: z.enum(sonataTicketListenerEvents),
    event: z
      .object({
        id: z.string().min(1).max(200).openapi({ description: "The carrier's TroubleTicket id" }),
        href: z.string().max(2000).optional(),
        buyerId: z.string().max(200).optional(),
        sellerId: z.string().max(200).optional(),
      })
      .passthrough(),
  })
  .passthrough()
  .openapi('SonataTroubleTicketEvent');
