import type {
  AccessType,
  Confidence,
  DeliveryEstimate,
  MeasuredConformance,
  ProductNeeds,
} from '../../openapi/qualification.js';
import type { LiveQuoteRef } from '../../db/repositories/qualifications.js';
import type { DeliveryLookup } from '../performance/delivery-estimates.js';
import { matchLevels, type MatchLevel } from './location-keys.js';
import { MEASURED_CONFORMANCE_RULE, type ConformanceLookup } from '../performance/measured-conformance.js';

/**
 * One live coverage entry that serves one of the address's location keys, or (with `live`) an offer a carrier made for
 * the site itself when asked in real time (live-qualification.ts).
 */
export type CoverageCandidate = {
  partnerId: string;
  partnerName: string;
  /** null for a carrier's live offer. */
  coverageVersionId: string | null;
  locationKey: string;
  matchLevel: MatchLevel;
  productCode: string;
  bandwidthMbps: number;
  accessType: AccessType;
  installChargeMinor: number;
  monthlyChargeMinor: number;
  currency: string;
  leadTimeDays: number;
  live?: LiveQuoteRef | undefined;
  /** The carrier's own serviceability confidence for the site (a Sonata qualification), in place of the rule's. */
  confidence?: Confidence | undefined;
};

/** What Tailgate measured of partners, as offers show it: conformance and delivery estimates. */
export type PerformanceLookups = { conformance: ConformanceLookup; delivery: DeliveryLookup };

export type RankedOffer = CoverageCandidate & {
  rank: number;
  confidence: Confidence;
  measuredConformance: MeasuredConformance;
  deliveryEstimate: DeliveryEstimate;
  /**
   * The candidate it was ranked from. Everything but its rank follows from that candidate and the performance figures,
   * so answers that rank the same cached coverage entry can share its serialized form (qualification-service.ts).
   */
  entry: CoverageCandidate;
};

/** Months of service the cost comparison spans: installation plus this many monthly charges. */
export const COMPARISON_TERM_MONTHS = 36;

/** The ranking rule, as published in the API description and the README. */
export const OFFER_RANKING_RULE = [
  'Offers are ranked by, in order:',
  '1) coverage match level, most specific first (address > postcode > sector > district > area);',
  '2) serviceability confidence (green > yellow > red);',
  "3) the partner's measured OLA conformance (measuredConformance.share), highest first, measured partners before",
  'partners not yet measured (who rank equal at this step);',
  `4) ${COMPARISON_TERM_MONTHS}-month total cost (installation + ${COMPARISON_TERM_MONTHS} x monthly), lowest first; ` +
    'costs are compared only within one currency, and different currencies are ordered by currency code;',
  '5) lead time, shortest first;',
  '6) partner name, then product code and bandwidth, so the order is stable.',
  MEASURED_CONFORMANCE_RULE,
].join(' ');

/** green: address or postcode match on-net; red: area match, or district match near-net; yellow otherwise. */
export function confidenceOf(matchLevel: MatchLevel, accessType: AccessType): Confidence {
  if ((matchLevel === 'address' || matchLevel === 'postcode') && accessType === 'onNet') return 'green';
  if (matchLevel === 'area' || (matchLevel === 'district' && accessType === 'nearNet')) return 'red';
  return 'yellow';
}

const totalCost = (c: CoverageCandidate) => c.installChargeMinor + COMPARISON_TERM_MONTHS * c.monthlyChargeMinor;
const confidenceOrder: Record<Confidence, number> = { green: 0, yellow: 1, red: 2 };
const confidenceOfCandidate = (c: CoverageCandidate) => c.confidence ?? confidenceOf(c.matchLevel, c.accessType);
/** matchLevels.indexOf as a lookup: the comparator runs many times per qualification. */
const levelOrder: Record<MatchLevel, number> = Object.fromEntries(matchLevels.map((level, i) => [level, i])) as Record<
  MatchLevel,
  number
