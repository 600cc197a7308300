import type { App } from '../../app.js';
import { registerGetOlaPolicy } from './get.js';
import { registerListOlaPolicies } from './list.js';
import { registerUploadOlaPolicy } from './upload.js';

export function registerOlaPolicyRoutes(app: App): void {
  registerUploadOlaPolicy(app);
  registerListOlaPolicies(app);
  registerGetOlaPolicy(app);
}
