import type { Db } from '../../db/client.js';
import type { LiveQuoteRef } from '../../db/repositories/qualifications.js';
import type { NormalisedAddress } from '../../openapi/address.js';
import type { Partner } from '../../openapi/partners.js';
import type { LiveCheck, ProductNeeds } from '../../openapi/qualification.js';
import { partnerAuth } from '../adapters/credentials.js';
import { describeCause, defaultCarrierTimeoutMs } from '../adapters/http.js';
import type { CarrierConnection } from '../adapters/index.js';
import { askSonataQualification, type SonataAnswer } from '../adapters/sonata/poq.js';
import { askCarrierQualification, type CarrierAnswer, type CarrierQuote } from '../adapters/tmf679/ask.js';
import { liveQualifiersOf } from './coverage-cache.js';
import { meetsNeeds, mostSpecificPerProduct, type CoverageCandidate } from './qualify.js';

/** How long a qualification waits for carriers asked in real time (LIVE_QUALIFICATION_DEADLINE_MS). */
export const DEFAULT_LIVE_QUALIFICATION_DEADLINE_MS = 2_000;
/** How long an answer without an expirationDate is kept and offered. */
export const LIVE_ANSWER_DEFAULT_VALIDITY_MS = 60 * 60 * 1000;
/** Carrier answers one process keeps (a few KB each). */
export const LIVE_ANSWER_CACHE_ENTRIES = 10_000;

/** How live qualification works, as the API description and README say it. */
export const LIVE_QUALIFICATION_RULE =
  'Active partners whose adapter has a qualificationApi are also asked in real time, all at once; the ' +
  'qualification waits for them no longer than the live qualification deadline (LIVE_QUALIFICATION_DEADLINE_MS, ' +
  'default 2 s). A TMF679 carrier that answered stands by its answer for this site: its live offers (source live, ' +
  'matchLevel address, validUntil its expirationDate) replace its coverage offers, and an unqualified answer removes ' +
  'them. A MEF LSO Sonata carrier is asked to confirm the offers its coverage prices here: each confirmed one becomes ' +
  'live with its serviceability confidence and installation interval (validUntil its guaranteedUntilDate), one it ' +
  'cannot deliver (red) is removed, one it was not asked about stands. A carrier that timed out or failed keeps its ' +
  "coverage offers. Answers are kept per site and question until the carrier's expiry (an hour when it gives none) " +
  'and reused (outcome cached); an answer that arrives after the deadline is kept for the next qualification. ' +
  'liveChecks says what each carrier asked did.';

/** What asking carriers needs: how to reach them, and how long a qualification waits for them. */
export type LiveQualificationDeps = { connection: CarrierConnection; deadlineMs: number };

/** The carriers' offers for one site, as candidates beside coverage, and what each carrier asked did. */
export type LiveOffers = {
  candidates: CoverageCandidate[];
  checks: LiveCheck[];
  /** Whether a coverage offer gives way to a carrier's answer (answered or cached) for it. */
  replaces(candidate: CoverageCandidate): boolean;
};

/**
 * A carrier's answer as kept: its offers for the site, notes for the desk, and which of the partner's coverage offers
 * it stands for (`replaces`, as productKey; undefined: all of them, the carrier answered for everything it sells).
 */
type Kept = {
  validUntil: number;
  carrierQualificationId: string;
  quotes: LiveQuote[];
  notes: string[];
  replaces?: string[];
};
const productKey = (c: { productCode: string; bandwidthMbps: number }) => `${c.productCode}\u0000${c.bandwidthMbps}`;
type Cache = { generation: number; kept: Map<string, Kept>; asking: Map<string, Promise<Kept>> };
const caches = new WeakMap<Db, Cache>();

/**
 * One offer a carrier stands by for the site, in our terms, before it is made a candidate: a TMF679 carrier's own
 * quote, or a coverage offer a Sonata carrier confirmed (its coverage version and the carrier's confidence).
 */
type LiveQuote = CarrierQuote & Pick<CoverageCandidate, 'coverageVersionId' | 'confidence'>;

