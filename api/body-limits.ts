import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from './context.js';
import { ApiError } from './errors.js';
import { isCsvMediaType, isFormMediaType, isJsonMediaType } from './media-types.js';

const MiB = 1024 * 1024;

/** Largest JSON request body any route takes: far above any real request, far below what would strain the server. */
export const MAX_JSON_BODY_BYTES = MiB;
/** A dashboard form (sign-in, qualify, order) is a few hundred bytes. */
export const MAX_FORM_BODY_BYTES = 64 * 1024;
/** Anything else (an OLA policy in YAML is a few KiB). */
export const MAX_OTHER_BODY_BYTES = MiB;

const capOf = (contentType: string | undefined) =>
  isJsonMediaType(contentType)
    ? { bytes: MAX_JSON_BODY_BYTES, what: 'A JSON request body' }
    : isFormMediaType(contentType)
      ? { bytes: MAX_FORM_BODY_BYTES, what: 'A form' }
      : { bytes: MAX_OTHER_BODY_BYTES, what: 'A request body' };

const sizeText = (bytes: number) => (bytes % MiB === 0 ? `${bytes / MiB} MiB` : `${bytes / 1024} KiB`);

const limiters = new Map<number, MiddlewareHandler>();
/** hono's bodyLimit, for bodies sent without a length: it counts them as they arrive and holds at most the cap. */
function countingLimiter(cap: { bytes: number; what: string }): MiddlewareHandler {
  let limiter = limiters.get(cap.bytes);
  if (!limiter) {
    limiter = bodyLimit({
      maxSize: cap.bytes,
      onError: () => {
        throw tooLarge(cap);
      },
    });
    limiters.set(cap.bytes, limiter);
  }
  return limiter;
}

const tooLarge = (cap: { bytes: number; what: string }) =>
  new ApiError('payload_too_large', `${cap.what} may be at most ${sizeText(cap.bytes)}`);

/** The coverage upload streams its CSV file under a cap of its own (api/routes/coverage/csv-upload.ts). */
const streamedUpload = /^\/api\/v1\/partners\/[^/]+\/coverage$/;

/**
 * Every request body of the API and the dashboard stops at its cap before it is read past it (413): by its declared
 * Content-Length, which costs nothing (the body is not touched), or, sent without one (chunked), counted as it
 * arrives by hono's bodyLimit, which holds at most the cap.
 */
export const limitBodies: MiddlewareHandler<AppEnv> = async (c, next) => {
  const contentType = c.req.header('content-type');
  const declared = c.req.header('content-length');
  const chunked = c.req.header('transfer-encoding') !== undefined;
  if (!chunked && (declared === undefined || declared === '0')) return next();
  if (c.req.method === 'POST' && streamedUpload.test(c.req.path) && isCsvMediaType(contentType)) return next();
  const cap = capOf(contentType);
  if (!chunked) {
    if (Number(declared) > cap.bytes) throw tooLarge(cap);
    return next();
  }
  return countingLimiter(cap)(c, next);
};
