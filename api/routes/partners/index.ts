import type { App } from '../../app.js';
import { registerAdapterTrial } from './adapter-trial.js';
import { registerPartnerBenchmarks } from './benchmarks.js';
import { registerCreatePartner } from './create.js';
import { registerGetPartner } from './get.js';
import { registerListPartners } from './list.js';
import { registerSuspendPartner } from './suspend.js';
import { registerUpdatePartner } from './update.js';

export function registerPartnerRoutes(app: App): void {
  registerCreatePartner(app);
  registerListPartners(app);
  registerGetPartner(app);
  registerUpdatePartner(app);
  registerSuspendPartner(app);
  registerPartnerBenchmarks(app);
  registerAdapterTrial(app);
}
