import type { App } from '../../app.js';
import { registerCreateQualification } from './create.js';
import { registerGetQualification } from './get.js';

export function registerQualificationRoutes(app: App): void {
  registerCreateQualification(app);
  registerGetQualification(app);
}
