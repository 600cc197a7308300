import { z } from '@hono/zod-openapi';
import { orderStates } from '../sla-rules/order-states.js';
import { AddressInputSchema } from './address.js';
import { eventOutcomes } from './events.js';
import { IsoTimestamp, Money, NonBlank } from './common.js';

export const OrderStateSchema = z.enum(orderStates).openapi('OrderState');

/** add: a new tail; modify: a change of a delivered tail (its bandwidth); delete: its cease. */
export const orderActions = ['add', 'modify', 'delete'] as const;
export type OrderAction = (typeof orderActions)[number];

/** A value of a carrier's own field on an order (adapter.customFields). */
export const CarrierFieldValue = z.union([z.string().max(500), z.number(), z.boolean()]);
export type CarrierFieldValues = Record<string, z.infer<typeof CarrierFieldValue>>;

export const SiteAddressSchema = AddressInputSchema.extend({
  line1: NonBlank(200).openapi({ example: '10 Downing Street' }),
  city: NonBlank(200).openapi({ example: 'London' }),
}).openapi('SiteAddress');
export type SiteAddress = z.infer<typeof SiteAddressSchema>;

export const SiteContactSchema = z
  .object({
    name: NonBlank(200).openapi({ example: 'Sam Patel' }),
    email: z.email().openapi({ example: 'sam.patel@customer.example' }),
    phone: z.string().trim().min(5).max(40).optional(),
  })
  .openapi('SiteContact');
export type SiteContact = z.infer<typeof SiteContactSchema>;

export const OrderCreateSchema = z
  .object({
    offerId: z
      .string()
      .min(1)
      .optional()
      .openapi({ description: 'A qualification offer id; fixes partner, product and price' }),
    partnerId: z
      .string()
      .min(1)
      .optional()
      .openapi({ description: 'With productCode, when ordering without a qualification' }),
    productCode: NonBlank(64).optional(),
    bandwidthMbps: z.number().int().min(1).max(400_000).optional(),
    deskReference: NonBlank(100).openapi({ example: 'DESK-2026-0042' }),
    requestedCompletionDate: z.iso.date().openapi({ example: '2027-01-15' }),
    site: SiteAddressSchema,
    contact: SiteContactSchema,
    note: z.string().max(2000).optional(),
    carrierFields: z
      .record(z.string().min(1).max(100), CarrierFieldValue)
      .refine((fields) => Object.keys(fields).length <= 50, 'at most 50 fields')
      .optional()
      .openapi({
        description:
          "Values for the partner's own per-order fields (its adapter's customFields.orderDefaults names them and " +
          'gives the value sent when the order names none), each of the type of its default; a field the partner ' +
          'does not take answers 422 naming it',
        example: { category: 'express' },
      }),
  })
  .refine((o) => !!o.offerId !== !!(o.partnerId && o.productCode), {
    message: 'give either offerId, or partnerId with productCode',
    path: ['offerId'],
  })
  // The same rule, stated in the document (zod's refine is invisible to it); an order without an offer also needs
  // its bandwidth (checked when it is placed).
  .openapi('OrderCreate', {
    oneOf: [{ required: ['offerId'] }, { required: ['partnerId', 'productCode', 'bandwidthMbps'] }],
  });
export type OrderCreate = z.infer<typeof OrderCreateSchema>;

/** Tailgate's own progress with the carrier, for an order or a ticket alike. */
export const submissionStates = ['submitting', 'submitted', 'awaitingPartnerPull', 'failed', 'manual'] as const;
export type SubmissionState = (typeof submissionStates)[number];

export const OrderEventSchema = z
  .object({
    id: z.string(),
    source: z.string().openapi({ description: 'desk, listener, partner-pull, adapter, adapter-poll or workflow' }),
    type: z.string(),
    externalEventId: z.string().nullable(),
    fromState: OrderStateSchema.nullable(),
    toState: OrderStateSchema.nullable(),
    outcome: z.enum(eventOutcomes),
    detail: z.string().nullable(),
    occurredAt: IsoTimestamp.openapi({
      description: 'When the sender says it happened; the receipt when that could not be believed (claimNote)',
    }),
    receivedAt: IsoTimestamp,
    claimNote: z.string().nullable().openapi({
      description: "Why the sender's claimed time was not used (in the future beyond 2 min, or before it existed)",
    }),
    ownDelayMs: z.number().int().nullable().openapi({
      description:
        'Of the delay between occurredAt and receivedAt, what Tailgate knows was its own (downtime, polling)',
    }),
  })
  .openapi('OrderEvent');

export const OrderSchema = z
  .object({
    id: z.string().openapi({ example: 'ord_Yh2xVd0c9aQ1' }),
    partnerId: z.string(),
    offerId: z.string().nullable(),
    deskReference: z.string(),
    action: z.enum(orderActions).openapi({
      description: '`add`: a new tail; `modify`: a change of a delivered tail; `delete`: its cease',
    }),
    changesOrderId: z
      .string()
      .nullable()
      .openapi({ description: 'For modify and delete: the delivered order whose tail this changes or ceases' }),
    productCode: z.string(),
    bandwidthMbps: z.number().int(),
    site: SiteAddressSchema,
    contact: SiteContactSchema,
    carrierFields: z.record(z.string(), CarrierFieldValue).openapi({
      description: "The desk's values for the partner's per-order fields ({} when it set none: their defaults apply)",
    }),
    installCharge: Money.nullable(),
    monthlyCharge: Money.nullable(),
    state: OrderStateSchema,
    submission: z.enum(submissionStates),
    partnerOrderId: z.string().nullable(),
    carrierCircuitRef: z
      .string()
      .nullable()
      .openapi({ description: "The carrier's circuit reference (its product instance id), once it gives one" }),
    dates: z.object({
      requested: z.string(),
      committed: z.string().nullable(),
      completed: IsoTimestamp.nullable(),
    }),
    failureReason: z.string().nullable(),
    createdAt: IsoTimestamp,
    updatedAt: IsoTimestamp,
  })
  .openapi('Order');
export type Order = z.infer<typeof OrderSchema>;

export const OrderDetailSchema = OrderSchema.extend({ timeline: z.array(OrderEventSchema) }).openapi('OrderDetail');

export const OrderCancelSchema = z
  .object({ reason: NonBlank(500).openapi({ example: 'Customer withdrew the request' }) })
  .openapi('OrderCancel');
