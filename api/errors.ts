import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import { isStoreBusy } from '../db/execute.js';
import {
  fieldErrorsFromZod,
  ProblemSchema,
  type TmfError,
  type ErrorCode,
  type FieldError,
  type Problem,
} from '../openapi/problem.js';

const statusOf: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 422,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  unprocessable: 422,
  payload_too_large: 413,
  unsupported_media_type: 415,
  internal: 500,
  unavailable: 503,
};

const titleOf: Record<ErrorCode, string> = {
  bad_request: 'Bad request',
  validation_failed: 'Request validation failed',
  unauthorized: 'Missing or invalid API key',
  forbidden: 'Not allowed for this API key',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed here',
  conflict: 'Conflict',
  unprocessable: 'Request cannot be processed',
  payload_too_large: 'Payload too large',
  unsupported_media_type: 'Unsupported media type',
  internal: 'Internal server error',
  unavailable: 'A service Tailgate depends on is unavailable',
};

/** The one error type every layer throws; the error handler renders it as problem+json. */
export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors?: FieldError[],
    readonly extra?: Record<string, unknown>,
    /** Sent as Retry-After: the same request may succeed once this many seconds have passed. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.status = statusOf[code];
  }
}

/**
 * A request the schema refuses: 400 for a missing or malformed header (the request itself), 422 for its content;
 * on the TMF endpoints 400 for both, as TM Forum's design guidelines (TMF630) say for a missing mandatory attribute
 * or an invalid value. Either way `errors` names each field.
 */
export function validationError(error: ZodError, where: string, tmf = false): ApiError {
  const errors = fieldErrorsFromZod(error, where === 'json' ? [] : [where]);
  const first = errors[0];
  return new ApiError(
    where === 'header' || tmf ? 'bad_request' : 'validation_failed',
    `Invalid ${first?.path ?? where}: ${first?.message ?? 'invalid input'}`,
    errors,
  );
}

export function problemBody(err: ApiError, instance?: string): Problem {
  return {
    type: `urn:tailgate:problem:${err.code}`,
    title: titleOf[err.code],
    status: err.status,
    detail: err.message,
    code: err.code,
    ...(instance ? { instance } : {}),
    ...(err.errors ? { errors: err.errors } : {}),
    ...err.extra,
  };
}

/** The problem as the TMF endpoints answer it: a TMF630 Error too (openapi/problem.ts, TmfErrorSchema). */
export function tmfErrorBody(err: ApiError, instance?: string): TmfError {
  const { status: _status, ...problem } = problemBody(err, instance);
  return { ...problem, reason: problem.title, message: problem.detail, '@type': 'Error' };
}

export function problemResponse(c: Context, err: ApiError): Response {
  const body = c.req.path.startsWith('/tmf-api/') ? tmfErrorBody(err, c.req.path) : problemBody(err, c.req.path);
  return c.body(JSON.stringify(body), err.status as 400, {
    'content-type': 'application/problem+json',
    ...(err.retryAfterSeconds === undefined ? {} : { 'retry-after': String(err.retryAfterSeconds) }),
  });
}

/** Hono's own refusals (body limits, media type gates) by status. */
const codeOfHttpStatus: Partial<Record<number, ErrorCode>> = {
  401: 'unauthorized',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof HTTPException) {
    const code = codeOfHttpStatus[err.status] ?? 'bad_request';
    return new ApiError(code, err.message || titleOf[code]);
  }
  // The store could not take the write now (SQLite's lock past busy_timeout, a deadlock): nothing was written.
  if (isStoreBusy(err)) {
    return new ApiError(
      'unavailable',
      'The database was busy and nothing was done; send again',
      undefined,
      undefined,
      1,
    );
  }
  return new ApiError('internal', 'Unexpected error; it has been logged');
}

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

/** Shared error responses, spread into every route definition. */
export const errorResponses = {
  400: problem('Malformed request'),
  401: problem('Missing or invalid API key'),
  403: problem('The API key may not do this'),
  422: problem('Validation failed; `errors` names each offending field'),
  500: problem('Unexpected error'),
  503: problem(
    'Nothing was done: the database stayed busy (its write lock) or the workflow engine could not be reached; ' +
      'send again after Retry-After',
  ),
} as const;
export const notFoundResponse = { 404: problem('Not found, or not visible to this API key') } as const;
/** What any route that reads a body may answer before reading it (api/body-limits.ts, api/media-types.ts). */
export const bodyResponses = {
  413: problem('The body is larger than this route takes (JSON 1 MiB, forms 64 KiB, anything else 1 MiB)'),
  415: problem('The body is not of a media type this route reads'),
} as const;
export const conflictResponse = { 409: problem('Conflicts with the current state') } as const;
