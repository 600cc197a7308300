import type { App } from '../../app.js';
import { ApiError, problemResponse } from '../../errors.js';
import { registerReportCsv } from './csv.js';
import { registerFinalizeReport } from './finalize.js';
import { registerLeakageForecast } from './forecast.js';
import { registerGenerateReport } from './generate.js';
import { registerGetReport } from './get.js';
import { registerListReports } from './list.js';
import { registerWaiveBreach } from './waive.js';

export function registerReportRoutes(app: App): void {
  registerListReports(app);
  // Before {month}: it takes the paths "{month}.csv" and passes the others on.
  registerReportCsv(app);
  // "{month}.csv" is only read: another method is not a {month} with a bad name (422) but the wrong method (405).
  // (Middleware on a wildcard: a pattern route here would move every route off hono's RegExpRouter.)
  app.use('/api/v1/reports/penalties/*', async (c, next) => {
    if (
      c.req.method === 'GET' ||
      c.req.method === 'HEAD' ||
      !/^\/api\/v1\/reports\/penalties\/[^/]+\.csv$/.test(c.req.path)
    )
      return next();
    const response = problemResponse(c, new ApiError('method_not_allowed', `${c.req.path} answers GET, HEAD`));
    response.headers.set('allow', 'GET, HEAD');
    return response;
  });
  registerGetReport(app);
  registerLeakageForecast(app);
  registerGenerateReport(app);
  registerFinalizeReport(app);
  registerWaiveBreach(app);
}
