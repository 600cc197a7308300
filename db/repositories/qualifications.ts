import type Database from 'better-sqlite3';
import { asc, eq } from 'drizzle-orm';
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

const insertQualificationSql = `
  INSERT INTO qualifications (id, requested_by, request, address, created_at, expires_at)
  VALUES (@id, @requestedBy, @request, @address, @createdAt, @expiresAt)`;

const insertOfferSql = `
  INSERT INTO qualification_offers (id, qualification_id, rank, partner_id, coverage_version_id, product_code,
    bandwidth_mbps, access_type, install_charge_minor, monthly_charge_minor, currency, lead_time_days, match_level,
    matched_location_key, confidence)
  VALUES (@id, @qualificationId, @rank, @partnerId, @coverageVersionId, @productCode, @bandwidthMbps, @accessType,
    @installChargeMinor, @monthlyChargeMinor, @currency, @leadTimeDays, @matchLevel, @matchedLocationKey, @confidence)`;

type Writer = (q: NewQualification) => void;
const writers = new WeakMap<Database.Database, Writer>();

/** Statements and the transaction are prepared once per connection: a qualification is on the hot path. */
function writerFor(db: Db): Writer {
  const cached = writers.get(db.$client);
  if (cached) return cached;
  const insertQualification = db.$client.prepare(insertQualificationSql);
  const insertOffer = db.$client.prepare(insertOfferSql);
  const write = db.$client.transaction((q: NewQualification) => {
    insertQualification.run({
      id: q.id,
      requestedBy: q.requestedBy,
      request: JSON.stringify(q.request),
      address: JSON.stringify(q.address),
      createdAt: q.createdAt,
      expiresAt: q.expiresAt,
    });
    for (const offer of q.offers) insertOffer.run(offer);
  });
  const writer: Writer = (q) => write(q);
  writers.set(db.$client, writer);
  return writer;
}

/** Stores a qualification and its offer snapshots in one transaction. */
export function insertQualification(db: Db, qualification: NewQualification): void {
  writerFor(db)(qualification);
}

export function getQualification(db: Db, id: string): StoredQualification | undefined {
  const row = db.select().from(qualifications).where(eq(qualifications.id, id)).get();
  if (!row) return undefined;
  const offers = db
    .select({ offer: qualificationOffers, partnerName: partners.name })
    .from(qualificationOffers)
    .innerJoin(partners, eq(partners.id, qualificationOffers.partnerId))
    .where(eq(qualificationOffers.qualificationId, id))
    .orderBy(asc(qualificationOffers.rank))
    .all()
    .map(({ offer, partnerName }) => ({ ...offer, partnerName }));
  return { ...row, offers };
}
