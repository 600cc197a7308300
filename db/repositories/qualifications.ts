import { eq } from 'drizzle-orm';
import type { Confidence, DeliveryEstimate, LiveCheck, MeasuredConformance } from '../../openapi/qualification.js';
import { withConnection, writeTransaction } from '../access.js';
import { isForeignKeyViolation, isPostgres, isStoreBusy, queryFirst, statement } from '../execute.js';
import type { Db } from '../client.js';
import { inPgTransaction } from '../pg/client.js';
import { insertGroupOnPostgres, type StoredNow } from '../pg/qualification-group.js';
import type { LiveCoverageRow } from './offers-lookup.js';
import { qualificationAnswers, qualifications } from '../schema.js';

export type QualificationRow = typeof qualifications.$inferSelect;

/**
 * One offer as its answer keeps it (qualification_answers.offers is a JSON array of these, in rank order): the live
 * coverage entry it came from, the key it matched as `matchedLocationKey`, and its rank and confidence.
 */
export type OfferSnapshot = Omit<LiveCoverageRow, 'locationKey' | 'coverageVersionId'> & {
  /** The coverage version it came from; null for a live offer. */
  coverageVersionId: string | null;
  rank: number;
  matchedLocationKey: string;
  confidence: Confidence;
  /** The partner's measured conformance when offered; absent from answers stored before offers carried it. */
  measuredConformance?: MeasuredConformance;
  /** How long the partner takes to deliver, when offered; absent from answers stored before offers carried it. */
  deliveryEstimate?: DeliveryEstimate;
  /** A live offer: the carrier's qualification and item it came from, and until when the carrier stands by it. */
  live?: LiveQuoteRef;
};
export type LiveQuoteRef = { carrierQualificationId: string; carrierItemId: string; validUntil: string };
export type StoredOffer = OfferSnapshot & { id: string };
export type StoredQualification = Omit<QualificationRow, 'liveChecks'> & {
  offers: StoredOffer[];
  liveChecks: LiveCheck[];
};

/**
 * A ranked answer on its way to the database: its offers' JSON (`JSON.stringify(OfferSnapshot[])`), written with the
 * first qualification that needs it, and once that commit is done the id of that row, which later qualifications
 * share. Whoever keeps the answer (the qualification answer cache) keeps this object with it.
 */
export type AnswerToStore = { offersJson: string; storedId: number | undefined };

export type NewQualification = {
  id: string;
  requestedBy: string;
  /** JSON: the request as received. */
  requestJson: string;
  /** JSON: the normalised address. */
  addressJson: string;
  createdAt: string;
  expiresAt: string;
  answer: AnswerToStore;
  /** JSON: LiveCheck[], when carriers were asked in real time. */
  liveChecksJson: string | null;
};

