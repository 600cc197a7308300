import type { RequestOutcome } from '../../../tails/carrier-requests.js';
import { ApiError } from '../../errors.js';
import { deskActionError } from '../desk-outcome.js';

/** A desk request to a carrier as HTTP: the stored request, or the problem saying why nothing was asked. */
export function requestOrProblem(outcome: RequestOutcome, notFound: string) {
  if (outcome.ok) return outcome.request;
  if (outcome.reason === 'unprocessable')
    throw new ApiError('unprocessable', outcome.message, [{ path: outcome.field, message: outcome.message }]);
  throw deskActionError(outcome, notFound);
}
