import type { Db } from '../../db/client.js';
import type { LiveQuoteRef } from '../../db/repositories/qualifications.js';
import type { NormalisedAddress } from '../../openapi/address.js';
import type { Partner } from '../../openapi/partners.js';
import type { LiveCheck, ProductNeeds } from '../../openapi/qualification.js';
import { partnerAuth } from '../adapters/credentials.js';
import { describeCause, defaultCarrierTimeoutMs } from '../adapters/http.js';
import type { CarrierConnection } from '../adapters/index.js';
import { askCarrierQualification, type CarrierAnswer } from '../adapters/tmf679/ask.js';
import { liveQualifiersOf } from './coverage-cache.js';
import { meetsNeeds, type CoverageCandidate } from './qualify.js';

/** How long a qualification waits for carriers asked in real time (LIVE_QUALIFICATION_DEADLINE_MS). */
export const DEFAULT_LIVE_QUALIFICATION_DEADLINE_MS = 2_000;
/** How long an answer without an expirationDate is kept and offered. */
export const LIVE_ANSWER_DEFAULT_VALIDITY_MS = 60 * 60 * 1000;
/** Carrier answers one process keeps (a few KB each). */
export const LIVE_ANSWER_CACHE_ENTRIES = 10_000;

/** How live qualification works, as the API description and README say it. */
export const LIVE_QUALIFICATION_RULE =
  'Active partners whose adapter has a qualificationApi (TMF679) are also asked in real time, all at once; the ' +
  'qualification waits for them no longer than the live qualification deadline (LIVE_QUALIFICATION_DEADLINE_MS, ' +
  'default 2 s). A carrier that answered stands by its answer for this site: its live offers (source live, matchLevel ' +
  'address, validUntil its expirationDate) replace its coverage offers, and an unqualified answer removes them. A ' +
  'carrier that timed out or failed keeps its coverage offers. Answers are kept per site and needs until the ' +
  "carrier's expirationDate (an hour when it gives none) and reused (outcome cached); an answer that arrives after " +
  'the deadline is kept for the next qualification. liveChecks says what each carrier asked did.';

/** What asking carriers needs: how to reach them, and how long a qualification waits for them. */
export type LiveQualificationDeps = { connection: CarrierConnection; deadlineMs: number };

/** The carriers' offers for one site, as candidates beside coverage, and what each carrier asked did. */
export type LiveOffers = {
  candidates: CoverageCandidate[];
  checks: LiveCheck[];
  /** Partners whose answer stands for them (answered or cached): their coverage offers give way to it. */
  answered: ReadonlySet<string>;
};

type Kept = { answer: CarrierAnswer; validUntil: number };
type Cache = { generation: number; kept: Map<string, Kept>; asking: Map<string, Promise<Kept>> };
const caches = new WeakMap<Db, Cache>();

function cacheFor(db: Db, generation: number): Cache {
  let cache = caches.get(db);
  if (!cache || cache.generation !== generation) {
    // Adapter settings, statuses or coverage moved: what carriers said under the old settings is not reused.
    cache = { generation, kept: new Map(), asking: new Map() };
    caches.set(db, cache);
  }
  return cache;
}

// What the carrier is asked depends on the site and on the product code and minimum bandwidth only (the other needs
// are applied to its offers here), so answers are kept per those.
const askKey = (partnerId: string, site: NormalisedAddress, needs: ProductNeeds) =>
  JSON.stringify([partnerId, site, needs.productCode ?? null, needs.minBandwidthMbps ?? null]);

const TIMED_OUT = Symbol('timedOut');
type Outcome = { partner: Partner } & (
  { kind: 'answered' | 'cached'; kept: Kept } | { kind: 'timedOut' } | { kind: 'failed'; error: string }
);

/**
 * Asks every active partner with a qualification API about the site, all at once, and waits for them no longer than
 * the deadline. An answer is kept until its expirationDate (else an hour) and reused for the same site and needs; an
 * answer that arrives after the deadline is still kept for the next qualification. A carrier that fails or is late
 * is reported as such, and its coverage offers stand. Undefined when no partner qualifies live.
 */
