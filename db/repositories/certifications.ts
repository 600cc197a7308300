import { and, desc, eq, sql } from 'drizzle-orm';
import { queryAll, queryFirst } from '../execute.js';
import { withConnection } from '../access.js';
import type { Db } from '../client.js';
import { newId } from '../ids.js';
import { partnerActivations, partnerCertifications } from '../schema.js';

export type CertificationRow = typeof partnerCertifications.$inferSelect;
export type ActivationRow = typeof partnerActivations.$inferSelect;

export function insertCertification(db: Db, row: Omit<CertificationRow, 'id'> & { id?: string }) {
  return withConnection(db, async () => {
    return await queryFirst(
      db
        .insert(partnerCertifications)
        .values({ id: newId('cert'), ...row })
        .returning(),
    );
  });
}

export function getCertification(db: Db, partnerId: string, id: string): Promise<CertificationRow | undefined> {
  return withConnection(db, async () => {
    return await queryFirst(
      db
        .select()
        .from(partnerCertifications)
        .where(and(eq(partnerCertifications.partnerId, partnerId), eq(partnerCertifications.id, id))),
    );
  });
}

/** A partner's runs, newest first. */
export function certificationsOf(db: Db, partnerId: string, limit = 50): Promise<CertificationRow[]> {
  return withConnection(db, async () => {
    return await queryAll(
      db
        .select()
        .from(partnerCertifications)
        .where(eq(partnerCertifications.partnerId, partnerId))
        .orderBy(desc(partnerCertifications.startedAt), desc(partnerCertifications.id))
        .limit(limit),
    );
  });
}

/** Each partner's newest run (any settings), in one query: the partners list shows them side by side. */
export function newestCertifications(db: Db): Promise<CertificationRow[]> {
  return withConnection(db, async () => {
    return await queryAll(
      db
        .select()
        .from(partnerCertifications)
        .where(
          sql`${partnerCertifications.id} = (select newer.id from partner_certifications newer
                where newer.partner_id = ${partnerCertifications.partnerId}
                order by newer.started_at desc, newer.id desc limit 1)`,
        )
        .orderBy(partnerCertifications.startedAt, partnerCertifications.id),
    );
  });
}

/** The newest run of the partner's current adapter settings (`fingerprint`), passed or not. */
export function latestCertificationOf(
  db: Db,
  partnerId: string,
  fingerprint: string,
): Promise<CertificationRow | undefined> {
  return withConnection(db, async () => {
    return await queryFirst(
      db
        .select()
        .from(partnerCertifications)
        .where(
          and(
            eq(partnerCertifications.partnerId, partnerId),
            eq(partnerCertifications.adapterFingerprint, fingerprint),
          ),
        )
        .orderBy(desc(partnerCertifications.startedAt), desc(partnerCertifications.id))
        .limit(1),
    );
  });
}

export function insertActivation(db: Db, row: Omit<ActivationRow, 'id'>): Promise<ActivationRow> {
  return withConnection(db, async () => {
    return await queryFirst(
      db
        .insert(partnerActivations)
        .values({ id: newId('act'), ...row })
        .returning(),
    );
  });
}

/** Every activation of a partner, newest first. */
export function activationsOf(db: Db, partnerId: string): Promise<ActivationRow[]> {
  return withConnection(db, async () => {
    return await queryAll(
      db
        .select()
        .from(partnerActivations)
        .where(eq(partnerActivations.partnerId, partnerId))
        .orderBy(desc(partnerActivations.activatedAt), desc(partnerActivations.id)),
    );
  });
}
