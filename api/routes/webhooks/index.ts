import type { App } from '../../app.js';
import { registerCreateWebhook } from './create.js';
import { registerDisableWebhook } from './disable.js';
import { registerListWebhooks } from './list.js';

export function registerWebhookRoutes(app: App): void {
  registerCreateWebhook(app);
  registerListWebhooks(app);
  registerDisableWebhook(app);
}
