import { z } from '@hono/zod-openapi';
import { NonBlank } from './common.js';
import { SiteContactSchema } from './orders.js';

/** The desk's change or cease of a delivered tail: a new order of its own, for the same carrier and site. */
export const OrderChangeCreateSchema = z
  .object({
    action: z.enum(['modify', 'delete']).openapi({
      description: '`modify`: change the delivered tail (its bandwidth); `delete`: cease it',
    }),
    deskReference: NonBlank(100).openapi({ example: 'DESK-2027-0107' }),
    requestedCompletionDate: z.iso.date().openapi({ example: '2027-03-01' }),
    bandwidthMbps: z
      .number()
      .int()
      .min(1)
      .max(400_000)
      .optional()
      .openapi({ description: 'The new bandwidth: required to modify, and different from the present one' }),
    contact: SiteContactSchema.optional().openapi({
      description: "Who the carrier's engineer meets on site (default: the delivered order's contact)",
    }),
    note: z.string().max(2000).optional(),
  })
  .openapi('OrderChangeCreate');
export type OrderChangeCreate = z.infer<typeof OrderChangeCreateSchema>;
