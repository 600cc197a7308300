import { queryAll, queryFirst, queryRun } from '../execute.js';
import { and, asc, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { Partner, PartnerCreate, PartnerUpdate } from '../../openapi/partners.js';
import { withConnection } from '../access.js';
import type { Db } from '../client.js';
import { newId } from '../ids.js';
import { partners } from '../schema.js';
import { directoryWritten } from './offers-lookup.js';

type PartnerRow = typeof partners.$inferSelect;

const toPartner = ({ hubId: _hubId, ticketHubId: _ticketHubId, ...row }: PartnerRow): Partner => row as Partner;

export function getPartnerHubId(db: Db, id: string): Promise<string | null> {
  return withConnection(db, async () => {
    return (
      (await queryFirst(db.select({ hubId: partners.hubId }).from(partners).where(eq(partners.id, id))))?.hubId ?? null
    );
  });
}

export function setPartnerHubId(db: Db, id: string, hubId: string | null): Promise<void> {
  return withConnection(db, async () => {
    await queryRun(db.update(partners).set({ hubId }).where(eq(partners.id, id)));
  });
}

/**
 * Records the hub a submission registered at the carrier unless another one was recorded meanwhile (two first
 * submissions at once): true when this one is the partner's hub.
 */
export function claimPartnerHubId(db: Db, id: string, kind: 'order' | 'ticket', hubId: string): Promise<boolean> {
  return withConnection(db, async () => {
    const column = kind === 'order' ? partners.hubId : partners.ticketHubId;
    const set = kind === 'order' ? { hubId } : { ticketHubId: hubId };
    return (
      (
        await queryRun(
          db
            .update(partners)
            .set(set)
            .where(and(eq(partners.id, id), isNull(column))),
        )
      ).changes > 0
    );
  });
}

export function getPartnerTicketHubId(db: Db, id: string): Promise<string | null> {
  return withConnection(db, async () => {
    return (
      (await queryFirst(db.select({ hubId: partners.ticketHubId }).from(partners).where(eq(partners.id, id))))?.hubId ??
      null
    );
  });
}

export function insertPartner(db: Db, input: PartnerCreate, now: Date): Promise<Partner> {
  return withConnection(db, async () => {
    const row = await queryFirst(
      db
        .insert(partners)
        .values({ id: newId('ptn'), ...input, createdAt: now.toISOString(), updatedAt: now.toISOString() })
        .returning(),
    );
    await directoryWritten(db);
    return toPartner(row);
  });
}

export function getPartner(db: Db, id: string): Promise<Partner | undefined> {
  return withConnection(db, async () => {
    const row = await queryFirst(db.select().from(partners).where(eq(partners.id, id)));
    return row && toPartner(row);
  });
}

export function listPartners(
  db: Db,
  opts: { limit: number; after?: string; onlyId?: string; status?: Partner['status'] },
): Promise<Partner[]> {
  return withConnection(db, async () => {
    const where = and(
      opts.after ? gt(partners.id, opts.after) : undefined,
      opts.onlyId ? eq(partners.id, opts.onlyId) : undefined,
      opts.status ? eq(partners.status, opts.status) : undefined,
    );
    return (await queryAll(db.select().from(partners).where(where).orderBy(asc(partners.id)).limit(opts.limit))).map(
      toPartner,
    );
  });
}

export function updatePartner(db: Db, id: string, patch: PartnerUpdate, now: Date): Promise<Partner | undefined> {
  return withConnection(db, async () => {
    const row = await queryFirst(
      db
        .update(partners)
        .set({ ...patch, updatedAt: now.toISOString() })
        .where(eq(partners.id, id))
        .returning(),
    );
    await directoryWritten(db);
    return row && toPartner(row);
  });
}

export function findPartnerByName(db: Db, name: string): Promise<Partner | undefined> {
  return withConnection(db, async () => {
    const row = await queryFirst(db.select().from(partners).where(eq(partners.name, name)));
    return row && toPartner(row);
  });
}

export function partnerNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  return withConnection(db, async () => {
    if (ids.length === 0) return new Map();
    const rows = await queryAll(
      db.select({ id: partners.id, name: partners.name }).from(partners).where(inArray(partners.id, ids)),
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  });
}

/** Every partner id, in order (the month's report and the conformance refresh go through partners one at a time). */
export function partnerIds(db: Db): Promise<string[]> {
  return withConnection(db, async () => {
    const rows = await queryAll(db.select({ id: partners.id }).from(partners).orderBy(asc(partners.id)));
    return rows.map((r) => r.id);
  });
}

/**
 * Active partners that answer qualifications in real time (adapter.qualificationApi set, and where), by name.
 * Partners are few: the adapter settings are read whole and filtered here rather than by JSON in SQL.
 */
export function activeLiveQualifiers(db: Db): Promise<Partner[]> {
  return withConnection(db, async () => {
    const rows = await queryAll(
      db.select().from(partners).where(eq(partners.status, 'active')).orderBy(asc(partners.name)),
    );
    return rows
      .map(toPartner)
      .filter(
        (p) =>
          (p.adapter.qualificationApi ?? 'none') !== 'none' &&
          (p.adapter.qualificationBaseUrl ?? p.adapter.baseUrl) !== undefined,
      );
  });
}
