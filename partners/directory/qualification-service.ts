import type { Db } from '../../db/client.js';
import { newTimeOrderedId } from '../../db/ids.js';
import { cachedAnswer, cachedCoverageAnswer } from './coverage-cache.js';
import {
  getQualification,
  insertQualification,
  insertQualificationGrouped,
  offerId,
  qualificationIdBody,
  type AnswerToStore,
  type NewQualification,
  type StoredQualification,
} from '../../db/repositories/qualifications.js';
import type { NormalisedAddress } from '../../openapi/address.js';
import type { LiveCheck, ProductNeeds, Qualification, QualificationRequest } from '../../openapi/qualification.js';
import { validateAddress } from './address.js';
import { locationKeysForAddress } from './location-keys.js';
import { offersTemplate, qualificationBody, type OffersTemplate } from './qualification-bytes.js';
import { cutOffersJson, presentOffer, tailsOf } from './offer-json.js';
import { liveOffersFor, type LiveOffers, type LiveQualificationDeps } from './live-qualification.js';
import { selectOffers, type CoverageCandidate, type PerformanceLookups, type RankedOffer } from './qualify.js';

/** How long a desk may order from a qualification's offers. */
export const QUALIFICATION_VALIDITY_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Re-exported for callers that name offers; the scheme lives with the storage that relies on it. */
export { offerId };

export type FieldProblem = { path: string; message: string };
/**
 * `body` is `qualification` serialized (the UTF-8 bytes of JSON.stringify), built from bytes kept with the cached
 * answer; the object itself is built only when read (the HTTP route sends the body and needs only the id).
 */
export type QualifyOutcome =
  | { ok: true; id: string; qualification: Qualification; body: Buffer<ArrayBuffer> }
  | { ok: false; errors: FieldProblem[] };

/** What is stored as the qualification's request: the request as received, plus where it came from. */
export type StoredRequest = QualificationRequest & { source?: Record<string, unknown> };

type Input = {
  request: QualificationRequest;
  requestedBy: string;
  now: Date;
  source?: Record<string, unknown>;
  /** When given, carriers with a qualification API are asked in real time too (live-qualification.ts). */
  live?: LiveQualificationDeps | undefined;
};
/** An outcome, plus (qualified) the row to store. */
type Prepared =
  (Extract<QualifyOutcome, { ok: true }> & { row: NewQualification }) | Extract<QualifyOutcome, { ok: false }>;

/**
 * What the offers of a qualification depend on, and all they depend on: the address's location keys that find live
 * coverage, and the product needs (and live coverage itself, which the cache follows by the directory generation). So
 * every address in a sector whose own postcode nobody covers gets its sector's answer. Ranked once per such key,
 * serialized once (a qualification only adds its own ids and head) and stored once: every qualification given this
 * answer refers to the same stored snapshot.
 * - `offers`: the offers' JSON as bytes, with a gap wherever an offer id holds its qualification's id
 *   (qualificationIdBody), filled in per qualification (qualification-bytes.ts);
 * - `needsJson`: the product needs' JSON.
 */
type Answer = { ranked: readonly RankedOffer[]; offers: OffersTemplate; needsJson: string; stored: AnswerToStore };

// The whole of the validated needs (zod gives its keys in schema order), so a need added later is never left out.
const answerKey = (keys: string[], needs: ProductNeeds) => JSON.stringify([keys, needs]);