/** What one qualification asks: the site, its location keys (most specific first) and needs, and when. */
type Ask = {
  site: NormalisedAddress;
  keys: string[];
  needs: ProductNeeds;
  now: Date;
  /** The qualification's expiry: no offer outlives it. */
  notAfter: string;
  /** The live coverage candidates at the site for the needs (a Sonata carrier is asked to confirm its own). */
  coverage: () => Promise<CoverageCandidate[]>;
};

/** How one carrier is asked: the cache key of the question (undefined: nothing to ask it), and the asking. */
type Question = { key: string | undefined; ask: () => Promise<Omit<Kept, 'validUntil'> & { expiresAt?: string }> };

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
  | { kind: 'answered' | 'cached'; kept: Kept }
  | { kind: 'timedOut' }
  | { kind: 'failed'; error: string }
  | { kind: 'notAsked' }
);

/**
 * Asks every active partner with a qualification API about the site, all at once, and waits for them no longer than
 * the deadline. An answer is kept until its expiry (else an hour) and reused for the same question; an answer that
 * arrives after the deadline is still kept for the next qualification. A carrier that fails or is late is reported as
 * such, and its coverage offers stand. A Sonata carrier is asked only about the products its coverage offers at the
 * site. Undefined when no partner qualifies live.
 */
export async function liveOffersFor(db: Db, deps: LiveQualificationDeps, ask: Ask): Promise<LiveOffers | undefined> {
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
        try {
          const question = await questionFor(partner, deps, ask);
          if (question.key === undefined) return { partner, kind: 'notAsked' };
          const kept = cache.kept.get(question.key);
          if (kept && kept.validUntil > ask.now.getTime()) return { partner, kind: 'cached', kept };
          const fresh = await Promise.race([asking(cache, question.key, question, ask.now), deadline]);
          return fresh === TIMED_OUT ? { partner, kind: 'timedOut' } : { partner, kind: 'answered', kept: fresh };
        } catch (err) {
          return { partner, kind: 'failed', error: describeCause(err) };
        }
      }),
    );
    const candidates: CoverageCandidate[] = [];
    const checks: LiveCheck[] = [];
    const replaced = new Map<string, Set<string> | 'all'>();
    for (const outcome of outcomes) {
      const { partner } = outcome;
      const check = { partnerId: partner.id, partnerName: partner.name };
      if (outcome.kind === 'notAsked') continue;
      if (outcome.kind === 'timedOut') {
        checks.push({ ...check, outcome: 'timedOut', offers: 0, detail: `no answer within ${deps.deadlineMs} ms` });
      } else if (outcome.kind === 'failed') {
        checks.push({ ...check, outcome: 'failed', offers: 0, detail: outcome.error });
      } else {
        const offered = candidatesOf(partner, outcome.kept, ask).filter((c) => meetsNeeds(c, ask.needs));
        candidates.push(...offered);
        replaced.set(partner.id, outcome.kept.replaces ? new Set(outcome.kept.replaces) : 'all');
        const notes = outcome.kept.notes;
        checks.push({
          ...check,
          outcome: outcome.kind,
          offers: offered.length,
          detail: notes.length > 0 ? notes.join('; ').slice(0, 1_000) : null,
        });
      }
    }
    const replaces = (c: CoverageCandidate) => {
      const which = replaced.get(c.partnerId);
      return which === 'all' || (which !== undefined && which.has(productKey(c)));
    };
    return { candidates, checks, replaces };
  } finally {
    clearTimeout(timer);
  }
}

/** How the partner is asked, per its qualification API. */
async function questionFor(partner: Partner, deps: LiveQualificationDeps, ask: Ask): Promise<Question> {
  const { adapter } = partner;
  const http = {
    fetch: deps.connection.outbound.fetch,
    timeoutMs: deps.connection.timeoutMs ?? defaultCarrierTimeoutMs,
    auth: partnerAuth(partner, deps.connection.secrets),
  };
  const root = (adapter.qualificationBaseUrl ?? adapter.baseUrl) as string;
  if (adapter.qualificationApi === 'sonata-poq-v7') {
    // Sonata qualifies products, it does not price them: it is asked to confirm the offers its coverage makes here.
    const own = (await ask.coverage()).filter((c) => c.partnerId === partner.id);
    const offers = mostSpecificPerProduct(own, ask.keys).filter((c) => meetsNeeds(c, ask.needs));
    const products = offers.map((c) => ({ productCode: c.productCode, bandwidthMbps: c.bandwidthMbps }));
    return {
      key: products.length === 0 ? undefined : JSON.stringify([partner.id, ask.site, products]),
      ask: async () =>
        sonataQuotes(await askSonataQualification(http, root, adapter, { site: ask.site, products }), offers),
    };
  }
  return {
    key: askKey(partner.id, ask.site, ask.needs),
    ask: async () => tmf679Quotes(await askCarrierQualification(http, root, adapter, ask)),
  };
}

