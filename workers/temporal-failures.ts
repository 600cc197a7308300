import { ApplicationFailure } from '@temporalio/activity';
import { MissingRecordError } from '../tails/missing-record.js';

/**
 * Runs a use case as an activity: an order, ticket or partner that no longer exists fails it for good (retrying
 * cannot help), under the failure type the workflows know; anything else is retried by Temporal.
 */
export async function asActivity<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof MissingRecordError) throw ApplicationFailure.nonRetryable(err.message, err.type);
    throw err;
  }
}

/** The carrier refused (a 4xx): the workflow stops submitting and records the refusal. */
export const partnerRejected = (message: string) => ApplicationFailure.nonRetryable(message, 'PartnerRejected');
