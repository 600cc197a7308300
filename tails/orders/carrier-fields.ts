import type { CarrierFieldValues } from '../../openapi/orders.js';
import type { FieldError } from '../../openapi/problem.js';

/**
 * The desk's values for a partner's per-order fields, checked against the fields the partner takes
 * (adapter.customFields.orderDefaults): each must be one of them, of the type of its default. The first problem, naming
 * the field; undefined when all are fine.
 */
export function carrierFieldsProblem(
  takes: Readonly<CarrierFieldValues>,
  values: Readonly<CarrierFieldValues>,
): FieldError | undefined {
  const names = Object.keys(takes);
  for (const [name, value] of Object.entries(values)) {
    const path = `carrierFields.${name}`;
    if (!Object.hasOwn(takes, name)) {
      return {
        path,
        message: names.length
          ? `the partner takes no field ${name}; it takes ${names.join(', ')}`
          : 'the partner takes no fields of its own',
      };
    }
    const expected = typeof takes[name];
    if (typeof value !== expected) return { path, message: `must be a ${expected}, as the partner's default is` };
  }
  return undefined;
}
