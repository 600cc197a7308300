import type { App } from '../../app.js';
import { registerChangeManualTask } from './change.js';
import { registerListManualTasks } from './list.js';

export function registerManualTaskRoutes(app: App): void {
  registerListManualTasks(app);
  registerChangeManualTask(app);
}
