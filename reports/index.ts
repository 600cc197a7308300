/** Penalty reports: outcome pricing, the monthly builder, CSV, and read functions for the API and the dashboard. */
export { buildMonthlyReport, lineIdOf, type BuildReportInput, type BuildReportResult } from './build-report.js';
export { csvRows, csvSourceFields, reportCsvChunks, reportCsvColumns } from './csv.js';
export {
  addMonths,
  DEFAULT_FINANCE_TIME_ZONE,
  isComplete,
  isMonth,
  monthOf,
  monthPeriod,
  previousMonth,
} from './month.js';
export {
  conformanceHistory,
  getPenaltyReport,
  listPenaltyReports,
  penaltyReportLines,
  type Conformance,
  type MonthlyConformance,
  type PartnerTotal,
  type ReportSummary,
  type ReportView,
} from './read.js';
export {
  finalizeMonth,
  generateDraft,
  generatePreviousMonthDraft,
  isRefusal,
  sweepReportDrafts,
  waiveBreach,
  type Refusal,
} from './service.js';
