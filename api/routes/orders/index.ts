import type { App } from '../../app.js';
import { registerCancelOrder } from './cancel.js';
import { registerChangeOrder } from './change.js';
import { registerOrderCharges } from './charges.js';
import { registerCreateOrder } from './create.js';
import { registerGetOrder } from './get.js';
import { registerListOrders } from './list.js';
import { registerRetrySubmission } from './retry.js';

export function registerOrderRoutes(app: App): void {
  registerCreateOrder(app);
  registerListOrders(app);
  registerGetOrder(app);
  registerCancelOrder(app);
  registerChangeOrder(app);
  registerRetrySubmission(app);
  registerOrderCharges(app);
}
