import type { App } from '../../app.js';
import { registerOrderRequests } from './orders.js';
import { registerTicketRequests } from './tickets.js';

export function registerCarrierRequestRoutes(app: App): void {
  registerOrderRequests(app);
  registerTicketRequests(app);
}
