import type { App } from '../../app.js';
import { registerReportCsv } from './csv.js';
import { registerFinalizeReport } from './finalize.js';
import { registerGenerateReport } from './generate.js';
import { registerGetReport } from './get.js';
import { registerListReports } from './list.js';
import { registerWaiveBreach } from './waive.js';

export function registerReportRoutes(app: App): void {
  registerListReports(app);
  // Before {month}: it takes the paths "{month}.csv" and passes the others on.
  registerReportCsv(app);
  registerGetReport(app);
  registerGenerateReport(app);
  registerFinalizeReport(app);
  registerWaiveBreach(app);
}
