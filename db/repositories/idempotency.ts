import { queryAll, queryFirst, queryRun, statement } from '../execute.js';
import { and, eq, lte } from 'drizzle-orm';
import { withConnection } from '../access.js';
import { perTurnOnPostgres } from '../pg/turn-batch.js';
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

// Every request with a key runs these two: raw statements, prepared once, rather than a builder's SQL made per call;
// on PostgreSQL, the calls of one turn of the event loop are one statement (perTurnOnPostgres).
const CLAIM = `insert into idempotency_keys (api_key_id, "key", request_hash, status, created_at)
  values (?, ?, ?, 'in_progress', ?) on conflict do nothing returning "key"`;
const CLAIM_MANY = `insert into idempotency_keys (api_key_id, "key", request_hash, status, created_at)
  select c.api_key_id, c.key, c.request_hash, 'in_progress', c.created_at
    from unnest(?::text[], ?::text[], ?::text[], ?::text[]) as c(api_key_id, key, request_hash, created_at)
  on conflict do nothing returning api_key_id, "key"`;
const COMPLETE = `update idempotency_keys set status = 'done', response_status = ?, response_body = ?
  where api_key_id = ? and "key" = ? and status = 'in_progress' and created_at = ?`;
const COMPLETE_MANY = `update idempotency_keys k set status = 'done', response_status = c.status, response_body = c.body
  from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[]) as c(status, body, api_key_id, key, created_at)
  where k.api_key_id = c.api_key_id and k."key" = c.key and k.status = 'in_progress' and k.created_at = c.created_at`;

type NewClaim = KeyOf & { requestHash: string; at: string };
type Completion = HeldClaim & { status: number; body: string | null };
const idOf = (k: KeyOf) => `${k.apiKeyId}\u0000${k.key}`;

/** Whether the insert claimed the key: true when no claim held it. */
const insertClaim = perTurnOnPostgres<NewClaim, boolean>(
  async (db, c) => (await statement(db, CLAIM).get(c.apiKeyId, c.key, c.requestHash, c.at)) !== undefined,
  async (db, claims) => {
    // A key asked for twice in one turn: only its first claim is sent, and the second finds it held, as it would
    // have in a turn of its own.
    const firsts = new Map<string, NewClaim>();
    for (const c of claims) if (!firsts.has(idOf(c))) firsts.set(idOf(c), c);
    const sent = [...firsts.values()];
    const inserted = await statement(db, CLAIM_MANY)
      .raw()
      .all(
        sent.map((c) => c.apiKeyId),
        sent.map((c) => c.key),
        sent.map((c) => c.requestHash),
        sent.map((c) => c.at),
      );
    const won = new Set(inserted.map(([apiKeyId, key]) => idOf({ apiKeyId: String(apiKeyId), key: String(key) })));
    return claims.map((c) => firsts.get(idOf(c)) === c && won.has(idOf(c)));
  },
);

/** Stores a held claim's response. */
const storeResponse = perTurnOnPostgres<Completion, void>(
  async (db, c) => void (await statement(db, COMPLETE).run(c.status, c.body, c.apiKeyId, c.key, c.claimedAt)),
  async (db, completions) => {
    await statement(db, COMPLETE_MANY).run(
      completions.map((c) => c.status),
      completions.map((c) => c.body),
      completions.map((c) => c.apiKeyId),
      completions.map((c) => c.key),
      completions.map((c) => c.claimedAt),
    );
    return completions.map(() => undefined);
  },
);

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
    const { apiKeyId, key, requestHash } = input;
    if (await insertClaim(db, { apiKeyId, key, requestHash, at })) return { kind: 'new', takenOver: false };
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
    await storeResponse(db, { ...c, status, body });
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
