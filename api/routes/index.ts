import type { App } from '../app.js';
import { registerApiKeyRoutes } from './api-keys/index.js';
import { registerPartnerRoutes } from './partners/index.js';

export function registerRoutes(app: App): void {
  registerApiKeyRoutes(app);
  registerPartnerRoutes(app);
}
