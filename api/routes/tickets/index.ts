import type { App } from '../../app.js';
import { registerCancelTicket } from './cancel.js';
import { registerCloseTicket } from './close.js';
import { registerCreateTicket } from './create.js';
import { registerGetTicket } from './get.js';
import { registerListTickets } from './list.js';
import { registerRetryTicketSubmission } from './retry.js';

export function registerTicketRoutes(app: App): void {
  registerCreateTicket(app);
  registerListTickets(app);
  registerGetTicket(app);
  registerCloseTicket(app);
  registerCancelTicket(app);
  registerRetryTicketSubmission(app);
}
