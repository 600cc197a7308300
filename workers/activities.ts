import type { ActivityDeps } from './activity-deps.js';
import { createOrderActivities, type OrderActivities } from './order-activities.js';
import { createReportActivities, type ReportActivities } from './report-activities.js';
import { createRequestActivities, type RequestActivities } from './request-activities.js';
import { createSlaActivities, type SlaActivities } from './sla-activities.js';
import { createTicketActivities, type TicketActivities } from './ticket-activities.js';

export type { ActivityDeps } from './activity-deps.js';
export type { DueFact, SlaContext } from './sla-activities.js';

/** Every activity a worker offers, by the names recorded workflow histories use. */
export type Activities = OrderActivities & SlaActivities & TicketActivities & ReportActivities & RequestActivities;

export function createActivities(deps: ActivityDeps): Activities {
  return {
    ...createOrderActivities(deps),
    ...createSlaActivities(deps),
    ...createTicketActivities(deps),
    ...createReportActivities(deps),
    ...createRequestActivities(deps),
  };
}
