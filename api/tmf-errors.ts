import { TmfErrorSchema } from '../openapi/problem.js';
import { bodyResponses, errorResponses, notFoundResponse } from './errors.js';

/*
 * The shared error responses as the TMF endpoints (/tmf-api) document them: the same statuses and descriptions, each
 * body a TmfError (problem details that are also a TMF630 Error; api/errors.ts renders it by path).
 */

type Responses = Record<number, { description: string }>;

function asTmf<T extends Responses>(responses: T): T {
  return Object.fromEntries(
    Object.entries(responses).map(([status, { description }]) => [
      status,
      { description, content: { 'application/problem+json': { schema: TmfErrorSchema } } },
    ]),
  ) as unknown as T;
}

export const tmfErrorResponses = asTmf(errorResponses);
export const tmfNotFoundResponse = asTmf(notFoundResponse);
export const tmfBodyResponses = asTmf(bodyResponses);
