import { and, desc, eq } from 'drizzle-orm';
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
