import { DEFAULT_FINANCE_TIME_ZONE, type Refusal } from '../../../reports/index.js';
import type { Deps } from '../../context.js';
import { ApiError } from '../../errors.js';

export const financeZone = (deps: Deps) => deps.financeTimeZone ?? DEFAULT_FINANCE_TIME_ZONE;

/** How long a refusal that may pass later (a build of the month running, inputs changed) asks the caller to wait. */
export const REPORT_RETRY_AFTER_SECONDS = 5;

/** A refused report or waiver action as an HTTP problem. */
export const refusalError = (r: Refusal, field?: string) =>
  new ApiError(
    r.refused,
    r.message,
    r.refused === 'unprocessable' && (r.field ?? field)
      ? [{ path: (r.field ?? field)!, message: r.message }]
      : undefined,
    undefined,
    r.retryLater ? REPORT_RETRY_AFTER_SECONDS : undefined,
  );
