import type { App } from '../../app.js';
import { registerGetOlaPolicy } from './get.js';
import { registerListOlaPolicies } from './list.js';
import { registerUploadOlaPolicy } from './upload.js';
import { registerOlaPolicyWhatIf } from './what-if.js';

export function registerOlaPolicyRoutes(app: App): void {
  registerUploadOlaPolicy(app);
  registerListOlaPolicies(app);
  registerGetOlaPolicy(app);
  registerOlaPolicyWhatIf(app);
}