export async function liveOffersFor(
  db: Db,
  deps: LiveQualificationDeps,
  ask: {
    site: NormalisedAddress;
    mostSpecificKey: string;
    needs: ProductNeeds;
    now: Date;
    /** The qualification's expiry: no offer outlives it. */
    notAfter: string;
  },
): Promise<LiveOffers | undefined> {
  const { generation, partners } = await liveQualifiersOf(db);
  if (partners.length === 0) return undefined;
  const cache = cacheFor(db, generation);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(resolve, deps.deadlineMs, TIMED_OUT);
  });
  try {
    const outcomes = await Promise.all(
      partners.map(async (partner): Promise<Outcome> => {
        const key = askKey(partner.id, ask.site, ask.needs);
        const kept = cache.kept.get(key);
        if (kept && kept.validUntil > ask.now.getTime()) return { partner, kind: 'cached', kept };
        try {
          const fresh = await Promise.race([asking(cache, key, partner, deps, ask), deadline]);
          return fresh === TIMED_OUT ? { partner, kind: 'timedOut' } : { partner, kind: 'answered', kept: fresh };
        } catch (err) {
          return { partner, kind: 'failed', error: describeCause(err) };
        }
      }),
    );
    const candidates: CoverageCandidate[] = [];
    const checks: LiveCheck[] = [];
    const answered = new Set<string>();
    for (const outcome of outcomes) {
      const { partner } = outcome;
      const check = { partnerId: partner.id, partnerName: partner.name };
      if (outcome.kind === 'timedOut') {
        checks.push({ ...check, outcome: 'timedOut', offers: 0, detail: `no answer within ${deps.deadlineMs} ms` });
      } else if (outcome.kind === 'failed') {
        checks.push({ ...check, outcome: 'failed', offers: 0, detail: outcome.error });
      } else {
        const offered = candidatesOf(partner, outcome.kept, ask).filter((c) => meetsNeeds(c, ask.needs));
        candidates.push(...offered);
        answered.add(partner.id);
        const unread = outcome.kept.answer.unread;
        checks.push({
          ...check,
          outcome: outcome.kind,
          offers: offered.length,
          detail: unread.length > 0 ? `offers not read: ${unread.join('; ')}`.slice(0, 1_000) : null,
        });
      }
    }
    return { candidates, checks, answered };
  } finally {
    clearTimeout(timer);
  }
}

/** The one request in flight for this partner, site and needs (concurrent qualifications share it), kept once done. */
function asking(
  cache: Cache,
  key: string,
  partner: Partner,
  deps: LiveQualificationDeps,
  ask: { site: NormalisedAddress; needs: ProductNeeds; now: Date },
): Promise<Kept> {
  const inFlight = cache.asking.get(key);
  if (inFlight) return inFlight;
  const { adapter } = partner;
  const request = (async (): Promise<Kept> => {
    const answer = await askCarrierQualification(
      {
        fetch: deps.connection.outbound.fetch,
        timeoutMs: deps.connection.timeoutMs ?? defaultCarrierTimeoutMs,
        auth: partnerAuth(partner, deps.connection.secrets),
      },
      adapter.baseUrl as string,
      adapter,
      ask,
    );
    const expires = answer.expiresAt === undefined ? Number.NaN : Date.parse(answer.expiresAt);
    const validUntil = Number.isFinite(expires) ? expires : ask.now.getTime() + LIVE_ANSWER_DEFAULT_VALIDITY_MS;
    const kept = { answer, validUntil };
    if (cache.kept.size >= LIVE_ANSWER_CACHE_ENTRIES) cache.kept.delete(cache.kept.keys().next().value as string);
    cache.kept.set(key, kept);
    return kept;
  })();
  cache.asking.set(key, request);
  // Settled either way, the next qualification asks afresh or finds the kept answer.
  void request.then(
    () => cache.asking.delete(key),
    () => cache.asking.delete(key),
  );
  return request;
}

/** A carrier's quotes as candidates for the site: matched at the address itself, valid while the carrier says. */
function candidatesOf(
  partner: Partner,
  kept: Kept,
  ask: { mostSpecificKey: string; now: Date; notAfter: string },
): CoverageCandidate[] {
  if (kept.validUntil <= ask.now.getTime()) return [];
  const validUntil = Math.min(kept.validUntil, Date.parse(ask.notAfter));
  return kept.answer.quotes.map((quote) => {
    const live: LiveQuoteRef = {
      carrierQualificationId: kept.answer.carrierQualificationId,
      carrierItemId: quote.carrierItemId,
      validUntil: new Date(validUntil).toISOString(),
    };
    return {
      partnerId: partner.id,
      partnerName: partner.name,
      coverageVersionId: null,
      locationKey: ask.mostSpecificKey,
      matchLevel: 'address',
      productCode: quote.productCode,
      bandwidthMbps: quote.bandwidthMbps,
      accessType: quote.accessType,
      installChargeMinor: quote.installChargeMinor,
      monthlyChargeMinor: quote.monthlyChargeMinor,
      currency: quote.currency,
      leadTimeDays: quote.leadTimeDays,
      live,
    };
  });
}
