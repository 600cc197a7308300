import { Hono } from 'hono';
import type { App } from '../api/app.js';
import type { AppEnv } from '../api/context.js';
import { isStoreBusy } from '../db/execute.js';
import { MessagePage } from './layout.js';
import { render } from './render.js';
import { registerBenchmarks } from './routes/benchmarks.js';
import { registerBoard } from './routes/board.js';
import { registerCarrierRequestForms } from './routes/carrier-request-routes.js';
import { registerChargeForms } from './routes/charge-routes.js';
import { registerDeskActions } from './routes/desk-action-routes.js';
import { registerCreditActions } from './routes/credit-actions.js';
import { registerCredits } from './routes/credits.js';
import { registerFinance } from './routes/finance.js';
import { registerOrderChangeForms } from './routes/order-change-routes.js';
import { registerOrderDetail } from './routes/order-detail.js';
import { registerOrderList } from './routes/orders.js';
import { registerOutbox } from './routes/outbox.js';
import { registerPartnerActions } from './routes/partner-actions.js';
import { registerPartnerOnboarding } from './routes/partner-onboarding.js';
import { registerPartners } from './routes/partners.js';
import { registerQualify } from './routes/qualify.js';
import { registerScorecards } from './routes/scorecards.js';
import { registerSignIn } from './routes/sign-in.js';
import { registerTicketDetail } from './routes/ticket-detail.js';
import { registerTasks } from './routes/tasks.js';
import { registerTicketList } from './routes/tickets.js';
import { registerWhatIf } from './routes/what-if.js';
import { registerStatic } from './static.js';

/**
 * The operations dashboard, served by the API's own server at `/`: server-rendered pages (hono/jsx) over the same
 * domain functions the API uses. Plain hono routes, so none of it appears in the OpenAPI document; every route
 * carries its own guard (a '*' middleware here would reach the API's routes too).
 */
export function mountDashboard(app: App): void {
  const web = new Hono<AppEnv>();
  web.onError(async (err, c) => {
    // The store could not take the write now (SQLite's lock past busy_timeout, a deadlock): nothing was written.
    if (isStoreBusy(err)) {
      c.get('deps').log.warn({ err, path: c.req.path }, 'dashboard page refused: the database was busy');
      const busy = await render(
        c,
        <MessagePage title="The database was busy" text="Nothing was saved. Send the form again in a moment." />,
        503,
      );
      busy.headers.set('retry-after', '1');
      return busy;
    }
    c.get('deps').log.error({ err, path: c.req.path }, 'dashboard page failed');
    return render(
      c,
      <MessagePage title="Something went wrong" text="The page could not be shown. Try again in a moment." />,
      500,
    );
  });
  registerStatic(web);
  registerSignIn(web);
  registerBoard(web);
  registerOrderList(web);
  registerOrderDetail(web);
  registerChargeForms(web);
  registerOrderChangeForms(web);
  registerTicketList(web);
  registerTicketDetail(web);
  registerQualify(web);
  registerTasks(web);
  registerDeskActions(web);
  registerCarrierRequestForms(web);
  registerOutbox(web);
  registerScorecards(web);
  registerBenchmarks(web);
  registerFinance(web);
  registerCredits(web);
  registerCreditActions(web);
  registerWhatIf(web);
  registerPartnerOnboarding(web);
  registerPartners(web);
  registerPartnerActions(web);
  app.route('/', web);
}
