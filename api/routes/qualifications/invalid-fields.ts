import type { FieldError } from '../../../openapi/problem.js';
import { ApiError } from '../../errors.js';

/** A 422 problem naming every offending field, as the schema validation hook would have answered. */
export function invalidFields(errors: FieldError[]): ApiError {
  const first = errors[0];
  return new ApiError(
    'validation_failed',
    `Invalid ${first?.path ?? 'request'}: ${first?.message ?? 'invalid input'}`,
    errors,
  );
}
