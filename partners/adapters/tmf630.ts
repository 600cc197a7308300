/*
 * TM Forum's API design guidelines (TMF630) for the resources Tailgate serves: attribute filtering (`?state=done`,
 * dotted paths into nested objects and lists: `productOfferingQualificationItem.productOffering.id=ETH-100`) and
 * attribute selection (`?fields=id,state`).
 */

/** Query parameters that page or select rather than filter. */
const notFilters = new Set(['fields', 'offset', 'limit', 'sort']);

/** The filters of a query: every other parameter, its value compared as text. */
export const filtersOf = (query: Record<string, string>): [string, string][] =>
  Object.entries(query).filter(([name]) => !notFilters.has(name));

/** The values at a dotted path, looking into every element of a list on the way. */
function valuesAt(value: unknown, path: string[]): unknown[] {
  if (Array.isArray(value)) return value.flatMap((item) => valuesAt(item, path));
  if (path.length === 0) return [value];
  if (value === null || typeof value !== 'object') return [];
  return valuesAt((value as Record<string, unknown>)[path[0]!], path.slice(1));
}

/** Whether the resource has, for each filter, a value at its path equal to it (as text). */
export const matchesFilters = (resource: object, filters: [string, string][]) =>
  filters.every(([path, wanted]) => valuesAt(resource, path.split('.')).some((v) => String(v) === wanted));

/** The resource with only the attributes `fields` names (a comma-separated list), and always its id and href. */
export function selectFields<T extends object>(resource: T, fields: string | undefined): Partial<T> {
  if (fields === undefined || fields.trim() === '') return resource;
  const wanted = new Set(['id', 'href', ...fields.split(',').map((f) => f.trim())]);
  return Object.fromEntries(Object.entries(resource).filter(([name]) => wanted.has(name))) as Partial<T>;
}
