import { eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { qualificationOffers, qualifications } from '../schema.js';

export type OfferForOrder = typeof qualificationOffers.$inferSelect & { qualifiedAddress: unknown; expiresAt: string };

/** An offer with what an order must check against: the address it was qualified for and its expiry. */
export function getOfferForOrder(db: Db, offerId: string): OfferForOrder | undefined {
  const row = db
    .select({ offer: qualificationOffers, address: qualifications.address, expiresAt: qualifications.expiresAt })
    .from(qualificationOffers)
    .innerJoin(qualifications, eq(qualifications.id, qualificationOffers.qualificationId))
    .where(eq(qualificationOffers.id, offerId))
    .get();
  return row && { ...row.offer, qualifiedAddress: row.address, expiresAt: row.expiresAt };
}
