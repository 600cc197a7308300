import { z } from 'zod';
import { carrierRequest, readCarrierBody, type CarrierHttpSettings } from '../http.js';
import type { CarrierCharge } from '../tmf622/types.js';
import { minorUnitsOfTmfMoney } from '../tmf679/write.js';

const chargeSchema = z.looseObject({
  id: z.string().min(1),
  state: z.string(),
  responseDueDate: z.string().optional(),
  chargeItem: z
    .array(
      z.looseObject({
        id: z.string(),
        priceCategory: z.string().optional(),
        priceType: z.string().optional(),
        blocking: z.boolean().optional(),
        state: z.string().optional(),
        price: z
          .looseObject({ dutyFreeAmount: z.looseObject({ unit: z.string(), value: z.number() }).optional() })
          .optional(),
      }),
    )
    .default([]),
});

const findSchema = z.array(z.looseObject({ id: z.string().min(1) }));

/** A Sonata MEFProductOrderCharge in our terms. */
function chargeOf(body: z.infer<typeof chargeSchema>): CarrierCharge {
  return {
    id: body.id,
    state: body.state,
    responseDueDate: body.responseDueDate,
    items: body.chargeItem.map((item) => {
      const amount = item.price?.dutyFreeAmount;
      return {
        id: item.id,
        category: item.priceCategory ?? 'other',
        priceType: item.priceType ?? 'nonRecurring',
        blocking: item.blocking ?? false,
        amountMinor: amount ? (minorUnitsOfTmfMoney(amount) ?? null) : null,
        currency: amount?.unit ?? null,
        state: item.state ?? body.state,
      };
    }),
  };
}

/**
 * A Sonata carrier's charges on our orders: listed per order (GET charge?productOrderId=, then each by id), and
 * answered, every item of a charge alike (PATCH charge/{id}, each item accepted or rejected).
 */
export function sonataCharges(
  http: CarrierHttpSettings,
  url: (path: string, query?: Record<string, string>) => string,
) {
  return {
    async list(partnerOrderId: string): Promise<CarrierCharge[]> {
      // MEF lists a summary of each charge (MEFProductOrderCharge_Find, no items): each is then read whole.
      const target = url('charge', { productOrderId: partnerOrderId });
      const found = readCarrierBody(findSchema, await carrierRequest(http, 'GET', target), `GET ${target}`);
      return await Promise.all(
        found.map(async ({ id }) => {
          const one = url(`charge/${encodeURIComponent(id)}`);
          return chargeOf(readCarrierBody(chargeSchema, await carrierRequest(http, 'GET', one), `GET ${one}`));
        }),
      );
    },
    async respond(charge: CarrierCharge, accept: boolean): Promise<CarrierCharge> {
      const target = url(`charge/${encodeURIComponent(charge.id)}`);
      const acceptanceIndicator = accept ? 'accepted' : 'rejected';
      const body = { chargeItem: charge.items.map((item) => ({ id: item.id, acceptanceIndicator })) };
      // MEF's charge update is plain JSON, not a merge patch.
      const answer = await carrierRequest(http, 'PATCH', target, body, 'application/json;charset=utf-8');
      return chargeOf(readCarrierBody(chargeSchema, answer, `PATCH ${target}`));
    },
  };
}
