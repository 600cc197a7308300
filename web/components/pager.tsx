/** Builds a link to the same list with some query parameters changed (empty ones dropped). */
export function hrefWith(
  path: string,
  query: Record<string, string | undefined>,
  changes: Record<string, string | undefined>,
): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...query, ...changes })) if (v) params.set(k, v);
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Pagination links under a list: back to the first page, and on to the next when there is one. */
export const Pager = ({
  first,
  next,
  label,
}: {
  first?: string | undefined;
  next?: string | undefined;
  label: string;
}) =>
  !first && !next ? null : (
    <nav class="pager" aria-label={`${label} pages`}>
      {first && <a href={first}>First page</a>}
      {next && (
        <a href={next} rel="next">
          Next page
        </a>
      )}
    </nav>
  );

/** Keyset pagination over (created_at, id), newest first: the cursor is the last row shown. */
export const cursorOf = (row: { createdAt: string; id: string }) => `${row.createdAt}~${row.id}`;

/**
 * One page of a keyset list fetched with limit size + 1: the rows to show and the links to the first and next pages.
 */
export function keysetPage<T extends { createdAt: string; id: string }>(
  rows: T[],
  size: number,
  path: string,
  query: Record<string, string>,
) {
  const shown = rows.slice(0, size);
  const last = shown.at(-1);
  return {
    shown,
    first: query.after ? hrefWith(path, query, { after: undefined }) : undefined,
    next: rows.length > size && last ? hrefWith(path, query, { after: cursorOf(last) }) : undefined,
  };
}

export function parseCursor(cursor: string | undefined): { createdAt: string; id: string } | undefined {
  const [createdAt, id] = (cursor ?? '').split('~');
  return createdAt && id ? { createdAt, id } : undefined;
}

/** Offset pagination with a cap, for lists that are sorted by something computed (the jeopardy board). */
export function pageNumber(raw: string | undefined, max: number): number {
  const n = Number.parseInt(raw ?? '1', 10);
  return Number.isFinite(n) ? Math.min(Math.max(n, 1), max) : 1;
}
