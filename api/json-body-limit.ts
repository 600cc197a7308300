import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from './context.js';
import { ApiError } from './errors.js';
import { isJsonMediaType } from './media-types.js';

/** Largest JSON request body any route takes: far above any real request, far below what would strain the server. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

const tooLarge = () =>
  new ApiError('payload_too_large', `A JSON request body may be at most ${MAX_JSON_BODY_BYTES / 1024 / 1024} MiB`);
const counting = bodyLimit({
  maxSize: MAX_JSON_BODY_BYTES,
  onError: () => {
    throw tooLarge();
  },
});

/**
 * Refuses (413) a JSON request body over MAX_JSON_BODY_BYTES before anything reads it: by its declared
 * Content-Length, which costs nothing; a body sent without one (chunked) is counted as it arrives, by hono's
 * bodyLimit, which ends the read at the limit. Other media types have their own caps where their routes read them
 * (coverage CSV, OLA policy documents).
 */
export const limitJsonBodies: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method === 'GET' || c.req.method === 'HEAD' || !isJsonMediaType(c.req.header('content-type')))
    return next();
  const declared = c.req.header('content-length');
  if (declared !== undefined && c.req.header('transfer-encoding') === undefined) {
    if (Number(declared) > MAX_JSON_BODY_BYTES) throw tooLarge();
    return next();
  }
  return counting(c, next);
};
