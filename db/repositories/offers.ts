import { withConnection } from '../access.js';
import type { Db } from '../client.js';
import { getQualification, parseOfferId, type StoredOffer } from './qualifications.js';

export type OfferForOrder = StoredOffer & { qualifiedAddress: unknown; expiresAt: string };

/** An offer with what an order must check against: the address it was qualified for and its expiry. */
export function getOfferForOrder(db: Db, offerId: string): Promise<OfferForOrder | undefined> {
  return withConnection(db, async () => {
    const named = parseOfferId(offerId);
    const qualification = named && (await getQualification(db, named.qualificationId));
    const offer = qualification?.offers.find((o) => o.rank === named?.rank);
    return (
      offer &&
      qualification && {
        ...offer,
        qualifiedAddress: qualification.address,
        // A live offer lasts as long as the carrier stands by it (never longer than its qualification).
        expiresAt: offer.live?.validUntil ?? qualification.expiresAt,
      }
    );
  });
}
