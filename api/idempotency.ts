import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { Db } from '../db/client.js';
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey } from '../db/repositories/idempotency.js';
import { REQUEST_LEASE_MS, requestKeyOf, type DeskRequest } from '../tails/request-key.js';
import type { AppEnv } from './context.js';
import { ApiError } from './errors.js';

/** Key order must not make two equal bodies differ. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export type IdempotentRun = { status: number; body: string; replayed: boolean };
type Answer = { status: 201 | 200; body: unknown };

export type IdempotentHandlers = {
  /** Creates what the request asks for; idempotent per request key (a takeover runs it again). */
  create(request: DeskRequest): Promise<Answer>;
  /** What the request created, as it is now: the answer to a request the reconciler finished. */
  current(requestKey: string): Promise<Answer | undefined>;
};

/**
 * Runs `create` once per (API key, idempotency key): the same key and body replays the first response, a different
 * body is 422, and a duplicate arriving while the first is still running is 409. A failed create frees the key; one
 * held past REQUEST_LEASE_MS by a process that died is taken over. The API (Idempotency-Key header) and the
 * dashboard (a key generated in its order form) both come through here.
 */
export async function runIdempotent(
  db: Db,
  claimBy: { apiKeyId: string; key: string; now: Date },
  body: unknown,
  handlers: IdempotentHandlers,
): Promise<IdempotentRun> {
  const requestHash = createHash('sha256').update(canonical(body)).digest('hex');
  const requestKey = requestKeyOf(claimBy.apiKeyId, claimBy.key);
  const claim = await claimIdempotencyKey(db, { ...claimBy, requestHash, leaseMs: REQUEST_LEASE_MS });
  if (claim.kind === 'mismatch')
    throw new ApiError('unprocessable', 'This Idempotency-Key was used with a different request body');
  if (claim.kind === 'inProgress') {
    throw new ApiError(
      'conflict',
      'A request with this Idempotency-Key is still being processed',
      undefined,
      undefined,
      Math.ceil(REQUEST_LEASE_MS / 1000),
    );
  }
  if (claim.kind === 'replay') {
    const answer = claim.body === null ? await handlers.current(requestKey) : undefined;
    const text = claim.body ?? JSON.stringify(answer?.body ?? null);
    return { status: answer?.status ?? claim.status, body: text, replayed: true };
  }
  const held = { apiKeyId: claimBy.apiKeyId, key: claimBy.key, claimedAt: claimBy.now.toISOString() };
  try {
    const result = await handlers.create({ key: requestKey, takenOver: claim.takenOver });
    const text = JSON.stringify(result.body);
    await completeIdempotencyKey(db, held, result.status, text);
    return { status: result.status, body: text, replayed: false };
  } catch (err) {
    await releaseIdempotencyKey(db, held);
    throw err;
  }
}

/** runIdempotent for an API request: the key comes from its Idempotency-Key header. */
export async function idempotent(c: Context<AppEnv>, body: unknown, handlers: IdempotentHandlers): Promise<Response> {
  const key = c.req.header('idempotency-key');
  if (!key || key.length > 200) {
    throw new ApiError('bad_request', 'Send an Idempotency-Key header (at most 200 characters)', [
      { path: 'header.idempotency-key', message: 'required' },
    ]);
  }
  const { db, now } = c.get('deps');
  const run = await runIdempotent(db, { apiKeyId: c.get('caller').keyId, key, now: now() }, body, handlers);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (run.replayed) headers['idempotent-replayed'] = 'true';
  return c.body(run.body, run.status as 201, headers);
}
