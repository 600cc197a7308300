import type { App } from '../../app.js';
import { registerTmf621Listener } from './listener.js';
import { registerTmf621Server } from './trouble-tickets.js';

export function registerTmf621Routes(app: App): void {
  registerTmf621Listener(app);
  registerTmf621Server(app);
}
