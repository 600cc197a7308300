import type { App } from '../../app.js';
import { registerClaimLines } from './claim.js';
import { registerGetClaim } from './get.js';
import { registerImportCreditNotes } from './import.js';
import { registerClaimableLines } from './lines.js';
import { registerListClaims } from './list.js';
import { registerClaimSteps } from './steps.js';

export function registerCreditRoutes(app: App): void {
  registerClaimableLines(app);
  registerClaimLines(app);
  registerListClaims(app);
  registerGetClaim(app);
  registerClaimSteps(app);
  registerImportCreditNotes(app);
}