>;
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Measured partners before unmeasured ones, higher conformance first; all unmeasured compare equal. */
const compareConformance = (a: number | null, b: number | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : b - a;

/** A candidate, with its partner's measured conformance once known (candidates of one partner and product share it). */
type Rankable = CoverageCandidate & { measuredConformance?: MeasuredConformance };
const shareOf = (c: Rankable) => c.measuredConformance?.share ?? null;

/** The ranking rule (OFFER_RANKING_RULE) as a comparator; negative when `a` is the better offer. */
export function compareOffers(a: Rankable, b: Rankable): number {
  return (
    levelOrder[a.matchLevel] - levelOrder[b.matchLevel] ||
    confidenceOrder[confidenceOfCandidate(a)] - confidenceOrder[confidenceOfCandidate(b)] ||
    compareConformance(shareOf(a), shareOf(b)) ||
    (a.currency === b.currency ? totalCost(a) - totalCost(b) : compareText(a.currency, b.currency)) ||
    a.leadTimeDays - b.leadTimeDays ||
    compareText(a.partnerName, b.partnerName) ||
    compareText(a.productCode, b.productCode) ||
    a.bandwidthMbps - b.bandwidthMbps ||
    compareText(a.partnerId, b.partnerId)
  );
}

/**
 * Most specific match wins: per partner, product and bandwidth only the entry at the most specific of the address's
 * location keys is kept (`keyOrder` lists the keys most specific first), so a postcode price hides an area price.
 * Duplicate rows at one key are settled by the ranking rule, so the result never depends on row order.
 */
export function mostSpecificPerProduct(candidates: CoverageCandidate[], keyOrder: string[]): CoverageCandidate[] {
  // An address has at most six keys: a scan is cheaper than building a map per qualification.
  const rankOf = (c: CoverageCandidate) => {
    const index = keyOrder.indexOf(c.locationKey);
    return index < 0 ? keyOrder.length : index;
  };
  const best = new Map<string, { candidate: CoverageCandidate; rank: number }>();
  for (const c of candidates) {
    const group = `${c.partnerId}\u0000${c.productCode}\u0000${c.bandwidthMbps}`;
    const kept = best.get(group);
    const rank = rankOf(c);
    if (!kept) best.set(group, { candidate: c, rank });
    else if (rank < kept.rank || (rank === kept.rank && compareOffers(c, kept.candidate) < 0)) {
      kept.candidate = c;
      kept.rank = rank;
    }
  }
  const kept: CoverageCandidate[] = [];
  for (const entry of best.values()) kept.push(entry.candidate);
  return kept;
}

/** Whether an offer satisfies the desk's product needs; a budget excludes offers in other currencies (no FX). */
export function meetsNeeds(c: CoverageCandidate, needs: ProductNeeds): boolean {
  if (needs.productCode !== undefined && c.productCode !== needs.productCode) return false;
  if (needs.minBandwidthMbps !== undefined && c.bandwidthMbps < needs.minBandwidthMbps) return false;
  if (needs.maxLeadTimeDays !== undefined && c.leadTimeDays > needs.maxLeadTimeDays) return false;
  const budget = needs.budget;
  if (budget) {
    if (c.currency !== budget.currency) return false;
    if (budget.monthlyMinor !== undefined && c.monthlyChargeMinor > budget.monthlyMinor) return false;
    if (budget.installMinor !== undefined && c.installChargeMinor > budget.installMinor) return false;
  }
  return true;
}

/** Selection then ranking: most specific entry per product first, then the needs filter, then the ranking rule. */
export function selectOffers(
  candidates: CoverageCandidate[],
  keyOrder: string[],
  needs: ProductNeeds,
  performance: PerformanceLookups,
): RankedOffer[] {
  const offers: RankedOffer[] = [];
  for (const c of mostSpecificPerProduct(candidates, keyOrder)) {
    if (!meetsNeeds(c, needs)) continue;
    offers.push({
      partnerId: c.partnerId,
      partnerName: c.partnerName,
      coverageVersionId: c.coverageVersionId,
      locationKey: c.locationKey,
      matchLevel: c.matchLevel,
      productCode: c.productCode,
      bandwidthMbps: c.bandwidthMbps,
      accessType: c.accessType,
      installChargeMinor: c.installChargeMinor,
      monthlyChargeMinor: c.monthlyChargeMinor,
      currency: c.currency,
      leadTimeDays: c.leadTimeDays,
      rank: 0,
      confidence: confidenceOfCandidate(c),
      measuredConformance: performance.conformance(c.partnerId, c.productCode),
      deliveryEstimate: performance.delivery(c.partnerId, c.productCode, c.accessType),
      entry: c,
      ...(c.live ? { live: c.live } : {}),
    });
  }
  offers.sort(compareOffers);
  for (let i = 0; i < offers.length; i += 1) (offers[i] as RankedOffer).rank = i + 1;
  return offers;
}