function tmf679Quotes(answer: CarrierAnswer): Omit<Kept, 'validUntil'> & { expiresAt?: string } {
  return {
    carrierQualificationId: answer.carrierQualificationId,
    ...(answer.expiresAt ? { expiresAt: answer.expiresAt } : {}),
    quotes: answer.quotes.map((q) => ({ ...q, coverageVersionId: null })),
    notes: answer.unread.length > 0 ? [`offers not read: ${answer.unread.join('; ')}`] : [],
  };
}

/** A Sonata carrier's verdicts on our coverage offers: each serviceable one with its confidence and interval. */
function sonataQuotes(
  answer: SonataAnswer,
  offers: CoverageCandidate[],
): Omit<Kept, 'validUntil'> & { expiresAt?: string } {
  const quotes: LiveQuote[] = [];
  const notes = [...answer.unread];
  answer.verdicts.forEach((verdict, i) => {
    const offer = offers.find(
      (o) => o.productCode === verdict.productCode && o.bandwidthMbps === verdict.bandwidthMbps,
    );
    if (!verdict.serviceable || !offer) {
      notes.push(
        `${verdict.productCode} ${verdict.bandwidthMbps} Mbps: ${verdict.serviceable ? 'no offer' : verdict.reason}`,
      );
      return;
    }
    quotes.push({
      coverageVersionId: offer.coverageVersionId,
      productCode: offer.productCode,
      bandwidthMbps: offer.bandwidthMbps,
      accessType: offer.accessType,
      installChargeMinor: offer.installChargeMinor,
      monthlyChargeMinor: offer.monthlyChargeMinor,
      currency: offer.currency,
      leadTimeDays: verdict.leadTimeDays,
      confidence: verdict.confidence,
      carrierItemId: String(i + 1),
    });
  });
  return {
    carrierQualificationId: answer.carrierQualificationId,
    ...(answer.expiresAt ? { expiresAt: answer.expiresAt } : {}),
    quotes,
    notes,
    // Only what it was asked about: an offer it was not asked about (no configuration to ask with) stands.
    replaces: answer.verdicts.map(productKey),
  };
}

/** The one request in flight for this question (concurrent qualifications share it), kept once done. */
function asking(cache: Cache, key: string, question: Question, now: Date): Promise<Kept> {
  const inFlight = cache.asking.get(key);
  if (inFlight) return inFlight;
  const request = (async (): Promise<Kept> => {
    const { expiresAt, ...answer } = await question.ask();
    const expires = expiresAt === undefined ? Number.NaN : Date.parse(expiresAt);
    const validUntil = Number.isFinite(expires) ? expires : now.getTime() + LIVE_ANSWER_DEFAULT_VALIDITY_MS;
    const kept = { ...answer, validUntil };
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
function candidatesOf(partner: Partner, kept: Kept, ask: Ask): CoverageCandidate[] {
  if (kept.validUntil <= ask.now.getTime()) return [];
  const validUntil = Math.min(kept.validUntil, Date.parse(ask.notAfter));
  return kept.quotes.map(({ carrierItemId, confidence, ...quote }) => {
    const live: LiveQuoteRef = {
      carrierQualificationId: kept.carrierQualificationId,
      carrierItemId,
      validUntil: new Date(validUntil).toISOString(),
    };
    return {
      ...quote,
      partnerId: partner.id,
      partnerName: partner.name,
      locationKey: ask.keys[0] as string,
      matchLevel: 'address',
      ...(confidence ? { confidence } : {}),
      live,
    };
  });
}
