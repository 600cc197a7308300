import type { App } from '../../app.js';
import { registerBreaches } from './breaches.js';
import { registerJeopardy } from './jeopardy.js';
import { registerOrderSla } from './order-sla.js';
import { registerTicketSla } from './ticket-sla.js';

export function registerSlaRoutes(app: App): void {
  registerOrderSla(app);
  registerTicketSla(app);
  registerJeopardy(app);
  registerBreaches(app);
}