// Positional parameters: binding by name looks every name up on the object, and this is the HTTP hot path.
const insertQualificationSql = `
  INSERT INTO qualifications (id, requested_by, request, address, created_at, expires_at, answer_id, live_checks)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;
const insertAnswerSql = 'INSERT INTO qualification_answers (offers, created_at) VALUES (?, ?) RETURNING id';

type Writer = { one: (q: NewQualification) => Promise<void>; many: (qs: NewQualification[]) => Promise<void> };
const writers = new WeakMap<object, Writer>();

/**
 * Statements and transactions are prepared once per connection: a qualification is on the hot path. An answer's row
 * id is handed to later qualifications (`storedId`) only once the transaction that stored it has committed: on
 * PostgreSQL several group commits are under way at once, each on a connection of its own, and one referring to a row
 * another has not committed yet fails its foreign key. So a commit that finds an answer in flight stores its own copy,
 * and an answer whose transaction rolls back was never handed out.
 */
function writerFor(db: Db): Writer {
  const cached = writers.get(db.$client);
  if (cached) return cached;
  const insertQualification = statement(db, insertQualificationSql);
  const insertAnswer = statement(db, insertAnswerSql);
  const insert = async (q: NewQualification, storedNow: StoredNow) => {
    let answerId = q.answer.storedId ?? storedNow.get(q.answer);
    if (answerId === undefined) {
      answerId = (await insertAnswer.pluck<number>().get(q.answer.offersJson, q.createdAt)) as number;
      storedNow.set(q.answer, answerId);
    }
    await insertQualification.run(
      q.id,
      q.requestedBy,
      q.requestJson,
      q.addressJson,
      q.createdAt,
      q.expiresAt,
      answerId,
      q.liveChecksJson,
    );
  };
  // On PostgreSQL one statement (insertGroupOnPostgres), atomic and committed on its own, unless a caller's transaction
  // is open: then in a savepoint, so a refused write leaves that transaction usable for the retry.
  const oneStatement = isPostgres(db);
  const handedOutOnCommit = async (write: (storedNow: StoredNow) => Promise<void>) => {
    const storedNow: StoredNow = new Map();
    if (oneStatement && !inPgTransaction(db)) await write(storedNow);
    else await writeTransaction(db, async () => await write(storedNow));
    for (const [answer, id] of storedNow) answer.storedId = id;
  };
  const writeAll = async (qs: NewQualification[], storedNow: StoredNow) => {
    if (oneStatement) return await insertGroupOnPostgres(db, qs, storedNow);
    for (const q of qs) await insert(q, storedNow);
  };
  const writer: Writer = {
    one: (q) => storingPurgedAnswersAnew([q], () => handedOutOnCommit((storedNow) => writeAll([q], storedNow))),
    many: (qs) => storingPurgedAnswersAnew(qs, () => handedOutOnCommit((storedNow) => writeAll(qs, storedNow))),
  };
  writers.set(db.$client, writer);
  return writer;
}

/**
 * The retention sweep may delete an answer an answer cache still remembers as stored (qualification-retention.ts):
 * the write then fails its foreign key and rolls back, and is made once more with those answers stored anew.
 */
async function storingPurgedAnswersAnew(qs: NewQualification[], write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (err) {
    if (!isForeignKeyViolation(err)) throw err;
    for (const q of qs) q.answer.storedId = undefined;
    await write();
  }
}

/** Stores a qualification (and its answer, the first time) in one transaction. */
export function insertQualification(db: Db, qualification: NewQualification): Promise<void> {
  return writerFor(db).one(qualification);
}

type Waiting = { q: NewQualification; done: () => void; failed: (err: unknown) => void };
/** Most qualifications one commit carries: bounds how long the event loop is held by one flush. */
const MAX_GROUP = 256;
const groups = new WeakMap<object, Waiting[]>();

/**
 * Commits the waiting qualifications, MAX_GROUP at a time. A group that fails rolls back as a whole and is retried one
 * qualification per transaction, so one bad row cannot fail its neighbours; but a store too busy to take the write
 * (isStoreBusy) fails every qualification still waiting at once: on SQLite each retry would wait out busy_timeout
 * again, synchronously, holding the event loop once per row.
 */
async function flush(db: Db, waiting: Waiting[]): Promise<void> {
  groups.delete(db.$client);
  const writer = writerFor(db);
  let next = 0;
  /** Fails every qualification not yet settled when the store is busy; true when it was. */
  const busy = (err: unknown) => {
    if (!isStoreBusy(err)) return false;
    for (const w of waiting.slice(next)) w.failed(err);
    next = waiting.length;
    return true;
  };
  while (next < waiting.length) {
    const group = waiting.slice(next, next + MAX_GROUP);
    try {
      await writer.many(group.map((w) => w.q));
      for (const w of group) w.done();
      next += group.length;
    } catch (err) {
      if (busy(err)) return;
      for (const w of group) {
        try {
          await writer.one(w.q);
          w.done();
        } catch (err) {
          if (busy(err)) return;
          w.failed(err);
        }
        next += 1;
      }
    }
  }
}

/**
 * Group commit: stores the qualification in a transaction shared with every other qualification queued in the same
 * turn of the event loop, and resolves once that transaction has committed. Each commit writes whole pages to the
 * WAL, so one commit per HTTP request cost more than its rows; sharing it makes a busy server cheaper per request,
 * and an idle one waits no longer than a setImmediate. The caller answers only after the promise resolves, so
 * nothing refers to an uncommitted offer.
 */
export function insertQualificationGrouped(db: Db, qualification: NewQualification): Promise<void> {
  return new Promise((done, failed) => {
    let waiting = groups.get(db.$client);
    if (!waiting) {
      const group: Waiting[] = [];
      waiting = group;
      groups.set(db.$client, group);
      setImmediate(() => void flush(db, group));
    }
    waiting.push({ q: qualification, done, failed });
  });
}

/**
 * An offer's id is its qualification's id after the prefix, plus its rank (`qof_<qualification>_<rank>`): unique,
 * opaque to the desk, and enough to find the offer inside its qualification's answer.
 */
export const offerId = (qualificationId: string, rank: number) => `qof_${qualificationIdBody(qualificationId)}_${rank}`;
/** What an offer id keeps of its qualification's id: everything after the prefix. */
export const qualificationIdBody = (qualificationId: string) => qualificationId.slice(qualificationId.indexOf('_') + 1);

/** The qualification and rank an offer id names (the rank follows the last underscore: ids may hold underscores). */
export function parseOfferId(id: string): { qualificationId: string; rank: number } | undefined {
  const last = id.lastIndexOf('_');
  if (!id.startsWith('qof_') || last <= 'qof_'.length) return undefined;
  const rank = Number(id.slice(last + 1));
  if (!Number.isSafeInteger(rank) || rank < 1 || String(rank) !== id.slice(last + 1)) return undefined;
  return { qualificationId: `qlf_${id.slice('qof_'.length, last)}`, rank };
}

export function getQualification(db: Db, id: string): Promise<StoredQualification | undefined> {
  return withConnection(db, async () => {
    const row = await queryFirst(
      db
        .select({ qualification: qualifications, offers: qualificationAnswers.offers })
        .from(qualifications)
        .innerJoin(qualificationAnswers, eq(qualificationAnswers.id, qualifications.answerId))
        .where(eq(qualifications.id, id)),
    );
    if (!row) return undefined;
    const snapshots = JSON.parse(row.offers) as OfferSnapshot[];
    return {
      ...row.qualification,
      offers: snapshots.map((o) => ({ id: offerId(id, o.rank), ...o })),
      liveChecks: (row.qualification.liveChecks as LiveCheck[] | null) ?? [],
    };
  });
}

/** Qualification ids, newest first (ids are time-ordered), after `beforeId` when given. */
export function newestQualificationIds(
  db: Db,
  opts: { beforeId?: string | undefined; limit: number },
): Promise<string[]> {
  return withConnection(db, async () => {
    return (await statement(
      db,
      `select id from qualifications ${opts.beforeId ? 'where id < @beforeId' : ''} order by id desc limit @limit`,
    )
      .pluck<string>()
      .all({ limit: opts.limit, ...(opts.beforeId && { beforeId: opts.beforeId }) })) as string[];
  });
}
