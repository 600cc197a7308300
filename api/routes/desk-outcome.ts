import { ApiError } from '../errors.js';

type Refused =
  | { ok: false; reason: 'notFound' }
  | { ok: false; reason: 'conflict'; message: string }
  | { ok: false; reason: 'unavailable' };

/** Seconds a desk should wait before asking again when the workflow engine could not be reached. */
const RETRY_AFTER_SECONDS = 5;

/**
 * A desk action's refusal as an HTTP problem: 404 for what the caller cannot see, 409 for the wrong moment, 503 with
 * Retry-After when the workflow engine could not be reached (nothing was asked; the same request may be sent again).
 */
export function deskActionError(refused: Refused, notFound: string): ApiError {
  if (refused.reason === 'notFound') return new ApiError('not_found', notFound);
  if (refused.reason === 'conflict') return new ApiError('conflict', refused.message);
  const detail = 'The workflow engine could not be reached; nothing was asked of the carrier. Send the request again.';
  return new ApiError('unavailable', detail, undefined, undefined, RETRY_AFTER_SECONDS);
}