function answerOf(ranked: RankedOffer[], needs: ProductNeeds, performance: PerformanceLookups): Answer {
  const tails = ranked.map((o) => tailsOf(o, performance));
  return {
    ranked,
    offers: offersTemplate(cutOffersJson(ranked, tails)),
    needsJson: JSON.stringify(needs),
    // JSON.stringify(ranked.map(snapshotOf)), from the tails.
    stored: {
      offersJson: `[${ranked.map((o, i) => `{"rank":${o.rank}${tails[i]!.stored}`).join(',')}]`,
      storedId: undefined,
    },
  };
}

type Coverage = { candidates: CoverageCandidate[]; performance: PerformanceLookups };
const lookupOf = (keys: string[], needs: ProductNeeds) => ({
  locationKeys: keys,
  productCode: needs.productCode,
  minBandwidthMbps: needs.minBandwidthMbps,
});

/** The live coverage candidates at the keys for the needs, and partners' performance, kept as answers are. */
const coverageAt = (db: Db, keys: string[], needs: ProductNeeds) =>
  cachedAnswer(
    db,
    `candidates:${answerKey(keys, needs)}`,
    async (findLiveCoverage, performance): Promise<Coverage> => ({
      candidates: await findLiveCoverage(lookupOf(keys, needs)),
      performance,
    }),
  );

async function answerFor(
  db: Db,
  keys: string[],
  needs: ProductNeeds,
  live?: { offers: LiveOffers; coverage: () => Promise<Coverage> },
): Promise<Answer> {
  if (!live) {
    return cachedCoverageAnswer(
      db,
      lookupOf(keys, needs),
      (answerKeys) => answerKey(answerKeys, needs),
      (rows, answerKeys, performance) =>
        answerOf(selectOffers(rows, answerKeys, needs, performance), needs, performance),
    );
  }
  // With carriers' live offers the answer is this site's own (never shared): the coverage candidates and performance
  // are what is kept, and a partner that answered live stands by its answer instead of its coverage.
  const coverage = await live.coverage();
  const candidates = coverage.candidates.filter((c) => !live.offers.replaces(c)).concat(live.offers.candidates);
  return answerOf(selectOffers(candidates, keys, needs, coverage.performance), needs, coverage.performance);
}

/**
 * Normalises the address, finds every active partner's live coverage at its location keys (one indexed query),
 * keeps the most specific entry per partner and product, filters by the needs and ranks; returns the row to store
 * (the qualification, referring to its answer's stored snapshot) and the API's view of it, also as JSON. An unusable
 * address names the field.
 */
async function prepare(db: Db, input: Input): Promise<Prepared> {
  const { address: raw, productNeeds } = input.request;
  const validation = validateAddress({ ...raw, country: raw.countryCode });
  if (validation.result === 'fail') {
    return { ok: false, errors: validation.problems.map((p) => ({ path: `address.${p.field}`, message: p.message })) };
  }
  const address = validation.address;
  const keys = locationKeysForAddress(address).map((k) => k.key);
  const id = newTimeOrderedId('qlf', input.now);
  const createdAt = input.now.toISOString();
  const expiresAt = new Date(input.now.getTime() + QUALIFICATION_VALIDITY_DAYS * DAY_MS).toISOString();
  let coverage: Promise<Coverage> | undefined;
  const coverageHere = () => (coverage ??= coverageAt(db, keys, productNeeds));
  const live =
    input.live &&
    (await liveOffersFor(db, input.live, {
      site: address,
      keys,
      needs: productNeeds,
      now: input.now,
      notAfter: expiresAt,
      coverage: async () => (await coverageHere()).candidates,
    }));
  const answer = await answerFor(db, keys, productNeeds, live && { offers: live, coverage: coverageHere });
  const liveChecks: LiveCheck[] = live?.checks ?? [];
  const request: StoredRequest = input.source ? { ...input.request, source: input.source } : input.request;
  const addressJson = JSON.stringify(address);
  let qualification: Qualification | undefined;
  return {
    ok: true,
    row: {
      id,
      requestedBy: input.requestedBy,
      requestJson: JSON.stringify(request),
      addressJson,
      createdAt,
      expiresAt,
      answer: answer.stored,
      liveChecksJson: live ? JSON.stringify(liveChecks) : null,
    },
    id,
    get qualification() {
      qualification ??= {
        id,
        createdAt,
        expiresAt,
        address,
        productNeeds,
        offers: answer.ranked.map((o) => presentOffer(offerId(id, o.rank), o)),
        liveChecks,
      };
      return qualification;
    },
    // The bytes of JSON.stringify(qualification): the same keys in the same order, offers last. The id and
    // timestamps hold nothing JSON escapes (prefix, base32 and base64url characters; ISO-8601).
    body: qualificationBody(
      `{"id":"${id}","createdAt":"${createdAt}","expiresAt":"${expiresAt}","address":${addressJson},"productNeeds":${answer.needsJson},"offers":`,
      answer.offers,
      qualificationIdBody(id),
      `,"liveChecks":${JSON.stringify(liveChecks)}}`,
    ),
  };
}

/** Qualifies and stores the qualification in its own transaction (for callers that do one at a time). */
export async function qualify(db: Db, input: Input): Promise<QualifyOutcome> {
  const prepared = await prepare(db, input);
  if (!prepared.ok) return prepared;
  await insertQualification(db, prepared.row);
  return prepared;
}

/**
 * Qualifies and stores the qualification in a commit shared with the other qualifications of this turn of the
 * event loop (the HTTP edge); resolves once it is committed, so an order may refer to its offers at once.
 */
export async function qualifyGrouped(db: Db, input: Input): Promise<QualifyOutcome> {
  const prepared = await prepare(db, input);
  if (!prepared.ok) return prepared;
  await insertQualificationGrouped(db, prepared.row);
  return prepared;
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
    offers: stored.offers.map((o) => presentOffer(o.id, o)),
    liveChecks: stored.liveChecks,
  };
}

/** A stored qualification with where its request came from (e.g. the TMF679 item id), or undefined. */
export async function findQualification(
  db: Db,
  id: string,
): Promise<{ qualification: Qualification; source: Record<string, unknown> } | undefined> {
  const stored = await getQualification(db, id);
  if (!stored) return undefined;
  return { qualification: presentQualification(stored), source: (stored.request as StoredRequest).source ?? {} };
}
