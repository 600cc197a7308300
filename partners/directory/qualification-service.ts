import type { Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import { findLiveCoverage } from '../../db/repositories/offers-lookup.js';
import { getQualification, insertQualification, type StoredQualification } from '../../db/repositories/qualifications.js';
import type { NormalisedAddress } from '../../openapi/address.js';
import type { ProductNeeds, Qualification, QualificationRequest } from '../../openapi/qualification.js';
import { validateAddress } from './address.js';
import { locationKeysForAddress } from './location-keys.js';
import { selectOffers } from './qualify.js';

/** How long a desk may order from a qualification's offers. */
export const QUALIFICATION_VALIDITY_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * An offer's id is its qualification's random part plus its rank (`qof_<qualification>_<rank>`): unique, opaque to
 * the desk, and clustered, so storing a qualification's offers touches a page or two of the primary-key index
 * instead of one random page per offer (the write dominates a qualification's latency).
 */
export const offerId = (qualificationId: string, rank: number) => `qof_${qualificationId.slice(qualificationId.indexOf('_') + 1)}_${rank}`;

export type FieldProblem = { path: string; message: string };
export type QualifyOutcome = { ok: true; qualification: Qualification } | { ok: false; errors: FieldProblem[] };

/** What is stored as the qualification's request: the request as received, plus where it came from. */
export type StoredRequest = QualificationRequest & { source?: Record<string, unknown> };

/**
 * Normalises the address, finds every active partner's live coverage at its location keys (one indexed query),
 * keeps the most specific entry per partner and product, filters by the needs, ranks, and stores the qualification
 * with a snapshot of its offers in one transaction. An unusable address changes nothing and names the field.
 */
export function qualify(
  db: Db,
  input: { request: QualificationRequest; requestedBy: string; now: Date; source?: Record<string, unknown> },
): QualifyOutcome {
  const { address: raw, productNeeds } = input.request;
  const validation = validateAddress({ ...raw, country: raw.countryCode });
  if (validation.result === 'fail') {
    return { ok: false, errors: validation.problems.map((p) => ({ path: `address.${p.field}`, message: p.message })) };
  }
  const address = validation.address;
  const keys = locationKeysForAddress(address).map((k) => k.key);
  const candidates = findLiveCoverage(db, {
    locationKeys: keys,
    productCode: productNeeds.productCode,
    minBandwidthMbps: productNeeds.minBandwidthMbps,
  });
  const offers = selectOffers(candidates, keys, productNeeds);

  const id = newId('qlf');
  const createdAt = input.now.toISOString();
  const request: StoredRequest = input.source ? { ...input.request, source: input.source } : input.request;
  const stored: StoredQualification = {
    id,
    requestedBy: input.requestedBy,
    request,
    address,
    createdAt,
    expiresAt: new Date(input.now.getTime() + QUALIFICATION_VALIDITY_DAYS * DAY_MS).toISOString(),
    offers: offers.map((o) => ({
      id: offerId(id, o.rank),
      qualificationId: id,
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
    })),
  };
  insertQualification(db, { ...stored, offers: stored.offers.map(({ partnerName: _name, ...offer }) => offer) });
  return { ok: true, qualification: presentQualification(stored) };
}

/** A stored qualification, as the API shows it. */
export function presentQualification(stored: StoredQualification): Qualification {
  const request = stored.request as StoredRequest;
  return {
    id: stored.id,
    createdAt: stored.createdAt,
    expiresAt: stored.expiresAt,
    address: stored.address as NormalisedAddress,
    productNeeds: request.productNeeds as ProductNeeds,
    offers: stored.offers.map((o) => ({
      id: o.id,
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
    })),
  };
}

/** A stored qualification with where its request came from (e.g. the TMF679 item id), or undefined. */
export function findQualification(db: Db, id: string): { qualification: Qualification; source: Record<string, unknown> } | undefined {
  const stored = getQualification(db, id);
  if (!stored) return undefined;
  return { qualification: presentQualification(stored), source: (stored.request as StoredRequest).source ?? {} };
}
