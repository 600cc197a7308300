import type { App } from '../../app.js';
import { registerUploadCoverage } from './upload.js';
import { registerListCoverageVersions } from './versions.js';

export function registerCoverageRoutes(app: App): void {
  registerUploadCoverage(app);
  registerListCoverageVersions(app);
}
