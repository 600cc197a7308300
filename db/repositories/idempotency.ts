import { and, eq } from 'drizzle-orm';
import { type Db, writeTransaction } from '../client.js';
import { idempotencyKeys } from '../schema.js';

export type IdempotencyClaim =
  { kind: 'new' } | { kind: 'replay'; status: number; body: string } | { kind: 'mismatch' } | { kind: 'inProgress' };

/** Claims a key for a request, atomically: first caller wins; later callers replay, conflict, or mismatch. */
export function claimIdempotencyKey(
  db: Db,
  input: { apiKeyId: string; key: string; requestHash: string; now: Date },
): IdempotencyClaim {
  return writeTransaction(db, () => {
    const row = db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.apiKeyId, input.apiKeyId), eq(idempotencyKeys.key, input.key)))
      .get();
    if (!row) {
      db.insert(idempotencyKeys)
        .values({
          apiKeyId: input.apiKeyId,
          key: input.key,
          requestHash: input.requestHash,
          status: 'in_progress',
          createdAt: input.now.toISOString(),
        })
        .run();
      return { kind: 'new' };
    }
    if (row.requestHash !== input.requestHash) return { kind: 'mismatch' };
    if (row.status === 'in_progress') return { kind: 'inProgress' };
    return { kind: 'replay', status: row.responseStatus ?? 200, body: row.responseBody ?? '' };
  });
}

export function completeIdempotencyKey(db: Db, apiKeyId: string, key: string, status: number, body: string): void {
  db.update(idempotencyKeys)
    .set({ status: 'done', responseStatus: status, responseBody: body })
    .where(and(eq(idempotencyKeys.apiKeyId, apiKeyId), eq(idempotencyKeys.key, key)))
    .run();
}

/** Forgets a claim whose request failed, so the caller can retry with the same key. */
export function releaseIdempotencyKey(db: Db, apiKeyId: string, key: string): void {
  db.delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.apiKeyId, apiKeyId), eq(idempotencyKeys.key, key)))
    .run();
}
