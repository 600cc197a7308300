import type { App } from '../../app.js';
import { registerCreateAddressValidation } from './create-validation.js';

export function registerTmf673Routes(app: App): void {
  registerCreateAddressValidation(app);
}
