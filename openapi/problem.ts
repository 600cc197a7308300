import { z } from '@hono/zod-openapi';

export const errorCodes = [
  'bad_request',
  'validation_failed',
  'unauthorized',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'conflict',
  'unprocessable',
  'payload_too_large',
  'unsupported_media_type',
  'internal',
  'unavailable',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const FieldErrorSchema = z
  .object({
    path: z.string().openapi({ example: 'address.postcode', description: 'Dotted path of the offending field' }),
    message: z.string(),
  })
  .openapi('FieldError');
export type FieldError = z.infer<typeof FieldErrorSchema>;

/** Every issue of a failed zod parse as a field error, its path dotted (`address.postcode`). */
export function fieldErrorsFromZod(error: z.ZodError, prefix: string[] = []): FieldError[] {
  return error.issues.map((issue) => ({
    path: [...prefix, ...issue.path.map(String)].join('.') || '(root)',
    message: issue.message,
  }));
}

/** RFC 9457 problem details, with a machine-readable code and per-field errors. */
export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: 'urn:tailgate:problem:validation_failed' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.enum(errorCodes),
    errors: z.array(FieldErrorSchema).optional(),
  })
  .passthrough()
  .openapi('Problem');
export type Problem = z.infer<typeof ProblemSchema>;

/**
 * An error on the TMF endpoints (/tmf-api): RFC 9457 problem details that are also a TM Forum (TMF630) Error, whose
 * `reason` (the title) and `message` (the detail) it adds. `status` is left out: the problem's is a number, TMF630's a
 * string, and both make it optional (the HTTP status says it).
 */
export const TmfErrorSchema = ProblemSchema.omit({ status: true })
  .extend({
    reason: z.string(),
    message: z.string().optional(),
    '@type': z.literal('Error'),
  })
  .openapi('TmfError');
export type TmfError = z.infer<typeof TmfErrorSchema>;
