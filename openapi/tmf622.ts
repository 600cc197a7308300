import { z } from '@hono/zod-openapi';
import { orderStates } from '../sla-rules/order-states.js';

const dateTime = z.iso.datetime({ offset: true });

/** A TMF622 v5 Milestone of a carrier's order (ProductOrderMilestone): what Tailgate reads of it. */
export const TmfMilestoneSchema = z
  .object({
    id: z.string().max(200).optional(),
    name: z.string().max(200).optional(),
    status: z.string().max(100).optional().openapi({ description: 'v5 defines Yet-To-Reach, Completed and Violated' }),
    milestoneDate: dateTime.optional(),
    message: z.string().max(2000).optional(),
  })
  .passthrough()
  .openapi('TmfMilestoneView');
export type TmfMilestone = z.infer<typeof TmfMilestoneSchema>;

/** The part of a TMF622 ProductOrder (v4 or v5) that Tailgate reads from a carrier; other fields pass through. */
export const TmfProductOrderSchema = z
  .object({
    id: z.string().min(1).max(200),
    state: z.string().min(1).max(100).optional().openapi({
      description: "A TMF622 state, or one of the carrier's own values its partner's adapter.stateMap.order names",
    }),
    externalId: z
      .union([z.string(), z.array(z.object({ id: z.string() }).passthrough())])
      .optional()
      .openapi({ description: 'v4: a string; v5: ExternalIdentifier[]. Carries our order id.' }),
    expectedCompletionDate: dateTime.optional(),
    completionDate: dateTime.optional(),
    note: z.array(z.object({ text: z.string().optional() }).passthrough()).optional(),
    productOrderMilestone: z
      .array(TmfMilestoneSchema)
      .max(100)
      .optional()
      .openapi({ description: "v5 only: the order's milestones" }),
  })
  .passthrough()
  .openapi('TmfProductOrderView');
export type TmfProductOrder = z.infer<typeof TmfProductOrderSchema>;

export const v4ListenerEvents = [
  'productOrderStateChangeEvent',
  'productOrderAttributeValueChangeEvent',
  'productOrderInformationRequiredEvent',
] as const;
export const v5ListenerEvents = [
  ...v4ListenerEvents,
  'productOrderMilestoneEvent',
  'productOrderJeopardyAlertEvent',
] as const;
export type ListenerEventType = (typeof v5ListenerEvents)[number];

/** A TMF622 notification as posted to a listener (v4 and v5 share this envelope). */
export const TmfOrderEventSchema = z
  .object({
    eventId: z.string().min(1).max(200),
    eventTime: dateTime.optional(),
    eventType: z.string().max(100).optional(),
    event: z.object({ productOrder: TmfProductOrderSchema }).passthrough(),
  })
  .passthrough()
  .openapi('TmfProductOrderEvent');

/** What a carrier without an API of its own may change on its order through our TMF622 server. */
export const TmfProductOrderPatchSchema = z
  .object({
    state: z.enum(orderStates).optional(),
    expectedCompletionDate: dateTime.optional(),
    completionDate: dateTime.optional(),
    note: z.array(z.object({ text: z.string().max(2000) }).passthrough()).optional(),
  })
  .passthrough()
  .refine(
    (p) => p.state || p.expectedCompletionDate || p.completionDate || p.note,
    'change at least one of state, expectedCompletionDate, completionDate, note',
  )
  // The same rule, stated in the document (zod's refine is invisible to it).
  .openapi('TmfProductOrderPatch', {
    anyOf: ['state', 'expectedCompletionDate', 'completionDate', 'note'].map((field) => ({ required: [field] })),
  });
export type TmfProductOrderPatch = z.infer<typeof TmfProductOrderPatchSchema>;
