import type { App } from '../../app.js';
import { registerCreateApiKey } from './create.js';
import { registerListApiKeys } from './list.js';
import { registerRevokeApiKey } from './revoke.js';

export function registerApiKeyRoutes(app: App): void {
  registerCreateApiKey(app);
  registerListApiKeys(app);
  registerRevokeApiKey(app);
}
