import type { App } from '../../app.js';
import { registerCreateTmf679Qualification } from './create.js';
import { registerGetTmf679Qualification } from './get.js';
import { registerListTmf679Qualifications } from './list.js';

export function registerTmf679Routes(app: App): void {
  registerCreateTmf679Qualification(app);
  registerGetTmf679Qualification(app);
  registerListTmf679Qualifications(app);
}
