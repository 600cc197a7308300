import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { Db } from '../db/client.js';
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey } from '../db/repositories/idempotency.js';
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

/**
 * Runs `create` once per (API key, idempotency key): the same key and body replays the first response, a different
 * body is 422, and a duplicate arriving while the first is still running is 409. A failed create frees the key.
 * The API (Idempotency-Key header) and the dashboard (a key generated in its order form) both come through here.
 */
export async function runIdempotent(
  db: Db,
  claimBy: { apiKeyId: string; key: string; now: Date },
  body: unknown,
  create: () => Promise<{ status: 201 | 200; body: unknown }>,
): Promise<IdempotentRun> {
  const { apiKeyId, key } = claimBy;
  const requestHash = createHash('sha256').update(canonical(body)).digest('hex');
  const claim = claimIdempotencyKey(db, { ...claimBy, requestHash });
  if (claim.kind === 'mismatch')
    throw new ApiError('unprocessable', 'This Idempotency-Key was used with a different request body');
  if (claim.kind === 'inProgress')
    throw new ApiError('conflict', 'A request with this Idempotency-Key is still being processed');
  if (claim.kind === 'replay') return { status: claim.status, body: claim.body, replayed: true };
  try {
    const result = await create();
    const text = JSON.stringify(result.body);
    completeIdempotencyKey(db, apiKeyId, key, result.status, text);
    return { status: result.status, body: text, replayed: false };
  } catch (err) {
    releaseIdempotencyKey(db, apiKeyId, key);
    throw err;
  }
}

/** runIdempotent for an API request: the key comes from its Idempotency-Key header. */
export async function idempotent(
  c: Context<AppEnv>,
  body: unknown,
  create: () => Promise<{ status: 201 | 200; body: unknown }>,
): Promise<Response> {
  const key = c.req.header('idempotency-key');
  if (!key || key.length > 200) {
    throw new ApiError('bad_request', 'Send an Idempotency-Key header (at most 200 characters)', [
      { path: 'header.Idempotency-Key', message: 'required' },
    ]);
  }
  const { db, now } = c.get('deps');
  const run = await runIdempotent(db, { apiKeyId: c.get('caller').keyId, key, now: now() }, body, create);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (run.replayed) headers['idempotent-replayed'] = 'true';
  return c.body(run.body, run.status as 201, headers);
}
