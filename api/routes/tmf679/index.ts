import type { App } from '../../app.js';
import { registerCreateTmf679Qualification } from './create.js';
import { registerGetTmf679Qualification } from './get.js';

export function registerTmf679Routes(app: App): void {
  registerCreateTmf679Qualification(app);
  registerGetTmf679Qualification(app);
}
