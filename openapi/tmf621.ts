import { z } from '@hono/zod-openapi';
import { ticketStatuses } from '../sla-rules/ticket-states.js';

const dateTime = z.iso.datetime({ offset: true });

/** The part of a TMF621 TroubleTicket (v4 or v5) that Tailgate reads from a carrier; other fields pass through. */
export const TmfTroubleTicketSchema = z
  .object({
    id: z.string().min(1).max(200),
    status: z.string().min(1).max(100).optional().openapi({
      description: "A TMF621 status, or one of the carrier's own values its partner's adapter.stateMap.ticket names",
    }),
    externalId: z.string().optional().openapi({ description: 'v4: carries our ticket id' }),
    externalIdentifier: z
      .array(z.object({ id: z.string() }).passthrough())
      .optional()
      .openapi({ description: 'v5: ExternalIdentifier[]; one carries our ticket id' }),
    expectedResolutionDate: dateTime.optional(),
    resolutionDate: dateTime.optional(),
    statusChangeReason: z.string().max(2000).optional(),
    note: z.array(z.object({ text: z.string().optional(), author: z.string().optional() }).passthrough()).optional(),
  })
  .passthrough()
  .openapi('TmfTroubleTicketView');
export type TmfTroubleTicket = z.infer<typeof TmfTroubleTicketSchema>;

export const ticketListenerEvents = [
  'troubleTicketStatusChangeEvent',
  'troubleTicketAttributeValueChangeEvent',
  'troubleTicketResolvedEvent',
  'troubleTicketInformationRequiredEvent',
] as const;
export type TicketListenerEvent = (typeof ticketListenerEvents)[number];

/** A TMF621 notification as posted to a listener (v4 and v5 share this envelope). */
export const TmfTicketEventSchema = z
  .object({
    eventId: z.string().min(1).max(200),
    eventTime: dateTime.optional(),
    eventType: z.string().max(100).optional(),
    event: z.object({ troubleTicket: TmfTroubleTicketSchema }).passthrough(),
  })
  .passthrough()
  .openapi('TmfTroubleTicketEvent');

/** What a carrier without an API of its own may change on its ticket through our TMF621 server. */
export const TmfTroubleTicketPatchSchema = z
  .object({
    status: z.enum(ticketStatuses).optional(),
    statusChangeReason: z.string().max(2000).optional(),
    expectedResolutionDate: dateTime.optional(),
    resolutionDate: dateTime.optional(),
    externalId: z.string().min(1).max(200).optional().openapi({ description: "The carrier's own ticket reference" }),
    note: z.array(z.object({ text: z.string().max(2000) }).passthrough()).optional(),
  })
  .passthrough()
  .refine(
    (p) => p.status || p.expectedResolutionDate || p.resolutionDate || p.note || p.externalId,
    'change at least one of status, expectedResolutionDate, resolutionDate, note, externalId',
  )
  // The same rule, stated in the document (zod's refine is invisible to it).
  .openapi('TmfTroubleTicketPatch', {
    anyOf: ['status', 'expectedResolutionDate', 'resolutionDate', 'note', 'externalId'].map((field) => ({
      required: [field],
    })),
  });
export type TmfTroubleTicketPatch = z.infer<typeof TmfTroubleTicketPatchSchema>;
