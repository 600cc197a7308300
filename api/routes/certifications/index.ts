import type { App } from '../../app.js';
import { registerOnboarding } from './onboard.js';
import { registerCertificationReads } from './read.js';
import { registerRunCertification } from './run.js';

export function registerCertificationRoutes(app: App): void {
  registerRunCertification(app);
  registerCertificationReads(app);
  registerOnboarding(app);
}
