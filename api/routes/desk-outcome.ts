import { ApiError } from '../errors.js';

type Refused = { ok: false; reason: 'notFound' } | { ok: false; reason: 'conflict'; message: string };

/** A desk action's refusal as an HTTP problem: 404 for what the caller cannot see, 409 for the wrong moment. */
export function deskActionError(refused: Refused, notFound: string): ApiError {
  return refused.reason === 'notFound'
    ? new ApiError('not_found', notFound)
    : new ApiError('conflict', refused.message);
}
