import { queryAll, queryFirst, queryRun, statement } from '../execute.js';
import { and, eq, lte } from 'drizzle-orm';
import { withConnection } from '../access.js';
import type { Db } from '../client.js';
import { idempotencyKeys } from '../schema.js';

export type IdempotencyClaim =
  /** `takenOver`: the key was held by a run that died, which may have stored what it created before it did. */
  | { kind: 'new'; takenOver: boolean }
  | { kind: 'replay'; status: number; body: string | null }
  | { kind: 'mismatch' }
  | { kind: 'inProgress' };

type KeyOf = { apiKeyId: string; key: string };
/** A claim as its holder knows it: the key, and the instant it was claimed (or taken over) at. */
export type HeldClaim = KeyOf & { claimedAt: string };
const where = (k: KeyOf) => and(eq(idempotencyKeys.apiKeyId, k.apiKeyId), eq(idempotencyKeys.key, k.key));
/** The claim still held as its holder took it: not completed, and not taken over by another run since. */
const stillHeld = (c: HeldClaim) =>
  and(where(c), eq(idempotencyKeys.status, 'in_progress'), eq(idempotencyKeys.createdAt, c.claimedAt));

// Every request with a key runs these two: raw statements, prepared once, rather than a builder's SQL made per call.
const CLAIM = `insert into idempotency_keys (api_key_id, "key", request_hash, status, created_at)
  values (?, ?, ?, 'in_progress', ?) on conflict do nothing returning "key"`;
const COMPLETE = `update idempotency_keys set status = 'done', response_status = ?, response_body = ?
  where api_key_id = ? and "key" = ? and status = 'in_progress' and created_at = ?`;

/**
 * Claims a key for a request, atomically: the first caller wins; later callers replay, conflict or mismatch. A claim
 * older than `leaseMs` was left by a process that died mid-request: the caller takes it over (`new`), and the
 * request runs again (placing an order or raising a ticket is idempotent per request key, so nothing is doubled).
 * The claim is an insert that does nothing on conflict and the takeover an update conditional on the claim it read:
 * each statement is atomic on its own, so two processes racing for one key (on PostgreSQL, where statements of
 * several connections run side by side) never both win, and no transaction (two more round trips) is needed.
 */
export function claimIdempotencyKey(
  db: Db,
  input: KeyOf & { requestHash: string; now: Date; leaseMs: number },
): Promise<IdempotencyClaim> {
  return withConnection(db, async (): Promise<IdempotencyClaim> => {
    const at = input.now.toISOString();
    const claimed = await statement(db, CLAIM).get(input.apiKeyId, input.key, input.requestHash, at);
    if (claimed) return { kind: 'new', takenOver: false };
    const row = await queryFirst(db.select().from(idempotencyKeys).where(where(input)));
    // Released by its holder since the insert found it: the request that held it failed, and this one may retry.
    if (!row) return { kind: 'inProgress' };
    if (row.requestHash !== input.requestHash) return { kind: 'mismatch' };
    if (row.status === 'done') return { kind: 'replay', status: row.responseStatus ?? 200, body: row.responseBody };
    if (Date.parse(row.createdAt) > input.now.getTime() - input.leaseMs) return { kind: 'inProgress' };
    const takenOver = await queryRun(
      db
        .update(idempotencyKeys)
        .set({ createdAt: at })
        .where(
          and(where(input), eq(idempotencyKeys.status, 'in_progress'), eq(idempotencyKeys.createdAt, row.createdAt)),
        ),
    );
    return takenOver.changes === 1 ? { kind: 'new', takenOver: true } : { kind: 'inProgress' };
  });
}

/**
 * Stores the first response; `body` null: a replay shows what the request created, as it is then. Only while the
 * caller still holds the claim: once another run took it over, that run answers.
 */
export function completeIdempotencyKey(db: Db, c: HeldClaim, status: number, body: string | null): Promise<void> {
  return withConnection(db, async () => {
    await statement(db, COMPLETE).run(status, body, c.apiKeyId, c.key, c.claimedAt);
  });
}

/**
 * Forgets a claim whose request failed (or created nothing), so the caller can retry with the same key. Only while
 * the caller still holds it: a run that outlived its lease never frees the claim of the run that took it over.
 */
export function releaseIdempotencyKey(db: Db, c: HeldClaim): Promise<void> {
  return withConnection(db, async () => {
    await queryRun(db.delete(idempotencyKeys).where(stillHeld(c)));
  });
}

/** Claims still in progress since before `claimedBefore`: left by a process that died mid-request. */
export function staleIdempotencyClaims(db: Db, claimedBefore: string, limit: number): Promise<HeldClaim[]> {
  return withConnection(db, async () => {
    return await queryAll(
      db
        .select({ apiKeyId: idempotencyKeys.apiKeyId, key: idempotencyKeys.key, claimedAt: idempotencyKeys.createdAt })
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.status, 'in_progress'), lte(idempotencyKeys.createdAt, claimedBefore)))
        .limit(limit),
    );
  });
}
