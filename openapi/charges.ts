import { z } from '@hono/zod-openapi';
import { Money } from './common.js';

export const SellerChargeSchema = z
  .object({
    id: z.string().openapi({ description: "The carrier's charge id" }),
    state: z.string().openapi({
      description: 'awaitingResponse (the order waits on the desk), completed, timeout or withdrawnBySeller (MEF)',
    }),
    responseDueDate: z.string().nullable(),
    items: z.array(
      z.object({
        id: z.string(),
        category: z.string().openapi({ example: 'construction' }),
        priceType: z.string().openapi({ example: 'nonRecurring' }),
        blocking: z.boolean().openapi({ description: 'The order waits until the desk answers it' }),
        price: Money.nullable(),
        state: z
          .string()
          .openapi({ description: 'awaitingResponse, acceptedByBuyer, declinedByBuyer, withdrawnBySeller' }),
      }),
    ),
  })
  .openapi('SellerCharge', { description: 'A charge the carrier raised on the order, as its MEF LSO Sonata API says' });
export type SellerCharge = z.infer<typeof SellerChargeSchema>;

export const SellerChargeListSchema = z.object({ items: z.array(SellerChargeSchema) }).openapi('SellerChargeList');

export const ChargeDecisionSchema = z
  .object({ decision: z.enum(['accept', 'decline']) })
  .openapi('ChargeDecision', { description: 'accept: every item of the charge; decline: every item (MEF rejected)' });
