import { z } from '@hono/zod-openapi';
import { IsoTimestamp, NonBlank } from './common.js';
import { SiteContactSchema } from './orders.js';

/** The desk's requests to a carrier about an order or ticket in flight, each with the carrier's answer. */

/** How a request reached the carrier (partnerPull: published on our TMF server for a carrier without an API). */
export const carrierRequestMethods = ['patch', 'modificationOrder', 'modifyDeliveryDate', 'partnerPull'] as const;

export const CarrierRequestSchema = z
  .object({
    id: z.string().openapi({ example: 'req_Qm2c9vX0aK1pL3nB' }),
    entityType: z.enum(['order', 'ticket']),
    entityId: z.string(),
    kind: z.enum(['amend', 'answer', 'note', 'reopen']),
    body: z
      .record(z.string(), z.unknown())
      .openapi({ description: "What was asked: an amendment's `changes` and `summary`, a note's `text`, a `reason`" }),
    status: z.enum(['pending', 'accepted', 'rejected', 'published', 'failed']).openapi({
      description:
        'pending: not sent yet; accepted / rejected: the carrier answered; published: a carrier without an API reads ' +
        'it on our TMF server; failed: it could not be sent (see `answer`)',
    }),
    method: z
      .enum(carrierRequestMethods)
      .nullable()
      .openapi({
        description:
          "patch: a patch of the carrier's order or ticket; modificationOrder: an order amending it; " +
          "modifyDeliveryDate: MEF LSO Sonata's modifyProductOrderItemRequestedDeliveryDate; partnerPull: on our server",
      }),
    carrierReference: z
      .string()
      .nullable()
      .openapi({ description: "The carrier's modification order id (Sonata: its delivery date modification ids)" }),
    answer: z.string().nullable().openapi({ description: "The carrier's refusal, or why it could not be sent" }),
    requestedBy: z.string(),
    requestedAt: IsoTimestamp,
    answeredAt: IsoTimestamp.nullable(),
  })
  .openapi('CarrierRequest');

export const CarrierRequestListSchema = z
  .object({ items: z.array(CarrierRequestSchema) })
  .openapi('CarrierRequestList');

export const OrderAmendmentSchema = z
  .object({
    requestedCompletionDate: z.iso.date().optional().openapi({ example: '2027-02-01' }),
    bandwidthMbps: z.number().int().min(1).max(400_000).optional(),
    contact: SiteContactSchema.optional(),
  })
  .openapi('OrderAmendment', {
    description:
      'What changes; fields left out stay as they are. An amendment that changes nothing, or a requested date ' +
      'before today, answers 422.',
  });

const Text = NonBlank(2000);
export const CarrierNoteSchema = z
  .object({ text: Text.openapi({ example: 'Site access via the loading bay; key holder on 07700 900123' }) })
  .openapi('CarrierNote');
export const TicketReopenSchema = z
  .object({ reason: Text.openapi({ example: 'Link dropped again at 09:10' }) })
  .openapi('TicketReopen');
