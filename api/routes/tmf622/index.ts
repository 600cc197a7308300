import type { App } from '../../app.js';
import { registerTmf622Listener } from './listener.js';
import { registerTmf622Server } from './product-orders.js';

export function registerTmf622Routes(app: App): void {
  registerTmf622Listener(app);
  registerTmf622Server(app);
}
