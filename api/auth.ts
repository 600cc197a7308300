import type { MiddlewareHandler } from 'hono';
import { authenticateApiKey } from '../db/repositories/api-keys.js';
import type { Role } from '../openapi/common.js';
import type { Viewer } from '../tails/viewer.js';
import type { AppEnv, Caller } from './context.js';
import { ApiError } from './errors.js';

/**
 * Resolves `Authorization: Bearer <key>` to a caller, or answers 401. Active keys are remembered for a few seconds
 * (KEY_CACHE_TTL_MS in db/repositories/api-keys.ts): a revocation through this server applies at once, one made by
 * another process on the same store (a CLI, a second API server) from the next turn of the event loop on, since it
 * moves the key generation every request checks.
 */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw new ApiError('unauthorized', 'Send an API key as "Authorization: Bearer <key>"');
  const key = await authenticateApiKey(c.get('deps').db, match[1]);
  if (!key) throw new ApiError('unauthorized', 'The API key is unknown or revoked');
  c.set('caller', { keyId: key.id, role: key.role, partnerId: key.partnerId });
  await next();
};

/** Route middleware: only the named roles may call. */
export function allow(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    requireRole(c.get('caller'), roles);
    await next();
  };
}

/** Refuses (403) a caller whose role is not one of `roles`. */
export function requireRole(caller: Caller, roles: readonly Role[]): void {
  if (!roles.includes(caller.role)) throw new ApiError('forbidden', `This needs one of the roles: ${roles.join(', ')}`);
}

/** A partner key only ever sees its own partner's data; other callers see everything their role allows. */
export function canSeePartner(caller: Caller, partnerId: string): boolean {
  return caller.role !== 'partner' || caller.partnerId === partnerId;
}

/** The caller as the use cases see it: who it is and what it may see. */
export const viewerOf = (caller: Caller): Viewer => ({
  keyId: caller.keyId,
  canSee: (partnerId) => canSeePartner(caller, partnerId),
});

/**
 * Spread into a createRoute config: guards the route to these roles and publishes them as `x-roles` in the
 * OpenAPI document (the access-control test walks every operation with every role from there).
 */
export function access(...roles: Role[]): { middleware: MiddlewareHandler<AppEnv>[]; 'x-roles': Role[] } {
  return { middleware: [allow(...roles)], 'x-roles': roles };
}
