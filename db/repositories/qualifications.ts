import type Database from 'better-sqlite3';
import { and, asc, eq, gte, lt } from 'drizzle-orm';
import type { Db } from '../client.js';
import { partners, qualificationOffers, qualifications } from '../schema.js';

export type QualificationRow = typeof qualifications.$inferSelect;
export type QualificationOfferRow = typeof qualificationOffers.$inferSelect;
export type StoredOffer = QualificationOfferRow & { partnerName: string };
export type StoredQualification = QualificationRow & { offers: StoredOffer[] };

export type NewQualification = {
  id: string;
  requestedBy: string;
  request: unknown;
  address: unknown;
  createdAt: string;
  expiresAt: string;
  offers: QualificationOfferRow[];
};

// Positional parameters: binding by name looks every name up on the object, and a qualification binds ~15 rows.
const insertQualificationSql = `
  INSERT INTO qualifications (id, requested_by, request, address, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`;

const insertOfferSql = `
  INSERT INTO qualification_offers (id, qualification_id, rank, partner_id, coverage_version_id, product_code,
    bandwidth_mbps, access_type, install_charge_minor, monthly_charge_minor, currency, lead_time_days, match_level,
    matched_location_key, confidence)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

type Writer = { one: (q: NewQualification) => void; many: (qs: NewQualification[]) => void };
const writers = new WeakMap<Database.Database, Writer>();

/** Statements and transactions are prepared once per connection: a qualification is on the hot path. */
function writerFor(db: Db): Writer {
  const cached = writers.get(db.$client);
  if (cached) return cached;
  const insertQualification = db.$client.prepare(insertQualificationSql);
  const insertOffer = db.$client.prepare(insertOfferSql);
  const insert = (q: NewQualification) => {
    insertQualification.run(q.id, q.requestedBy, JSON.stringify(q.request), JSON.stringify(q.address), q.createdAt, q.expiresAt);
    for (const o of q.offers) {
      insertOffer.run(o.id, o.qualificationId, o.rank, o.partnerId, o.coverageVersionId, o.productCode, o.bandwidthMbps,
        o.accessType, o.installChargeMinor, o.monthlyChargeMinor, o.currency, o.leadTimeDays, o.matchLevel,
        o.matchedLocationKey, o.confidence);
    }
  };
  const writer: Writer = {
    one: db.$client.transaction(insert).immediate,
    many: db.$client.transaction((qs: NewQualification[]) => {
      for (const q of qs) insert(q);
    }).immediate,
  };
  writers.set(db.$client, writer);
  return writer;
}

/** Stores a qualification and its offer snapshots in one transaction. */
export function insertQualification(db: Db, qualification: NewQualification): void {
  writerFor(db).one(qualification);
}

type Waiting = { q: NewQualification; done: () => void; failed: (err: unknown) => void };
/** Most qualifications one commit carries: bounds how long the event loop is held by one flush. */
const MAX_GROUP = 256;
const groups = new WeakMap<Database.Database, Waiting[]>();

function flush(db: Db, waiting: Waiting[]): void {
  groups.delete(db.$client);
  const writer = writerFor(db);
  for (let start = 0; start < waiting.length; start += MAX_GROUP) {
    const group = waiting.slice(start, start + MAX_GROUP);
    try {
      writer.many(group.map((w) => w.q));
      for (const w of group) w.done();
    } catch {
      // The group rolled back as a whole; one transaction each, so one bad row cannot fail its neighbours.
      for (const w of group) {
        try {
          writer.one(w.q);
          w.done();
        } catch (err) {
          w.failed(err);
        }
      }
    }
  }
}

/**
 * Group commit: stores the qualification in a transaction shared with every other qualification queued in the same
 * turn of the event loop, and resolves once that transaction has committed. Each commit writes whole pages to the
 * WAL (the last leaf of four b-trees, and often page 1 and a parent page), so one commit per HTTP request cost more
 * than its rows; sharing it makes a busy server cheaper per request, and an idle one waits no longer than a
 * setImmediate. The caller answers only after the promise resolves, so nothing refers to an uncommitted offer.
 */
export function insertQualificationGrouped(db: Db, qualification: NewQualification): Promise<void> {
  return new Promise((done, failed) => {
    let waiting = groups.get(db.$client);
    if (!waiting) {
      const group: Waiting[] = [];
      waiting = group;
      groups.set(db.$client, group);
      setImmediate(() => flush(db, group));
    }
    waiting.push({ q: qualification, done, failed });
  });
}

/**
 * An offer's id is its qualification's id after the prefix, plus its rank (`qof_<qualification>_<rank>`): unique,
 * opaque to the desk, and clustered, so a qualification's offers are one range of the primary key (which is how
 * they are found: there is no index on qualification_id) and storing them touches a page or two of it.
 */
export const offerId = (qualificationId: string, rank: number) => `${offerIdPrefix(qualificationId)}${rank}`;
const offerIdPrefix = (qualificationId: string) => `qof_${qualificationId.slice(qualificationId.indexOf('_') + 1)}_`;
/** The character after `_`: every id that starts with `<prefix>` sorts below `<prefix without its _>` + this. */
const AFTER_UNDERSCORE = String.fromCharCode('_'.charCodeAt(0) + 1);

export function getQualification(db: Db, id: string): StoredQualification | undefined {
  const row = db.select().from(qualifications).where(eq(qualifications.id, id)).get();
  if (!row) return undefined;
  const prefix = offerIdPrefix(id);
  const offers = db
    .select({ offer: qualificationOffers, partnerName: partners.name })
    .from(qualificationOffers)
    .innerJoin(partners, eq(partners.id, qualificationOffers.partnerId))
    .where(
      and(
        gte(qualificationOffers.id, prefix),
        lt(qualificationOffers.id, prefix.slice(0, -1) + AFTER_UNDERSCORE),
        eq(qualificationOffers.qualificationId, id),
      ),
    )
    .orderBy(asc(qualificationOffers.rank))
    .all()
    .map(({ offer, partnerName }) => ({ ...offer, partnerName }));
  return { ...row, offers };
}
