import { queryAll, queryFirst, statement } from '../execute.js';
import { and, desc, eq, lt } from 'drizzle-orm';
import type { PartnerStatus } from '../../openapi/partners.js';
import type { Policy } from '../../sla-rules/types.js';
import { withConnection } from '../access.js';
import type { Db } from '../client.js';
import { newId } from '../ids.js';
import { perTurnOnPostgres } from '../pg/turn-batch.js';
import { olaPolicies } from '../schema.js';

type OlaPolicyRow = typeof olaPolicies.$inferSelect;

/** One stored policy version; `document` is the validated Policy, its `version` equal to the stored one. */
export type StoredPolicy = {
  id: string;
  partnerId: string;
  version: number;
  effectiveFrom: string;
  document: Policy;
  /** The document exactly as uploaded. */
  source: string;
  createdBy: string;
  createdAt: string;
};

// The column is only ever written from a validated Policy (insertPolicyVersion), so reading it back needs no re-check.
const toStoredPolicy = (row: OlaPolicyRow): StoredPolicy => ({ ...row, document: row.document as Policy });

/** The newest version of a partner's policy (the one a new upload follows), if any. */
export function latestPolicyVersion(
  db: Db,
  partnerId: string,
): Promise<Pick<StoredPolicy, 'version' | 'effectiveFrom'> | undefined> {
  return withConnection(db, async () => {
    return await queryFirst(
      db
        .select({ version: olaPolicies.version, effectiveFrom: olaPolicies.effectiveFrom })
        .from(olaPolicies)
        .where(eq(olaPolicies.partnerId, partnerId))
        .orderBy(desc(olaPolicies.version))
        .limit(1),
    );
  });
}

/**
 * Stores a validated policy as version `document.version` of the partner. The caller numbers it from
 * latestPolicyVersion; two concurrent uploads of the same number meet the (partner_id, version) unique index.
 */
export function insertPolicyVersion(
  db: Db,
  input: { partnerId: string; document: Policy; source: string; createdBy: string; now: Date },
): Promise<StoredPolicy> {
  return withConnection(db, async () => {
    const row = await queryFirst(
      db
        .insert(olaPolicies)
        .values({
          id: newId('olp'),
          partnerId: input.partnerId,
          version: input.document.version,
          effectiveFrom: input.document.effectiveFrom,
          document: input.document,
          source: input.source,
          createdBy: input.createdBy,
          createdAt: input.now.toISOString(),
        })
        .returning(),
    );
    return toStoredPolicy(row);
  });
}

/** A partner's versions, newest first; `beforeVersion` continues a page. */
export function listPolicyVersions(
  db: Db,
  partnerId: string,
  opts: { limit: number; beforeVersion?: number },
): Promise<StoredPolicy[]> {
  return withConnection(db, async () => {
    const before = opts.beforeVersion === undefined ? undefined : lt(olaPolicies.version, opts.beforeVersion);
    return (
      await queryAll(
        db
          .select()
          .from(olaPolicies)
          .where(and(eq(olaPolicies.partnerId, partnerId), before))
          .orderBy(desc(olaPolicies.version))
          .limit(opts.limit),
      )
    ).map(toStoredPolicy);
  });
}

export function getPolicyVersion(db: Db, partnerId: string, version: number): Promise<StoredPolicy | undefined> {
  return withConnection(db, async () => {
    const row = await queryFirst(
      db
        .select()
        .from(olaPolicies)
        .where(and(eq(olaPolicies.partnerId, partnerId), eq(olaPolicies.version, version))),
    );
    return row && toStoredPolicy(row);
  });
}

/** The version an order or ticket keeps (orders.policy_id, tickets.policy_id). */
export function getPolicyById(db: Db, id: string): Promise<StoredPolicy | undefined> {
  return withConnection(db, async () => {
    const row = await queryFirst(db.select().from(olaPolicies).where(eq(olaPolicies.id, id)));
    return row && toStoredPolicy(row);
  });
}

/** When one version of a partner's policy takes effect. */
export type PolicyStart = Pick<StoredPolicy, 'id' | 'version' | 'effectiveFrom'>;

/** Every version of a partner's policy, by when it takes effect (partners/policies/in-force.ts picks one). */
export function policyVersionStarts(db: Db, partnerId: string): Promise<PolicyStart[]> {
  return withConnection(db, async () => {
    return await queryAll(
      db
        .select({ id: olaPolicies.id, version: olaPolicies.version, effectiveFrom: olaPolicies.effectiveFrom })
        .from(olaPolicies)
        .where(eq(olaPolicies.partnerId, partnerId)),
    );
  });
}

type StatusWithPolicyStarts = { status: PartnerStatus; policyStarts: PolicyStart[] };
type StartRow = { partnerId: string; status: PartnerStatus } & { [K in keyof PolicyStart]: PolicyStart[K] | null };
const STATUS_WITH_STARTS = `SELECT p.id AS partnerId, p.status AS status, o.id AS id, o.version AS version,
    o.effective_from AS effectiveFrom
  FROM partners p LEFT JOIN ola_policies o ON o.partner_id = p.id`;

/** Each partner's status and policy starts from the joined rows (undefined: no such partner). */
function statusesWithStarts(partnerIds: readonly string[], rows: StartRow[]) {
  const found = new Map<string, StatusWithPolicyStarts>();
  for (const { partnerId, status, id, version, effectiveFrom } of rows) {
    let partner = found.get(partnerId);
    if (!partner) found.set(partnerId, (partner = { status, policyStarts: [] }));
    if (id !== null && version !== null && effectiveFrom !== null)
      partner.policyStarts.push({ id, version, effectiveFrom });
  }
  return partnerIds.map((id) => found.get(id));
}

/** Every order placed reads this: on PostgreSQL the reads of one turn of the event loop are one query. */
const readStatusWithStarts = perTurnOnPostgres<string, StatusWithPolicyStarts | undefined>(
  (db, partnerId) =>
    withConnection(db, async () => {
      const rows = await statement<StartRow>(db, `${STATUS_WITH_STARTS} WHERE p.id = ?`).all(partnerId);
      return statusesWithStarts([partnerId], rows)[0];
    }),
  (db, partnerIds) =>
    withConnection(db, async () => {
      const rows = await statement<StartRow>(db, `${STATUS_WITH_STARTS} WHERE p.id = ANY(?)`).all([
        ...new Set(partnerIds),
      ]);
      return statusesWithStarts(partnerIds, rows);
    }),
);

/**
 * A partner's status with the start of every version of its policy, in one read: what placing an order checks and
 * keeps. Undefined when there is no such partner.
 */
export const partnerStatusWithPolicyStarts = (db: Db, partnerId: string): Promise<StatusWithPolicyStarts | undefined> =>
  readStatusWithStarts(db, partnerId);
