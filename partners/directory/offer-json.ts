import { offerId, type OfferSnapshot, type StoredOffer } from '../../db/repositories/qualifications.js';
import type { Offer } from '../../openapi/qualification.js';
import type { CoverageCandidate, PerformanceLookups, RankedOffer } from './qualify.js';

/* Offers as JSON: as the API shows them, and as their answer stores them. */

type OfferFields = Pick<StoredOffer, Exclude<keyof RankedOffer, 'locationKey' | 'coverageVersionId' | 'entry'>>;

/** An offer as its stored answer keeps it: everything shown, plus where it came from. */
function snapshotOf(o: RankedOffer): OfferSnapshot {
  return {
    rank: o.rank,
    partnerId: o.partnerId,
    partnerName: o.partnerName,
    coverageVersionId: o.coverageVersionId,
    productCode: o.productCode,
    bandwidthMbps: o.bandwidthMbps,
    accessType: o.accessType,
    installChargeMinor: o.installChargeMinor,
    monthlyChargeMinor: o.monthlyChargeMinor,
    currency: o.currency,
    leadTimeDays: o.leadTimeDays,
    matchLevel: o.matchLevel,
    matchedLocationKey: o.locationKey,
    confidence: o.confidence,
    measuredConformance: o.measuredConformance,
    deliveryEstimate: o.deliveryEstimate,
    ...(o.live ? { live: o.live } : {}),
  };
}

/** An offer (just ranked, or stored), as the API shows it. */
export function presentOffer(id: string, o: OfferFields): Offer {
  return {
    id,
    rank: o.rank,
    partnerId: o.partnerId,
    partnerName: o.partnerName,
    productCode: o.productCode,
    bandwidthMbps: o.bandwidthMbps,
    accessType: o.accessType,
    installCharge: { amountMinor: o.installChargeMinor, currency: o.currency },
    monthlyCharge: { amountMinor: o.monthlyChargeMinor, currency: o.currency },
    leadTimeDays: o.leadTimeDays,
    matchLevel: o.matchLevel,
    confidence: o.confidence,
    measuredConformance: o.measuredConformance ?? null,
    deliveryEstimate: o.deliveryEstimate ?? null,
    source: o.live ? 'live' : 'coverage',
    validUntil: o.live?.validUntil ?? null,
  };
}

/** Stands for a qualification id's body in an offer id while the id is cut around it. */
const BODY_MARK = '\u0000';

/**
 * An offer's JSON after its id and rank, as the API shows it (`shown`, presentOffer: `{"id":…,"rank":…` first) and as
 * its answer stores it (`stored`, snapshotOf: `{"rank":…` first), each starting at the comma after the rank.
 */
export type OfferTails = { performance: PerformanceLookups; shown: string; stored: string };
const SHOWN_HEAD = '{"id":"","rank":0'.length;
const STORED_HEAD = '{"rank":0'.length;
/**
 * Tails per coverage entry and the performance figures it was ranked with: the coverage cache hands out the same
 * entry object while the directory generation holds, so an address never seen mostly ranks entries that earlier
 * answers serialized already (serializing offers was about a sixth of an HTTP qualification's CPU). A carrier's live
 * offer is its site's own: serialized each time.
 */
const offerTails = new WeakMap<CoverageCandidate, OfferTails>();
export function tailsOf(o: RankedOffer, performance: PerformanceLookups): OfferTails {
  const kept = o.live ? undefined : offerTails.get(o.entry);
  if (kept?.performance === performance) return kept;
  const unranked = { ...o, rank: 0 };
  const tails = {
    performance,
    shown: JSON.stringify(presentOffer('', unranked)).slice(SHOWN_HEAD),
    stored: JSON.stringify(snapshotOf(unranked)).slice(STORED_HEAD),
  };
  if (!o.live) offerTails.set(o.entry, tails);
  return tails;
}

/**
 * The offers' JSON as an array of `[{"id":"`, then per offer the rest of its JSON, cut wherever its id holds the
 * qualification id's body. Offer ids hold nothing JSON escapes, so joining with a body gives JSON.stringify's bytes.
 */
export function cutOffersJson(ranked: readonly RankedOffer[], tails: readonly OfferTails[]): string[] {
  if (ranked.length === 0) return ['[]'];
  const cut: string[] = [];
  let pending = '[';
  for (const [i, o] of ranked.entries()) {
    const [beforeBody, afterBody] = offerId(`qlf_${BODY_MARK}`, o.rank).split(BODY_MARK) as [string, string];
    cut.push(`${pending}${i === 0 ? '' : ','}{"id":"${beforeBody}`);
    pending = `${afterBody}","rank":${o.rank}${tails[i]!.shown}`;
  }
  cut.push(`${pending}]`);
  return cut;
}
