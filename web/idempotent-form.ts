import { randomUUID } from 'node:crypto';
import type { Caller, Deps } from '../api/context.js';
import { ApiError } from '../api/errors.js';
import { runIdempotent, type IdempotentHandlers } from '../api/idempotency.js';

type Problem = { path: string; message: string };

/** The idempotency key a form carries (generated into it when shown); a fresh one if missing or too long. */
export const formKey = (values: Record<string, string>): string =>
  values.idempotencyKey && values.idempotencyKey.length <= 200 ? values.idempotencyKey : randomUUID();

/**
 * Creates what a form asks for as the API does (runIdempotent with the form's key: a double submit creates one), and
 * answers the created id, or the problems: refused (422, naming the fields) or still being created by an earlier send
 * of the same form (409).
 */
export async function createFromForm(
  deps: Pick<Deps, 'db' | 'now'>,
  caller: Caller,
  key: string,
  body: unknown,
  handlers: IdempotentHandlers,
): Promise<{ id: string } | { problems: Problem[]; status: 409 | 422 }> {
  try {
    const run = await runIdempotent(deps.db, { apiKeyId: caller.keyId, key, now: deps.now() }, body, handlers);
    return { id: (JSON.parse(run.body) as { id: string }).id };
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    const problems = err.errors?.length ? err.errors : [{ path: '', message: err.message }];
    return { problems, status: err.status as 409 | 422 };
  }
}
