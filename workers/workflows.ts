// The workflow bundle's index (worker.ts bundles this file): every workflow Tailgate runs, one file each.
export { tailOrderWorkflow } from './tail-order.workflow.js';
export { troubleTicketWorkflow } from './trouble-ticket.workflow.js';
export { notificationWorkflow } from './notification.workflow.js';
export { monthlyPenaltyReportWorkflow } from './monthly-report.workflow.js';
export { deliveryWorkflow } from './delivery.workflow.js';
