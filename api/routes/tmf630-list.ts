import { z } from '@hono/zod-openapi';
import { filtersOf, matchesFilters, selectFields } from '../../partners/adapters/tmf630.js';

/*
 * TMF630 lists on our TMF servers: attribute filters on the resource as served, paging by offset and limit, attribute
 * selection by `fields` (the query parameters TMF679 shares; the page itself for TMF622 and TMF621).
 */

/** `fields=`: the attributes to return (TMF630 attribute selection). */
export const FieldsQuery = z
  .string()
  .max(500)
  .optional()
  .openapi({
    param: { name: 'fields', in: 'query' },
    description: 'Attributes to return, comma-separated (id and href always come)',
    example: 'id,state',
  });

export const OffsetQuery = z.coerce
  .number()
  .int()
  .min(0)
  .max(1_000_000)
  .default(0)
  .openapi({ param: { name: 'offset', in: 'query' } });

/** How many of a carrier's newest orders or tickets a filtered list looks through. */
export const SERVED_LIST_SCAN = 1_000;

/**
 * One page of a list of served resources, newest first. Every query parameter that neither pages, selects nor is one
 * of `handled` (filters `newest` applied itself) is an attribute filter on the resource as served, compared as text;
 * then `offset` and `limit`; then the attributes `fields` names. Without attribute filters only the page is read and
 * served; with them, up to SERVED_LIST_SCAN of the newest, until the page is full.
 */
export async function tmfListPage<Row>(
  source: { newest(limit: number): Promise<Row[]>; serve(row: Row): object | Promise<object> },
  query: Record<string, string>,
  page: { offset: number; limit: number; fields: string | undefined },
  handled: string[],
): Promise<object[]> {
  const filters = filtersOf(query).filter(([name]) => !handled.includes(name));
  const found: object[] = [];
  // Unfiltered, the offset is counted in rows; filtered, in the rows that match.
  const rows = await source.newest(filters.length === 0 ? page.offset + page.limit : SERVED_LIST_SCAN);
  let toSkip = filters.length === 0 ? 0 : page.offset;
  for (const row of filters.length === 0 ? rows.slice(page.offset) : rows) {
    if (found.length === page.limit) break;
    const served = await source.serve(row);
    if (!matchesFilters(served, filters)) continue;
    if (toSkip > 0) toSkip -= 1;
    else found.push(selectFields(served, page.fields));
  }
  return found;
}
